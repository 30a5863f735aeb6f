package io.tstore.spark;

import io.tstore.core.table.TableTestSupport;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A random workload through Spark SQL (inserts and upserts, DELETE, UPDATE, MERGE INTO, static and dynamic partition
 * overwrites) on partitioned primary-key tables of each merge engine that Spark changes rows of (deduplicate,
 * partial-update, aggregation with a sum and a last_non_null_value), in ORC and Parquet, against a TreeMap of
 * (partition, key) to the row's values. A statement the table cannot take must fail and leave the table as the
 * model has it. The table matches the model after every statement and ends with no orphan file. Steps per table:
 * {@code -Dtstore.spark.model.steps=N} (default 6).
 */
class SparkRowLevelModelTest {
    private static final int STEPS = Integer.getInteger("tstore.spark.model.steps", 6);
    private static SparkTestSupport support;

    @BeforeAll
    static void start() {
        support = SparkTestSupport.start("row-level-model");
        support.sql("CREATE DATABASE model");
    }

    @AfterAll
    static void stop() {
        support.close();
    }

    /** The values of one row: v (INT) and s (STRING), either may be null. */
    private record Value(Integer v, String s) {
        Value mergedWith(Value later, String engine) {
            return switch (engine) {
                case "partial-update" -> new Value(later.v != null ? later.v : v, later.s != null ? later.s : s);
                case "aggregation" -> new Value(later.v == null ? v : v == null ? later.v : (Integer) (v + later.v),
                        later.s != null ? later.s : s);
                default -> later;
            };
        }
    }

    @ParameterizedTest
    @CsvSource({"deduplicate, orc", "deduplicate, parquet", "partial-update, orc", "partial-update, parquet",
            "aggregation, orc", "aggregation, parquet"})
    void tableMatchesTheModel(String engine, String format) throws Exception {
        String name = engine.replace("-", "_") + "_" + format;
        String table = "model." + name;
        support.sql("CREATE TABLE " + table + " (p INT, k INT, v INT, s STRING) PARTITIONED BY (p) "
                + "TBLPROPERTIES ('primary-key' = 'p,k', 'bucket' = '2', 'file.format' = '" + format + "', "
                + "'merge-engine' = '" + engine + "'"
                + (engine.equals("aggregation") ? ", 'fields.v.aggregate-function' = 'sum'" : "") + ")");
        long seed = new Random().nextLong();
        Random random = new Random(seed);
        TreeMap<String, Value> model = new TreeMap<>();
        for (int step = 0; step < STEPS; step++) {
            int kind = step == 0 ? 0 : random.nextInt(6);
            String description = "seed " + seed + ", step " + step + ", kind " + kind;
            switch (kind) {
                case 0 -> {
                    Map<String, Value> rows = randomRows(random, step, -1);
                    support.sql("INSERT INTO " + table + " VALUES " + values(rows));
                    rows.forEach((key, value) -> model.merge(key, value, (old, later) -> old.mergedWith(later, engine)));
                }
                case 1 -> {
                    int m = 2 + random.nextInt(3);
                    int r = random.nextInt(m);
                    String where = "k % " + m + " = " + r;
                    Predicate<String> matches = key -> key(key)[1] % m == r;
                    if (engine.equals("deduplicate")) {
                        support.sql("DELETE FROM " + table + " WHERE " + where);
                        model.keySet().removeIf(matches);
                    } else {
                        assertThatThrownBy(() -> support.sql("DELETE FROM " + table + " WHERE " + where))
                                .as(description).hasMessageContaining("Table " + table + " cannot delete rows");
                    }
                }
                case 2 -> {
                    int m = 2 + random.nextInt(3);
                    int r = random.nextInt(m);
                    String s = "u" + step;
                    String statement = "UPDATE " + table + " SET v = v + 1, s = '" + s + "' WHERE k % " + m + " = " + r;
                    if (engine.equals("aggregation")) {
                        assertThatThrownBy(() -> support.sql(statement))
                                .as(description).hasMessageContaining("Table " + table + " cannot update rows");
                    } else {
                        support.sql(statement);
                        model.replaceAll((key, value) -> key(key)[1] % m == r
                                ? new Value(value.v == null ? null : value.v + 1, s) : value);
                    }
                }
                case 3 -> merge(table, engine, random, step, model, description);
                case 4 -> {
                    int partition = random.nextInt(3);
                    Map<String, Value> rows = randomRows(random, step, partition);
                    List<String> tuples = new ArrayList<>();
                    rows.forEach((key, value) -> tuples.add("(" + key(key)[1] + ", " + sql(value) + ")"));
                    support.sql("INSERT OVERWRITE " + table + " PARTITION (p = " + partition + ") VALUES "
                            + String.join(", ", tuples));
                    model.keySet().removeIf(key -> key(key)[0] == partition);
                    model.putAll(rows);
                }
                default -> {
                    Map<String, Value> rows = randomRows(random, step, -1);
                    support.spark.conf().set("spark.sql.sources.partitionOverwriteMode", "dynamic");
                    try {
                        support.sql("INSERT OVERWRITE " + table + " VALUES " + values(rows));
                    } finally {
                        support.spark.conf().unset("spark.sql.sources.partitionOverwriteMode");
                    }
                    for (String key : rows.keySet()) {
                        int partition = key(key)[0];
                        model.keySet().removeIf(existing -> key(existing)[0] == partition);
                    }
                    model.putAll(rows);
                }
            }
            List<String> expected = new ArrayList<>();
            model.forEach((key, value) -> expected.add("[" + key(key)[0] + "," + key(key)[1] + "," + value.v + ","
                    + value.s + "]"));
            assertThat(support.sql("SELECT p, k, v, s FROM " + table + " ORDER BY p, k"))
                    .as(description).containsExactlyElementsOf(expected);
        }
        TableTestSupport.assertNoOrphanAndNoMissingFiles(support.table("model", name));
    }

