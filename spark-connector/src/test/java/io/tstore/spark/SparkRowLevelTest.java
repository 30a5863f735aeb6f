package io.tstore.spark;

import io.tstore.core.table.TableTestSupport;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code DELETE}, {@code UPDATE} and {@code MERGE INTO} through Spark SQL: deltas by primary key, one APPEND snapshot
 * per statement holding only the changed rows, and clear errors (table unchanged) where the table cannot take them.
 */
class SparkRowLevelTest {
    private static SparkTestSupport support;

    @BeforeAll
    static void start() {
        support = SparkTestSupport.start("row-level");
        support.sql("CREATE DATABASE db");
    }

    @AfterAll
    static void stop() {
        support.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"orc", "parquet"})
    void deletesUpdatesAndMergesWriteOnlyTheChangedRows(String format) throws Exception {
        String t = "db.dml_" + format;
        support.sql("CREATE TABLE " + t + " (id BIGINT, dt STRING, v STRING, n INT) PARTITIONED BY (dt) "
                + "TBLPROPERTIES ('primary-key' = 'id,dt', 'bucket' = '2', 'file.format' = '" + format + "')");
        support.sql("INSERT INTO " + t + " VALUES (1, 'a', 'x', 10), (2, 'a', 'y', 20), (3, 'b', 'z', 30), "
                + "(4, 'b', 'w', 40), (5, 'c', 'u', 50)");
        List<String> filesBefore = files(t);

        support.sql("DELETE FROM " + t + " WHERE n >= 40 OR id = 1");
        assertThat(support.sql("SELECT * FROM " + t + " ORDER BY id")).containsExactly("[2,a,y,20]", "[3,b,z,30]");
        assertThat(lastSnapshot(t)).isEqualTo("[APPEND,3]"); // three deletes, no rewritten file
        assertThat(files(t)).containsAll(filesBefore);

        support.sql("UPDATE " + t + " SET v = concat(v, '!'), n = n + 1 WHERE dt = 'b' OR id = 2");
        assertThat(support.sql("SELECT * FROM " + t + " ORDER BY id")).containsExactly("[2,a,y!,21]", "[3,b,z!,31]");
        assertThat(lastSnapshot(t)).isEqualTo("[APPEND,2]");

        support.sql("UPDATE " + t + " SET v = 'none' WHERE id = 99");
        assertThat(support.sql("SELECT * FROM " + t + " ORDER BY id")).containsExactly("[2,a,y!,21]", "[3,b,z!,31]");

        support.sql("CREATE TEMPORARY VIEW src_" + format + " AS SELECT * FROM VALUES "
                + "(2L, 'a', 'drop'), (3L, 'b', 'set'), (6L, 'c', 'new'), (7L, 'a', 'skip') AS s(id, dt, op)");
        support.sql("MERGE INTO " + t + " t USING src_" + format + " s ON t.id = s.id AND t.dt = s.dt "
                + "WHEN MATCHED AND s.op = 'drop' THEN DELETE "
                + "WHEN MATCHED THEN UPDATE SET t.v = s.op, t.n = t.n * 2 "
                + "WHEN NOT MATCHED AND s.op <> 'skip' THEN INSERT (id, dt, v, n) VALUES (s.id, s.dt, s.op, 0)");
        assertThat(support.sql("SELECT * FROM " + t + " ORDER BY id")).containsExactly("[3,b,set,62]", "[6,c,new,0]");
        assertThat(lastSnapshot(t)).isEqualTo("[APPEND,3]");

        assertThatThrownBy(() -> support.sql("UPDATE " + t + " SET id = id + 10 WHERE id = 3"))
                .hasStackTraceContaining("Table " + "db.dml_" + format)
                .hasStackTraceContaining("cannot change primary key column 'id' (from 3 to 13)");
        assertThatThrownBy(() -> support.sql("UPDATE " + t + " SET dt = 'z' WHERE id = 3"))
                .hasStackTraceContaining("cannot change primary key column 'dt' (from b to z), a partition key");
        assertThat(support.sql("SELECT * FROM " + t + " ORDER BY id")).containsExactly("[3,b,set,62]", "[6,c,new,0]");
        TableTestSupport.assertNoOrphanAndNoMissingFiles(support.table("db", "dml_" + format));
    }

    @Test
    void partialUpdateTablesTakeUpdatesButNoDeletes() throws Exception {
        String t = "db.partial";
        support.sql("CREATE TABLE " + t + " (id INT, a STRING, b STRING) "
                + "TBLPROPERTIES ('primary-key' = 'id', 'bucket' = '2', 'merge-engine' = 'partial-update')");
        support.sql("INSERT INTO " + t + " VALUES (1, 'a1', NULL), (2, 'a2', 'b2')");
        support.sql("INSERT INTO " + t + " VALUES (1, NULL, 'b1')");
        support.sql("UPDATE " + t + " SET a = 'A' WHERE id = 1");
        assertThat(support.sql("SELECT * FROM " + t + " ORDER BY id")).containsExactly("[1,A,b1]", "[2,a2,b2]");

        assertThatThrownBy(() -> support.sql("DELETE FROM " + t + " WHERE id = 1"))
                .hasMessageContaining("Table db.partial cannot delete rows (DELETE): its merge-engine 'partial-update'");
        support.sql("CREATE TEMPORARY VIEW partial_src AS SELECT * FROM VALUES (1, 'x'), (2, 'y') AS s(id, a)");
        assertThatThrownBy(() -> support.sql("MERGE INTO " + t + " t USING partial_src s ON t.id = s.id "
                + "WHEN MATCHED AND s.id = 1 THEN DELETE WHEN MATCHED THEN UPDATE SET t.a = s.a"))
                .hasStackTraceContaining("Table db.partial cannot delete rows (MERGE): its merge-engine 'partial-update'");
        assertThat(support.sql("SELECT * FROM " + t + " ORDER BY id")).containsExactly("[1,A,b1]", "[2,a2,b2]");
        TableTestSupport.assertNoOrphanAndNoMissingFiles(support.table("db", "partial"));
    }

    @Test
    void tablesThatCannotTakeAStatementFailNamingTheTableAndTheReason() throws Exception {
        support.sql("CREATE TABLE db.agg (id INT, total BIGINT) TBLPROPERTIES ('primary-key' = 'id', 'bucket' = '1', "
                + "'merge-engine' = 'aggregation', 'fields.total.aggregate-function' = 'sum')");
        support.sql("INSERT INTO db.agg VALUES (1, 5), (1, 7)");
        assertThatThrownBy(() -> support.sql("UPDATE db.agg SET total = 0"))
                .hasMessageContaining("Table db.agg cannot update rows (UPDATE): its merge-engine 'aggregation'");
        assertThatThrownBy(() -> support.sql("DELETE FROM db.agg WHERE id = 1"))
                .hasMessageContaining("Table db.agg cannot delete rows (DELETE): its merge-engine 'aggregation'");
        assertThat(support.sql("SELECT * FROM db.agg")).containsExactly("[1,12]");

        support.sql("CREATE TABLE db.ignoring (id INT, v STRING) TBLPROPERTIES ('primary-key' = 'id', "
                + "'ignore-delete' = 'true')");
        assertThatThrownBy(() -> support.sql("DELETE FROM db.ignoring WHERE id = 1"))
                .hasMessageContaining("Table db.ignoring cannot delete rows (DELETE): it has 'ignore-delete' = 'true'");

        support.sql("CREATE TABLE db.appends (id INT, v STRING)");
        support.sql("INSERT INTO db.appends VALUES (1, 'x')");
        assertThatThrownBy(() -> support.sql("DELETE FROM db.appends WHERE id = 1"))
                .hasMessageContaining("Table db.appends has no primary key: DELETE changes rows by their primary key");
        assertThatThrownBy(() -> support.sql("UPDATE db.appends SET v = 'y'"))
                .hasMessageContaining("Table db.appends has no primary key: UPDATE");
        assertThat(support.sql("SELECT * FROM db.appends")).containsExactly("[1,x]");

        // An insert-only MERGE is an append, which every table takes.
        support.sql("MERGE INTO db.agg t USING (SELECT 2 AS id, 3L AS total) s ON t.id = s.id "
                + "WHEN NOT MATCHED THEN INSERT *");
        assertThat(support.sql("SELECT * FROM db.agg ORDER BY id")).containsExactly("[1,12]", "[2,3]");
    }

    private static List<String> files(String table) {
        return support.sql("SELECT file_path FROM " + table.replace(".", ".`") + "$files`");
    }

    private static String lastSnapshot(String table) {
        return support.sql("SELECT commit_kind, delta_record_count FROM " + table.replace(".", ".`")
                + "$snapshots` ORDER BY snapshot_id DESC LIMIT 1").get(0);
    }
}
