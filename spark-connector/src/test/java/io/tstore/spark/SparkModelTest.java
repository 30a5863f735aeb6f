package io.tstore.spark;

import io.tstore.core.table.TableTestSupport;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A random workload through Spark SQL (inserts and upserts, static and dynamic partition overwrites) on a
 * partitioned deduplicate table, against a TreeMap of (partition, key) to value; the table matches the model after
 * every statement and ends with no orphan file.
 */
class SparkModelTest {
    private static SparkTestSupport support;

    @BeforeAll
    static void start() {
        support = SparkTestSupport.start("model");
        support.sql("CREATE DATABASE model");
    }

    @AfterAll
    static void stop() {
        support.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"orc", "parquet"})
    void deduplicateTableMatchesTheModel(String format) throws Exception {
        String table = "model.dedup_" + format;
        support.sql("CREATE TABLE " + table + " (p INT, k INT, v STRING) PARTITIONED BY (p) "
                + "TBLPROPERTIES ('primary-key' = 'p,k', 'bucket' = '2', 'file.format' = '" + format + "')");
        long seed = new Random().nextLong();
        Random random = new Random(seed);
        TreeMap<String, String> model = new TreeMap<>();
        for (int step = 0; step < 8; step++) {
            int kind = random.nextInt(4);
            List<String> values = new ArrayList<>();
            Map<String, String> written = new TreeMap<>();
            int fixedPartition = random.nextInt(3);
            for (int i = 0, n = 1 + random.nextInt(30); i < n; i++) {
                int p = kind == 2 ? fixedPartition : random.nextInt(3);
                int k = random.nextInt(20);
                String v = "s" + step + "-" + i;
                if (written.containsKey(key(p, k))) {
                    continue; // one row per key and statement: Spark's shuffle does not keep the order of a query's rows
                }
                values.add(kind == 2 ? "(" + k + ", '" + v + "')" : "(" + p + ", " + k + ", '" + v + "')");
                written.put(key(p, k), v);
            }
            String rows = String.join(", ", values);
            if (kind == 2) {
                support.sql("INSERT OVERWRITE " + table + " PARTITION (p = " + fixedPartition + ") VALUES " + rows);
                model.keySet().removeIf(key -> key.startsWith(fixedPartition + "/"));
            } else if (kind == 3) {
                support.spark.conf().set("spark.sql.sources.partitionOverwriteMode", "dynamic");
                try {
                    support.sql("INSERT OVERWRITE " + table + " VALUES " + rows);
                } finally {
                    support.spark.conf().unset("spark.sql.sources.partitionOverwriteMode");
                }
                for (String key : written.keySet()) {
                    String partition = key.substring(0, key.indexOf('/') + 1);
                    model.keySet().removeIf(existing -> existing.startsWith(partition));
                }
            } else {
                support.sql("INSERT INTO " + table + " VALUES " + rows);
            }
            model.putAll(written);

            List<String> expected = new ArrayList<>();
            model.forEach((key, value) -> expected.add("[" + key.substring(0, key.indexOf('/')) + ","
                    + Integer.parseInt(key.substring(key.indexOf('/') + 1)) + "," + value + "]"));
            assertThat(support.sql("SELECT p, k, v FROM " + table + " ORDER BY p, k"))
                    .as("seed %s, step %s", seed, step).containsExactlyElementsOf(expected);
        }
        TableTestSupport.assertNoOrphanAndNoMissingFiles(support.table("model", "dedup_" + format));
    }

    /** Sorts as the query's ORDER BY p, k does for these small non-negative ints. */
    private static String key(int p, int k) {
        return p + "/" + String.format("%02d", k);
    }
}
