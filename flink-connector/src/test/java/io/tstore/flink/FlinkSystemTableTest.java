package io.tstore.flink;

import static io.tstore.flink.FlinkSqlTestSupport.batch;
import static io.tstore.flink.FlinkSqlTestSupport.rows;
import static io.tstore.flink.FlinkSqlTestSupport.table;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tstore.core.snapshot.Snapshot;
import io.tstore.core.table.FileStoreTable;

import org.apache.flink.table.api.TableEnvironment;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** System tables ({@code t$snapshots}...) read through Flink SQL, checked against the table's metadata. */
class FlinkSystemTableTest {
    @TempDir
    Path warehouse;

    TableEnvironment tEnv;
    FileStoreTable table;

    @BeforeEach
    void setUp() throws Exception {
        tEnv = batch(warehouse);
        tEnv.executeSql("CREATE TABLE t (id BIGINT, part INT, name STRING, price DOUBLE, PRIMARY KEY (id) NOT ENFORCED)"
                + " WITH ('bucket' = '2')");
        table = table(warehouse, "default", "t");
        FlinkBatchReadTest.writeRandom(table, 3, 50, new Random(3));
    }

    @Test
    void snapshotsTableListsTheSnapshots() throws Exception {
        List<String> expected = new ArrayList<>();
        for (Snapshot snapshot : table.snapshotManager().snapshots()) {
            expected.add("+I[" + snapshot.id() + ", " + snapshot.commitKind() + "]");
        }
        assertThat(expected).hasSizeGreaterThanOrEqualTo(3);
        assertThat(rows(tEnv, "SELECT snapshot_id, commit_kind FROM `t$snapshots`")).containsExactlyElementsOf(expected);

        List<String> later = expected.subList(1, expected.size());
        assertThat(rows(tEnv, "SELECT snapshot_id, commit_kind FROM `t$snapshots` WHERE snapshot_id > 1"))
                .containsExactlyElementsOf(later);
    }

    @Test
    void filesTableCountsTheRowsOfTheLatestSnapshot() throws Exception {
        long files = table.newReadBuilder().newScan().dataSplits().stream().mapToLong(s -> s.files().size()).sum();
        assertThat(rows(tEnv, "SELECT COUNT(*) FROM `t$files`")).containsExactly("+I[" + files + "]");
    }

    @Test
    void systemTablesWorkInStreamingModeToo() throws Exception {
        TableEnvironment streaming = FlinkSqlTestSupport.streaming(warehouse, new org.apache.flink.configuration.Configuration());
        long count = table.snapshotManager().snapshots().size();
        assertThat(rows(streaming, "SELECT COUNT(*) FROM `t$snapshots`")).last().isEqualTo("+U[" + count + "]");
    }

    @Test
    void unknownSystemTableNamesThoseThereAre() {
        assertThatThrownBy(() -> rows(tEnv, "SELECT * FROM `t$nope`"))
                .hasStackTraceContaining("has no system table 'nope'")
                .hasStackTraceContaining("snapshots");
        assertThatThrownBy(() -> rows(tEnv, "SELECT * FROM `missing$snapshots`"))
                .hasStackTraceContaining("missing$snapshots");
    }
}
