package io.tstore.flink;

import static io.tstore.flink.FlinkSqlTestSupport.batch;
import static io.tstore.flink.FlinkSqlTestSupport.execute;
import static io.tstore.flink.FlinkSqlTestSupport.table;
import static io.tstore.flink.FlinkSqlTestSupport.tableRows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tstore.core.snapshot.CommitKind;
import io.tstore.core.snapshot.Snapshot;
import io.tstore.core.table.FileStoreTable;
import io.tstore.core.table.TableTestSupport;
import io.tstore.flink.sink.FlinkTableSink;

import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.table.api.TableResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/** Batch writes through Flink SQL, read back with the table format's reader. */
class FlinkSinkTest {
    @TempDir
    Path warehouse;

    TableEnvironment tEnv;

    @BeforeEach
    void setUp() {
        tEnv = batch(warehouse);
    }

    @AfterEach
    void noOrphanFiles() throws Exception {
        for (String name : FlinkSqlTestSupport.coreCatalog(warehouse).listTables("default")) {
            TableTestSupport.assertNoOrphanAndNoMissingFiles(table(warehouse, "default", name));
        }
    }

    @Test
    void insertIntoPrimaryKeyTableUpserts() throws Exception {
        tEnv.executeSql("CREATE TABLE t (id INT, dt STRING, v STRING, amount DECIMAL(10, 2), PRIMARY KEY (id, dt) NOT ENFORCED)"
                + " PARTITIONED BY (dt) WITH ('bucket' = '3')");
        TableResult first = tEnv.executeSql(
                "INSERT INTO t VALUES (1, 'a', 'one', 1.50), (2, 'a', 'two', 2.00), (1, 'b', 'one-b', CAST(NULL AS DECIMAL(10, 2)))");
        JobExecutionResult result = first.getJobClient().orElseThrow().getJobExecutionResult().get();
        assertThat((Long) result.getAccumulatorResult(FlinkTableSink.ROWS_WRITTEN_ACCUMULATOR)).isEqualTo(3);
        assertThat((Long) result.getAccumulatorResult(FlinkTableSink.COMMITS_ACCUMULATOR)).isEqualTo(1);
        execute(tEnv, "INSERT INTO t VALUES (1, 'a', 'ONE', 9.99), (3, 'b', 'three', 3.00)");

        assertThat(tableRows(warehouse, "default", "t")).containsExactlyInAnyOrder(
                "+I(id=1, dt='a', v='ONE', amount=9.99)",
                "+I(id=2, dt='a', v='two', amount=2.00)",
                "+I(id=1, dt='b', v='one-b', amount=null)",
                "+I(id=3, dt='b', v='three', amount=3.00)");
        FileStoreTable table = table(warehouse, "default", "t");
        Snapshot latest = table.snapshotManager().latestSnapshot();
        assertThat(latest.id()).isEqualTo(2);
        assertThat(latest.commitKind()).isEqualTo(CommitKind.APPEND);
    }

    @Test
    void insertIntoAppendTable() throws Exception {
        tEnv.executeSql("CREATE TABLE logs (ts TIMESTAMP(3), msg STRING, tags ARRAY<STRING>, attrs MAP<STRING, INT>,"
                + " point ROW<x DOUBLE, y DOUBLE>) WITH ('bucket' = '2')");
        execute(tEnv, "INSERT INTO logs VALUES"
                + " (TIMESTAMP '2024-05-01 10:00:00.123', 'start', ARRAY['a', 'b'], MAP['k', 1], ROW(1.0, 2.0)),"
                + " (TIMESTAMP '2024-05-01 10:00:01', 'start', ARRAY['a'], MAP['k', 2], ROW(3.0, 4.0))");
        execute(tEnv, "INSERT INTO logs SELECT ts, msg, tags, attrs, point FROM logs");

        assertThat(tableRows(warehouse, "default", "logs")).containsExactlyInAnyOrder(
                "+I(ts=2024-05-01T10:00:00.123, msg='start', tags=['a', 'b'], attrs={'k'=1}, point=(x=1.0, y=2.0))",
                "+I(ts=2024-05-01T10:00:01, msg='start', tags=['a'], attrs={'k'=2}, point=(x=3.0, y=4.0))",
                "+I(ts=2024-05-01T10:00:00.123, msg='start', tags=['a', 'b'], attrs={'k'=1}, point=(x=1.0, y=2.0))",
                "+I(ts=2024-05-01T10:00:01, msg='start', tags=['a'], attrs={'k'=2}, point=(x=3.0, y=4.0))");
    }

