package io.tstore.flink;

import static io.tstore.core.table.TableTestSupport.assertNoOrphanAndNoMissingFiles;
import static io.tstore.flink.FlinkSqlTestSupport.batch;
import static io.tstore.flink.FlinkSqlTestSupport.rows;
import static io.tstore.flink.FlinkSqlTestSupport.table;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tstore.core.data.BinaryString;
import io.tstore.core.data.GenericRow;
import io.tstore.core.fs.Path;
import io.tstore.core.table.DataSplit;
import io.tstore.core.snapshot.CommitKind;
import io.tstore.core.table.FileStoreTable;
import io.tstore.core.table.TableCommit;
import io.tstore.core.table.TableWrite;
import io.tstore.core.tag.TagManager;

import org.apache.flink.table.api.TableEnvironment;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/** The {@code sys} procedures called from Flink SQL, checked against the table's snapshots, tags and rows. */
class FlinkProcedureTest {
    @TempDir
    java.nio.file.Path warehouse;

    TableEnvironment tEnv;
    FileStoreTable table;
    TableCommit commit;
    long identifier;
    final TreeMap<Long, String> model = new TreeMap<>();

    @BeforeEach
    void setUp() throws Exception {
        tEnv = batch(warehouse);
        tEnv.executeSql("CREATE TABLE t (id BIGINT, dt STRING, name STRING, PRIMARY KEY (id, dt) NOT ENFORCED)"
                + " PARTITIONED BY (dt) WITH ('bucket' = '2', 'num-sorted-run.compaction-trigger' = '100', 'num-sorted-run.stop-trigger' = '200')");
        table = table(warehouse, "default", "t");
        commit = table.newCommit(UUID.randomUUID().toString());
    }

    @Test
    void compactCompactsEveryBucketIntoOneFile() throws Exception {
        for (int i = 0; i < 4; i++) {
            write(i * 10, 20);
        }
        assertThat(maxFilesPerBucket()).isGreaterThan(1);
        List<String> result = rows(tEnv, "CALL sys.compact('default.t')");
        assertThat(result).hasSize(1);
        assertThat(result.get(0)).isNotEqualTo("+I[0]");
        assertThat(maxFilesPerBucket()).isEqualTo(1);
        assertThat(table.snapshotManager().latestSnapshot().commitKind()).isEqualTo(CommitKind.COMPACT);
        assertThat(rows(tEnv, "SELECT id, name FROM t")).containsExactlyInAnyOrderElementsOf(expectedRows());
        assertNoOrphanAndNoMissingFiles(table);
    }

    @Test
    void compactWithPartitionsCompactsOnlyThose() throws Exception {
        for (int i = 0; i < 4; i++) {
            write(i * 10, 20);
        }
        rows(tEnv, "CALL sys.compact('default.t', 'dt=d0')");
        for (DataSplit split : table.newReadBuilder().newScan().dataSplits()) {
            String dt = split.partition().getString(0).toString();
            if (dt.equals("d0")) {
                assertThat(split.files()).as("bucket %s of %s", split.bucket(), dt).hasSize(1);
            } else {
                assertThat(split.files()).as("bucket %s of %s", split.bucket(), dt).hasSizeGreaterThan(1);
            }
        }
        assertThat(rows(tEnv, "SELECT id, name FROM t")).containsExactlyInAnyOrderElementsOf(expectedRows());
        assertThatThrownBy(() -> rows(tEnv, "CALL sys.compact('default.t', 'name=x')"))
                .hasStackTraceContaining("not its partition keys");
    }

    @Test
    void createAndDeleteTags() throws Exception {
        write(0, 10);
        long first = table.snapshotManager().latestSnapshotId().getAsLong();
        List<String> atFirst = expectedRows();
        write(5, 10);
        assertThat(rows(tEnv, "CALL sys.create_tag('default.t', 'latest')"))
                .containsExactly("+I[" + table.snapshotManager().latestSnapshotId().getAsLong() + "]");
        assertThat(rows(tEnv, "CALL sys.create_tag('default.t', 'first', " + first + ")")).containsExactly("+I[" + first + "]");
        TagManager tags = new TagManager(table);
        assertThat(tags.tagNames()).containsExactly("first", "latest");
        assertThat(rows(tEnv, "SELECT id, name FROM t /*+ OPTIONS('scan.tag-name'='first') */"))
                .containsExactlyInAnyOrderElementsOf(atFirst);

        rows(tEnv, "CALL sys.delete_tag('default.t', 'latest')");
        assertThat(tags.tagNames()).containsExactly("first");
        assertThatThrownBy(() -> rows(tEnv, "CALL sys.delete_tag('default.t', 'latest')")).hasStackTraceContaining("no tag 'latest'");
    }

