package io.tstore.benchmarks.hudi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Paths;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/** The generated workload: distinct keys per commit, a model that follows the last write, rows as the issue says. */
class WorkloadTest {
    private static BenchOptions options(BenchOptions.UpdatePattern pattern) {
        return new BenchOptions(10_000, 2_000, 3, 4, pattern, List.of("orc"), Paths.get("out"), 7, 5, 3);
    }

    @Test
    void everyCommitWritesDistinctKeysAndTheModelKeepsTheLastCommit() {
        for (BenchOptions.UpdatePattern pattern : BenchOptions.UpdatePattern.values()) {
            Workload workload = new Workload(options(pattern));
            assertThat(workload.keys(0)).hasSize(10_000);
            for (int c = 1; c <= 3; c++) {
                long[] keys = workload.keys(c);
                assertThat(Arrays.stream(keys).distinct().count()).as(pattern + " commit " + c).isEqualTo(2_000);
                assertThat(Arrays.stream(keys).allMatch(k -> k >= 0 && k < 10_000)).isTrue();
            }
            for (int key = 0; key < 10_000; key++) {
                int last = 0;
                for (int c = 1; c <= 3; c++) {
                    final long k = key;
                    if (Arrays.stream(workload.keys(c)).anyMatch(x -> x == k)) {
                        last = c;
                    }
                }
                assertThat(workload.lastCommit(key)).isEqualTo(last);
            }
        }
    }

    @Test
    void zipfRevisitsHotKeysMoreThanUniform() {
        Workload uniform = new Workload(options(BenchOptions.UpdatePattern.UNIFORM));
        Workload zipf = new Workload(options(BenchOptions.UpdatePattern.ZIPF));
        assertThat(overlap(zipf)).isGreaterThan(overlap(uniform));
    }

    private static long overlap(Workload workload) {
        long[] first = workload.keys(1);
        return Arrays.stream(workload.keys(2)).filter(k -> Arrays.stream(first).anyMatch(x -> x == k)).count();
    }

    @Test
    void rowsAreDeterministicWithNamesOf64To96CharactersAndGrowingTimestamps() {
        RowGenerator generator = new RowGenerator(42);
        for (long key = 0; key < 500; key++) {
            Row load = generator.row(key, 0);
            Row update = generator.row(key, 1);
            assertThat(load).isEqualTo(generator.row(key, 0));
            assertThat(load.getString(1).length()).isBetween(64, 96);
            assertThat(update.getTimestamp(10)).isAfter(load.getTimestamp(10));
            assertThat(generator.inputBytes(key, 0)).isEqualTo(80 + load.getString(1).length());
        }
    }

    @Test
    void badOptionsNameTheOptionAndValue() {
        assertThatThrownBy(() -> BenchOptions.parse("--keys", "0")).hasMessageContaining("--keys")
                .hasMessageContaining("'0'");
        assertThatThrownBy(() -> BenchOptions.parse("--pattern", "skewed")).hasMessageContaining("'skewed'");
        assertThatThrownBy(() -> BenchOptions.parse("--format", "avro")).hasMessageContaining("'avro'");
        assertThatThrownBy(() -> BenchOptions.parse("--keys", "10", "--rows-per-commit", "20"))
                .hasMessageContaining("must not exceed --keys");
        assertThat(BenchOptions.parse("--format", "both", "--pattern", "ZIPF").formats())
                .containsExactly("orc", "parquet");
    }
}