    @Test
    void insertOverwriteStaticPartition() throws Exception {
        tEnv.executeSql("CREATE TABLE t (id INT, dt STRING, v INT, PRIMARY KEY (id, dt) NOT ENFORCED) PARTITIONED BY (dt)");
        execute(tEnv, "INSERT INTO t VALUES (1, 'a', 1), (2, 'a', 2)");
        execute(tEnv, "INSERT INTO t PARTITION (dt = 'b') SELECT 1, 1");
        execute(tEnv, "INSERT OVERWRITE t PARTITION (dt = 'a') SELECT 3, 30");

        assertThat(tableRows(warehouse, "default", "t")).containsExactlyInAnyOrder(
                "+I(id=3, dt='a', v=30)", "+I(id=1, dt='b', v=1)");
        assertThat(FlinkSqlTestSupport.rows(tEnv, "SHOW PARTITIONS t")).containsExactlyInAnyOrder("+I[dt=a]", "+I[dt=b]");
        assertThat(table(warehouse, "default", "t").snapshotManager().latestSnapshot().commitKind()).isEqualTo(CommitKind.OVERWRITE);

        // An overwrite with no rows empties the partition.
        execute(tEnv, "INSERT OVERWRITE t PARTITION (dt = 'b') SELECT id, v FROM t WHERE v > 100");
        assertThat(tableRows(warehouse, "default", "t")).containsExactly("+I(id=3, dt='a', v=30)");
    }

    @Test
    void insertOverwriteDynamicPartitionsReplacesThePartitionsWritten() throws Exception {
        tEnv.executeSql("CREATE TABLE t (id INT, dt STRING, v INT) PARTITIONED BY (dt)");
        execute(tEnv, "INSERT INTO t VALUES (1, 'a', 1), (2, 'a', 2), (1, 'b', 1), (1, 'c', 1)");
        execute(tEnv, "INSERT OVERWRITE t VALUES (5, 'a', 5), (6, 'c', 6), (7, 'd', 7)");

        assertThat(tableRows(warehouse, "default", "t")).containsExactlyInAnyOrder(
                "+I(id=5, dt='a', v=5)", "+I(id=1, dt='b', v=1)", "+I(id=6, dt='c', v=6)", "+I(id=7, dt='d', v=7)");
    }

    @Test
    void insertOverwriteUnpartitionedTableReplacesEverythingAndTruncateEmptiesIt() throws Exception {
        tEnv.executeSql("CREATE TABLE t (id INT, v INT, PRIMARY KEY (id) NOT ENFORCED)");
        execute(tEnv, "INSERT INTO t VALUES (1, 1), (2, 2)");
        execute(tEnv, "INSERT OVERWRITE t VALUES (3, 3)");
        assertThat(tableRows(warehouse, "default", "t")).containsExactly("+I(id=3, v=3)");

        execute(tEnv, "TRUNCATE TABLE t");
        assertThat(tableRows(warehouse, "default", "t")).isEmpty();
        assertThat(table(warehouse, "default", "t").snapshotManager().latestSnapshot().commitKind()).isEqualTo(CommitKind.OVERWRITE);
    }

    @Test
    void createTableAsSelect() throws Exception {
        tEnv.executeSql("CREATE TABLE src (id INT, name STRING)");
        execute(tEnv, "INSERT INTO src VALUES (1, 'a'), (2, 'b')");
        execute(tEnv, "CREATE TABLE copy WITH ('bucket' = '1') AS SELECT id, UPPER(name) AS name FROM src");
        execute(tEnv, "CREATE TABLE keyed (PRIMARY KEY (id) NOT ENFORCED) AS SELECT COALESCE(id, 0) AS id, name FROM src");

        assertThat(tableRows(warehouse, "default", "copy")).containsExactlyInAnyOrder("+I(id=1, name='A')", "+I(id=2, name='B')");
        assertThat(table(warehouse, "default", "copy").schema().optionsMap()).containsEntry("bucket", "1");
        assertThat(table(warehouse, "default", "keyed").schema().primaryKeys()).containsExactly("id");
        assertThat(tableRows(warehouse, "default", "keyed")).containsExactlyInAnyOrder("+I(id=1, name='a')", "+I(id=2, name='b')");
    }

    @Test
    void dynamicOptionsApplyToTheWrite() throws Exception {
        tEnv.executeSql("CREATE TABLE t (id INT, v INT, PRIMARY KEY (id) NOT ENFORCED) WITH ('bucket' = '2')");
        execute(tEnv, "INSERT INTO t /*+ OPTIONS('file.format' = 'parquet', 'sink.parallelism' = '1') */ VALUES (1, 1)");
        assertThat(tableRows(warehouse, "default", "t")).containsExactly("+I(id=1, v=1)");
        assertThat(TableTestSupport.listFiles(table(warehouse, "default", "t"))).anyMatch(name -> name.endsWith(".parquet"));

        assertThatThrownBy(() -> execute(tEnv, "INSERT INTO t /*+ OPTIONS('no-such-option' = '1') */ VALUES (1, 1)"))
                .hasStackTraceContaining("no-such-option");
    }