    /** A MERGE with a delete, an update and an insert clause; only the insert clause for aggregation tables. */
    private static void merge(String table, String engine, Random random, int step, TreeMap<String, Value> model,
            String description) {
        Map<String, Value> source = randomRows(random, step, -1);
        Map<String, Boolean> deletes = new TreeMap<>();
        List<String> tuples = new ArrayList<>();
        source.forEach((key, value) -> {
            boolean delete = random.nextInt(4) == 0;
            deletes.put(key, delete);
            tuples.add("(" + key(key)[0] + ", " + key(key)[1] + ", " + sql(value) + ", '" + (delete ? "d" : "u") + "')");
        });
        String using = "MERGE INTO " + table + " t USING (SELECT * FROM VALUES " + String.join(", ", tuples)
                + " AS src(p, k, v, s, op)) src ON t.p = src.p AND t.k = src.k ";
        String insert = "WHEN NOT MATCHED THEN INSERT (p, k, v, s) VALUES (src.p, src.k, src.v, src.s)";
        if (engine.equals("aggregation")) {
            assertThatThrownBy(() -> support.sql(using + "WHEN MATCHED THEN UPDATE SET v = src.v " + insert))
                    .as(description).hasMessageContaining("Table " + table + " cannot update rows (MERGE INTO)");
            support.sql(using + insert);
            source.forEach(model::putIfAbsent);
            return;
        }
        String statement = using + "WHEN MATCHED AND src.op = 'd' THEN DELETE "
                + "WHEN MATCHED THEN UPDATE SET v = src.v, s = src.s " + insert;
        boolean deletesARow = source.keySet().stream().anyMatch(key -> deletes.get(key) && model.containsKey(key));
        if (engine.equals("partial-update") && deletesARow) {
            assertThatThrownBy(() -> support.sql(statement))
                    .as(description).hasStackTraceContaining("Table " + table + " cannot delete rows (MERGE)");
            return;
        }
        support.sql(statement);
        source.forEach((key, value) -> {
            Value old = model.get(key);
            if (old == null) {
                model.put(key, value);
            } else if (deletes.get(key)) {
                model.remove(key);
            } else {
                model.put(key, old.mergedWith(value, engine));
            }
        });
    }

    /** Rows of distinct keys (Spark's shuffle does not keep the order of a statement's rows), in one partition or any. */
    private static Map<String, Value> randomRows(Random random, int step, int partition) {
        Map<String, Value> rows = new TreeMap<>();
        for (int i = 0, n = 1 + random.nextInt(12); i < n; i++) {
            int p = partition >= 0 ? partition : random.nextInt(3);
            int k = random.nextInt(12);
            Integer v = random.nextInt(5) == 0 ? null : random.nextInt(100);
            String s = random.nextInt(5) == 0 ? null : "s" + step + "-" + i;
            rows.putIfAbsent(key(p, k), new Value(v, s));
        }
        return rows;
    }

    private static String values(Map<String, Value> rows) {
        List<String> tuples = new ArrayList<>();
        rows.forEach((key, value) -> tuples.add("(" + key(key)[0] + ", " + key(key)[1] + ", " + sql(value) + ")"));
        return String.join(", ", tuples);
    }

    private static String sql(Value value) {
        return "CAST(" + value.v + " AS INT), " + (value.s == null ? "CAST(NULL AS STRING)" : "'" + value.s + "'");
    }

    /** Sorts as ORDER BY p, k does for these small non-negative ints. */
    private static String key(int p, int k) {
        return p + "/" + String.format("%02d", k);
    }

    private static int[] key(String key) {
        int slash = key.indexOf('/');
        return new int[] {Integer.parseInt(key.substring(0, slash)), Integer.parseInt(key.substring(slash + 1))};
    }

}
