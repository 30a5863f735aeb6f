package io.tstore.benchmarks.hudi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The whole benchmark end to end at a small size: ours, Hudi MOR (compacting every 2 delta commits, so a compaction
 * runs) and Hudi COW must pass the correctness gate, and the outputs must exist. No times are checked.
 */
class HudiBenchTest {

    @Test
    void smallRunPassesTheGateAndWritesItsOutputs() throws Exception {
        Path out = Files.createTempDirectory(Paths.get(System.getProperty("java.io.tmpdir")), "hudi-bench-");
        BenchOptions options = new BenchOptions(2_000, 500, 2, 2, BenchOptions.UpdatePattern.UNIFORM, List.of("orc"),
                out, 42, 2, 1);
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();

        int exit = HudiBench.run(options, new PrintStream(stdout, true, StandardCharsets.UTF_8));

        String printed = stdout.toString(StandardCharsets.UTF_8);
        assertThat(exit).as(printed).isZero();
        assertThat(printed).contains("Correctness gate passed").contains("ours-orc/mor").contains("ours-orc/cow");
        JsonNode results = new ObjectMapper().readTree(out.resolve(Report.JSON).toFile());
        assertThat(results.get("gatePassed").asBoolean()).isTrue();
        assertThat(results.get("systems")).hasSize(3);
        for (JsonNode system : results.get("systems")) {
            assertThat(system.get("checksum").get("rows").asLong()).isEqualTo(2_000);
            assertThat(system.get("commits")).hasSize(3);
            assertThat(system.get("tableBytes").asLong()).isPositive();
        }
        JsonNode mor = results.get("systems").get(1);
        assertThat(mor.get("system").asText()).isEqualTo("hudi-mor");
        assertThat(mor.get("metadataTableBytes").asLong()).isPositive();
        // Compaction every 2 delta commits: one of the upserts compacted (Hudi decides which, counting from the load).
        boolean compacted = false;
        for (JsonNode commit : mor.get("commits")) {
            compacted |= commit.get("compacted").asBoolean();
        }
        assertThat(compacted).isTrue();
        assertThat(Files.readString(out.resolve(Report.CSV))).startsWith("system,scope,metric,value\n")
                .contains("hudi-cow,upserts,rows/cpu-s,");
        assertThat(Files.readString(out.resolve(Report.SVG))).startsWith("<svg").contains("hudi-mor");
    }
}
