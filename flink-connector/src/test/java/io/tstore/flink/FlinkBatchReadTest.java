package io.tstore.flink;

import static io.tstore.flink.FlinkSqlTestSupport.batch;
import static io.tstore.flink.FlinkSqlTestSupport.rows;
import static io.tstore.flink.FlinkSqlTestSupport.table;
import static io.tstore.core.table.TableTestSupport.assertNoOrphanAndNoMissingFiles;
import static org.assertj.core.api.Assertions.assertThat;

import io.tstore.core.data.BinaryString;
import io.tstore.core.data.GenericRow;
import io.tstore.core.table.FileStoreTable;
import io.tstore.core.table.TableCommit;
import io.tstore.core.table.TableWrite;
import io.tstore.lsm.RowKind;

import org.apache.flink.table.api.TableEnvironment;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * Batch SELECTs of a primary-key table through Flink SQL, with projections, filters (pushed into the scan, or kept
 * by Flink) and limits, checked against a model of the table written with the core API.
 */
class FlinkBatchReadTest {
    @TempDir
    Path warehouse;

    TableEnvironment tEnv;
    TreeMap<Long, Row> model;

    /** A row of the model. */
    record Row(long id, int part, String name, Double price) {
        String projected() {
            return "+I[" + name + ", " + id + "]";
        }
    }

    @BeforeEach
    void setUp() throws Exception {
        tEnv = batch(warehouse);
        tEnv.executeSql("CREATE TABLE t (id BIGINT, part INT, name STRING, price DOUBLE, PRIMARY KEY (id, part) NOT ENFORCED)"
                + " PARTITIONED BY (part) WITH ('bucket' = '2')");
        model = writeRandom(table(warehouse, "default", "t"), 4, 300, new Random(42));
    }

    @Test
    void selectAllReturnsTheMergedTable() throws Exception {
        List<String> expected = new ArrayList<>();
        model.values().forEach(r -> expected.add("+I[" + r.id + ", " + r.part + ", " + r.name + ", " + r.price + "]"));
        assertThat(rows(tEnv, "SELECT * FROM t")).containsExactlyInAnyOrderElementsOf(expected);
        assertNoOrphanAndNoMissingFiles(table(warehouse, "default", "t"));
    }

    @Test
    void filtersAndProjectionsMatchTheModel() {
        check("part = 1 AND id < 150", r -> r.part == 1 && r.id < 150);
        check("id >= 100 AND id <= 120", r -> r.id >= 100 && r.id <= 120);
        check("120 > id", r -> r.id < 120);
        check("id <> 5 AND part <> 0", r -> r.id != 5 && r.part != 0);
        check("name IN ('n1', 'n2', 'n3')", r -> r.name != null && List.of("n1", "n2", "n3").contains(r.name));
        check("name IS NULL", r -> r.name == null);
        check("name IS NOT NULL AND id < 30", r -> r.name != null && r.id < 30);
        check("id < 10 OR id > 290", r -> r.id < 10 || r.id > 290);
        check("NOT (id < 280)", r -> !(r.id < 280));
        check("NOT (name IN ('n1', 'n2')) AND id < 100", r -> r.name != null && !List.of("n1", "n2").contains(r.name) && r.id < 100);
        check("price > 50.0", r -> r.price != null && r.price > 50.0);
        // Not translatable: Flink evaluates them.
        check("CHAR_LENGTH(name) = 2 AND part = 0", r -> r.name != null && r.name.length() == 2 && r.part == 0);
        check("name LIKE 'n1%'", r -> r.name != null && r.name.startsWith("n1"));
        check("CAST(id AS INT) + part = 11", r -> r.id + r.part == 11);
    }

    @Test
    void filtersArePushedIntoTheScan() {
        String plan = tEnv.explainSql("SELECT name FROM t WHERE id < 10 AND CHAR_LENGTH(name) = 2");
        assertThat(plan).contains("filter=[").contains("project=[");
        assertThat(plan).containsPattern("filter=\\[<\\(id, 10");
        // A filter on the partition column is pushed too (and prunes partitions in planning).
        assertThat(tEnv.explainSql("SELECT name FROM t WHERE part = 1")).containsPattern("filter=\\[=\\(part, 1");
    }

    @Test
    void limitReturnsThatManyRowsOfTheTable() {
        List<String> all = new ArrayList<>();
        model.values().forEach(r -> all.add(r.projected()));
        List<String> limited = rows(tEnv, "SELECT name, id FROM t LIMIT 7");
        assertThat(limited).hasSize(7);
        assertThat(all).containsAll(limited);
        assertThat(tEnv.explainSql("SELECT name, id FROM t LIMIT 7")).contains("limit=[7]");
    }

    private void check(String where, Predicate<Row> expected) {
        List<String> rows = new ArrayList<>();
        model.values().stream().filter(expected).forEach(r -> rows.add(r.projected()));
        assertThat(rows(tEnv, "SELECT name, id FROM t WHERE " + where))
                .as(where)
                .containsExactlyInAnyOrderElementsOf(rows);
    }

    static TreeMap<Long, Row> writeRandom(FileStoreTable table, int commits, int keys, Random random) throws Exception {
        return writeRandom(table, commits, keys, random, new TreeMap<>());
    }

    /** Writes random upserts and deletes in commits of their own commit user; returns the model after them. */
    static TreeMap<Long, Row> writeRandom(FileStoreTable table, int commits, int keys, Random random, TreeMap<Long, Row> before)
            throws Exception {
        TreeMap<Long, Row> model = new TreeMap<>(before);
        TableCommit commit = table.newCommit(UUID.randomUUID().toString());
        for (int c = 0; c < commits; c++) {
            try (TableWrite write = table.newWrite(false)) {
                for (int i = 0; i < keys; i++) {
                    long id = random.nextInt(keys);
                    int part = (int) (id % 2);
                    if (random.nextInt(6) == 0) {
                        GenericRow row = GenericRow.of(id, part, null, null);
                        row.setRowKind(RowKind.DELETE);
                        write.write(row);
                        model.remove(id);
                    } else {
                        String name = random.nextInt(10) == 0 ? null : "n" + random.nextInt(30);
                        Double price = random.nextInt(10) == 0 ? null : (double) random.nextInt(100);
                        write.write(GenericRow.of(id, part, name == null ? null : BinaryString.fromString(name), price));
                        model.put(id, new Row(id, part, name, price));
                    }
                }
                commit.commit(c, write.prepareCommit(true));
            }
        }
        return model;
    }
}