    @Test
    void badRowsFailWithTheCoreMessageAndLeaveTheTableAsItWas() throws Exception {
        tEnv.executeSql("CREATE TABLE t (id INT, v INT, PRIMARY KEY (id) NOT ENFORCED)");
        execute(tEnv, "INSERT INTO t VALUES (1, 1)");
        assertThatThrownBy(() -> execute(tEnv, "INSERT INTO t /*+ OPTIONS('bucket' = '3') */ VALUES (2, 2)"))
                .hasStackTraceContaining("Table default.t: partition")
                .hasStackTraceContaining("change the bucket count only with an overwrite");
        assertThat(tableRows(warehouse, "default", "t")).containsExactly("+I(id=1, v=1)");
        assertThat(table(warehouse, "default", "t").snapshotManager().latestSnapshot().id()).isEqualTo(1);
    }

    @Test
    void updateAndDeleteRowsOfAPrimaryKeyTable() throws Exception {
        tEnv.executeSql("CREATE TABLE t (id INT, dt STRING, v INT, PRIMARY KEY (id, dt) NOT ENFORCED) PARTITIONED BY (dt)");
        execute(tEnv, "INSERT INTO t VALUES (1, 'a', 1), (2, 'a', 2), (3, 'b', 3), (4, 'b', 4)");

        execute(tEnv, "UPDATE t SET v = v * 10 WHERE id >= 2");
        assertThat(tableRows(warehouse, "default", "t")).containsExactlyInAnyOrder(
                "+I(id=1, dt='a', v=1)", "+I(id=2, dt='a', v=20)", "+I(id=3, dt='b', v=30)", "+I(id=4, dt='b', v=40)");

        execute(tEnv, "DELETE FROM t WHERE dt = 'a' OR v = 40");
        assertThat(tableRows(warehouse, "default", "t")).containsExactly("+I(id=3, dt='b', v=30)");
    }

    @Test
    void updateAndDeleteNeedAPrimaryKeyAndKeepKeys() {
        tEnv.executeSql("CREATE TABLE logs (id INT, v INT)");
        tEnv.executeSql("CREATE TABLE t (id INT, v INT, PRIMARY KEY (id) NOT ENFORCED)");
        tEnv.executeSql("CREATE TABLE agg (id INT, v INT, PRIMARY KEY (id) NOT ENFORCED) WITH ('merge-engine' = 'aggregation')");

        assertThatThrownBy(() -> execute(tEnv, "DELETE FROM logs WHERE id = 1"))
                .hasStackTraceContaining("Table default.logs has no primary key; DELETE needs one");
        assertThatThrownBy(() -> execute(tEnv, "UPDATE logs SET v = 1"))
                .hasStackTraceContaining("Table default.logs has no primary key; UPDATE needs one");
        assertThatThrownBy(() -> execute(tEnv, "UPDATE t SET id = 2 WHERE id = 1"))
                .hasStackTraceContaining("UPDATE cannot change primary key column 'id'");
        assertThatThrownBy(() -> execute(tEnv, "DELETE FROM agg WHERE id = 1"))
                .hasStackTraceContaining("DELETE is supported with merge-engine 'deduplicate' only");
    }

    @Test
    void everyTypeIsWrittenAsItsValue() throws Exception {
        tEnv.executeSql("CREATE TABLE all_types (b BOOLEAN, ti TINYINT, si SMALLINT, i INT, bi BIGINT, f FLOAT, d DOUBLE,"
                + " dec1 DECIMAL(10, 2), dec2 DECIMAL(38, 18), c CHAR(3), vc VARCHAR(10), s STRING, bin BINARY(2), vb VARBINARY(4),"
                + " dt DATE, tm TIME(3), ts TIMESTAMP(9), ltz TIMESTAMP_LTZ(3), arr ARRAY<INT>, m MAP<STRING, DOUBLE>,"
                + " r ROW<x INT, y ARRAY<STRING>>)");
        execute(tEnv, "INSERT INTO all_types VALUES (TRUE, CAST(1 AS TINYINT), CAST(-2 AS SMALLINT), 3, -4, CAST(5.5 AS FLOAT),"
                + " 6.25, 7.89, CAST('12345678901234567890.123456789012345678' AS DECIMAL(38, 18)), 'abc', 'vc', 'str \u00e9',"
                + " X'0102', X'0a0b0c', DATE '2024-05-01', TIME '12:34:56.789', TIMESTAMP '2024-05-01 10:00:00.123456789',"
                + " TO_TIMESTAMP_LTZ(1714557600123, 3), ARRAY[1, CAST(NULL AS INT), 3], MAP['k', 1.5], ROW(9, ARRAY['p', 'q']))");

        assertThat(tableRows(warehouse, "default", "all_types")).containsExactly("+I(b=true, ti=1, si=-2, i=3, bi=-4, f=5.5,"
                + " d=6.25, dec1=7.89, dec2=12345678901234567890.123456789012345678, c='abc', vc='vc', s='str \u00e9',"
                + " bin=x'0102', vb=x'0a0b0c', dt=2024-05-01, tm=12:34:56.789, ts=2024-05-01T10:00:00.123456789,"
                + " ltz=2024-05-01T10:00:00.123Z, arr=[1, null, 3], m={'k'=1.5}, r=(x=9, y=['p', 'q']))");
    }
}
