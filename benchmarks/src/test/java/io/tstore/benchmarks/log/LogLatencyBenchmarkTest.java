package io.tstore.benchmarks.log;

import io.tstore.core.catalog.FileSystemCatalog;
import io.tstore.core.table.Identifier;
import io.tstore.log.kafka.EmbeddedKafka;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The latency benchmark's parts: that every mode's subscriber gets exactly the rows its writer wrote (against a real
 * table and an in-process Kafka broker), and the report's arithmetic against a plain model. No timing is asserted.
 */
class LogLatencyBenchmarkTest {
    @TempDir
    Path directory;

    @Test
    void everyModeDeliversExactlyTheRowsWritten() throws Exception {
        try (EmbeddedKafka kafka = new EmbeddedKafka(directory.resolve("kafka"), true, Map.of()).start()) {
            FileSystemCatalog catalog = FileSystemCatalog.create(directory.resolve("warehouse").toString(), Map.of());
            catalog.createDatabase("bench", false);
            // 3 commits 1 s apart at 200 rows/s: about 600 rows per mode, the first 200 or so warm-up.
            LogLatencyBenchmark benchmark = new LogLatencyBenchmark(catalog, kafka.bootstrapServers(), 200, Duration.ofSeconds(1), 3);
            for (LatencyMode mode : LatencyMode.values()) {
                LatencyReport.Result result = benchmark.run(mode);
                assertThat(result.rowsWritten()).as(mode.label()).isGreaterThan(0);
                assertThat(result.rowsSeen()).as(mode.label()).isEqualTo(result.rowsWritten());
                assertThat(result.complete()).as(mode.label()).isTrue();
                assertThat(result.latencies().length).as(mode.label()).isBetween(1, result.rowsSeen() - 1);
                // One clock for writer and subscriber: no row is seen before it was written.
                assertThat(result.latencies()).as(mode.label()).isSorted();
                assertThat(result.latencies()[0]).as(mode.label()).isNotNegative();
                assertThat(catalog.tableExists(Identifier.of("bench", "latency_" + mode.modeName())))
                        .as("the run drops its table").isFalse();
            }
        }
    }

    @Test
    void resultKeepsTheRowsAfterTheWarmUpAndTakesNearestRankPercentiles() {
        SplittableRandom random = new SplittableRandom(7);
        int rows = 1 + random.nextInt(2_000);
        long[] sent = new long[rows];
        long[] seen = new long[rows];
        long base = 1_000_000_000L + random.nextInt(1_000);
        for (int i = 0; i < rows; i++) {
            sent[i] = base + random.nextLong(5_000_000_000L);
            seen[i] = sent[i] + random.nextLong(3_000_000_000L);
        }
        long warmup = 1_000_000_000L;
        LatencyReport.Result result = LatencyReport.Result.of(LatencyMode.NONE, rows,
                new ChangelogSubscriber.Observed(sent, seen), warmup);

        long first = Arrays.stream(sent).min().orElseThrow();
        List<Long> model = new ArrayList<>();
        for (int i = 0; i < rows; i++) {
            if (sent[i] >= first + warmup) {
                model.add(seen[i] - sent[i]);
            }
        }
        model.sort(null);
        assertThat(result.latencies()).containsExactly(model.stream().mapToLong(Long::longValue).toArray());
        assertThat(result.complete()).isTrue();
        if (!model.isEmpty()) {
            for (double q : new double[] {0.01, 0.5, 0.99, 1.0}) {
                // Nearest rank: the smallest value with at least q of the values at or below it.
                long expected = model.stream().filter(v -> model.stream().filter(w -> w <= v).count() >= q * model.size())
                        .findFirst().orElseThrow();
                assertThat(result.millisAt(q)).as("q = %s", q).isEqualTo(expected / 1e6);
            }
        }
    }

    @Test
    void emptyResultHasNoPercentilesAndIsIncompleteWhenRowsWereWritten() {
        LatencyReport.Result result = LatencyReport.Result.of(LatencyMode.EVENTUAL, 10,
                new ChangelogSubscriber.Observed(new long[0], new long[0]), 1);
        assertThat(result.latencies()).isEmpty();
        assertThat(result.millisAt(0.5)).isNaN();
        assertThat(result.complete()).isFalse();
    }

    @Test
    void keysLeaveNoKeyWrittenTwiceWithinACommit() {
        assertThat(LatencyRows.keys(2_000, 10_000)).isEqualTo(LatencyRows.MIN_KEYS);
        assertThat(LatencyRows.keys(50_000, 10_000)).isEqualTo(1_000_000);
        assertThat(LatencyRows.keys(1, 1)).isEqualTo(LatencyRows.MIN_KEYS);
        assertThatThrownBy(() -> LatencyRows.keys(1_000_000_000, 10_000))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1,000,000,000 rows/s");
    }

    @Test
    void modesParseInOrderWithoutRepeatsAndNameABadOne() {
        assertThat(LatencyMode.parseList("transactional, none,transactional", "usage"))
                .containsExactly(LatencyMode.TRANSACTIONAL, LatencyMode.NONE);
        assertThatThrownBy(() -> LatencyMode.parseList("none,exactly-once", "usage"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'exactly-once'").hasMessageContaining("none, eventual or transactional");
    }
}