    @Test
    void rollbackToSnapshotAndTag() throws Exception {
        write(0, 10);
        long first = table.snapshotManager().latestSnapshotId().getAsLong();
        List<String> atFirst = expectedRows();
        new TagManager(table).createTag("first", first);
        write(5, 10);
        long second = table.snapshotManager().latestSnapshotId().getAsLong();
        List<String> atSecond = expectedRows();
        write(20, 10);

        assertThat(rows(tEnv, "CALL sys.rollback_to('default.t', " + second + ")")).containsExactly("+I[" + second + "]");
        assertThat(table.snapshotManager().latestSnapshotId().getAsLong()).isEqualTo(second);
        assertThat(rows(tEnv, "SELECT id, name FROM t")).containsExactlyInAnyOrderElementsOf(atSecond);

        assertThat(rows(tEnv, "CALL sys.rollback_to('default.t', 'first')")).containsExactly("+I[" + first + "]");
        assertThat(rows(tEnv, "SELECT id, name FROM t")).containsExactlyInAnyOrderElementsOf(atFirst);
        assertNoOrphanAndNoMissingFiles(table);
    }

    @Test
    void expireSnapshotsKeepsTheLatest() throws Exception {
        for (int i = 0; i < 4; i++) {
            write(i * 3, 5);
        }
        int before = table.snapshotManager().snapshots().size();
        assertThat(rows(tEnv, "CALL sys.expire_snapshots('default.t', 2)")).containsExactly("+I[" + (before - 2) + "]");
        assertThat(table.snapshotManager().snapshots()).hasSize(2);
        assertThat(rows(tEnv, "SELECT id, name FROM t")).containsExactlyInAnyOrderElementsOf(expectedRows());
        assertNoOrphanAndNoMissingFiles(table);
    }

    @Test
    void removeOrphanFilesDeletesWhatNothingRefersTo() throws Exception {
        write(0, 10);
        Path stray = new Path(new Path(new Path(table.location(), "dt=d0"), "bucket-0"), "data-stray.orc");
        table.fileIO().writeUtf8(stray, "not a data file", false);
        assertThat(rows(tEnv, "CALL sys.remove_orphan_files('default.t')")).containsExactly("+I[0]");
        assertThat(table.fileIO().exists(stray)).isTrue();
        assertThat(rows(tEnv, "CALL sys.remove_orphan_files('default.t', '2999-01-01 00:00:00')")).containsExactly("+I[1]");
        assertThat(table.fileIO().exists(stray)).isFalse();
        assertThat(rows(tEnv, "SELECT id, name FROM t")).containsExactlyInAnyOrderElementsOf(expectedRows());
        assertNoOrphanAndNoMissingFiles(table);
    }

    @Test
    void unknownProceduresAndTablesAreNamed() {
        assertThatThrownBy(() -> rows(tEnv, "CALL sys.nope('default.t')")).hasStackTraceContaining("nope");
        assertThatThrownBy(() -> rows(tEnv, "CALL sys.compact('default.missing')")).hasStackTraceContaining("default.missing");
        assertThatThrownBy(() -> rows(tEnv, "CALL sys.compact('missing')")).hasStackTraceContaining("database.table");
    }

    /** Upserts ids from..from+count-1 into partitions d0/d1 by parity, as one commit. */
    private void write(int from, int count) throws Exception {
        try (TableWrite write = table.newWrite(false)) {
            for (long id = from; id < from + count; id++) {
                String name = "v" + id + "-" + identifier;
                write.write(GenericRow.of(id, BinaryString.fromString("d" + (id % 2)), BinaryString.fromString(name)));
                model.put(id, name);
            }
            commit.commit(++identifier, write.prepareCommit(true));
        }
    }

    private List<String> expectedRows() {
        List<String> rows = new ArrayList<>();
        model.forEach((id, name) -> rows.add("+I[" + id + ", " + name + "]"));
        return rows;
    }

    private int maxFilesPerBucket() throws Exception {
        int max = 0;
        for (DataSplit split : table.newReadBuilder().newScan().dataSplits()) {
            max = Math.max(max, split.files().size());
        }
        return max;
    }
}
