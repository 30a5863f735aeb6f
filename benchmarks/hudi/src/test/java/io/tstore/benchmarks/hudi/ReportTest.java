package io.tstore.benchmarks.hudi;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The report's ratios and its refusal to print them when a table fails the correctness gate. */
class ReportTest {
    private static final BenchOptions OPTIONS = BenchOptions.defaults(Paths.get("out"));

    private static Results.SystemRun run(String name, long wallNanos, double scanMillis, List<String> errors) {
        List<Results.Commit> commits = List.of(
                new Results.Commit(0, 1000, 150_000, wallNanos, wallNanos, 2, 100_000, 0, 0, false),
                new Results.Commit(1, 100, 15_000, wallNanos, wallNanos, 2, 10_000, 1, 500, false));
        Map<String, Double> queries = Map.of(BenchRunner.QUERY_COUNT, 10.0, BenchRunner.QUERY_SCAN, scanMillis,
                BenchRunner.QUERY_LOOKUP, 5.0, BenchRunner.QUERY_FILTER, 20.0);
        return new Results.SystemRun(name, Map.of(), commits, 4, 110_000, 1, 500, queries,
                new Results.Checksum(1000, "7"), errors);
    }

    private static String print(List<Results.SystemRun> runs) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new Report(OPTIONS, runs, Map.of()).print(new PrintStream(out, true, StandardCharsets.UTF_8));
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void ratiosSayHowManyTimesBetterOursIs() {
        String printed = print(List.of(run("ours-orc", 1_000_000_000L, 100, List.of()),
                run("hudi-mor", 3_000_000_000L, 200, List.of()), run("hudi-cow", 5_000_000_000L, 100, List.of())));

        assertThat(printed).contains("Correctness gate passed");
        assertThat(printed.lines().filter(l -> l.startsWith("upsert rows/s ")).findFirst().orElseThrow())
                .contains("3.00x").contains("5.00x");
        assertThat(printed.lines().filter(l -> l.startsWith("full scan ms")).findFirst().orElseThrow())
                .contains("2.00x").contains("1.00x");
    }

    @Test
    void aFailedGatePrintsNoRatios() {
        String printed = print(List.of(run("ours-orc", 1_000_000_000L, 100, List.of()),
                run("hudi-mor", 3_000_000_000L, 200, List.of("hudi-mor: 999 rows, the model has 1000")),
                run("hudi-cow", 5_000_000_000L, 100, List.of())));

        assertThat(new Report(OPTIONS, List.of(run("hudi-mor", 1, 1, List.of("bad"))), Map.of()).passed()).isFalse();
        assertThat(printed).contains("CORRECTNESS GATE FAILED").contains("hudi-mor: 999 rows, the model has 1000")
                .doesNotContain("/mor").doesNotContain("x ");
    }
}
