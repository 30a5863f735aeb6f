package io.tstore.core.connector;

import io.tstore.core.commit.CommitMessage;
import io.tstore.core.fs.FileIO;
import io.tstore.core.fs.ForwardingFileIO;
import io.tstore.core.fs.Path;
import io.tstore.core.fs.PublishOutcomeUnknownException;
import io.tstore.core.fs.PublishResult;
import io.tstore.core.table.FileStoreTable;
import io.tstore.core.table.TableWrite;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import static io.tstore.core.connector.ConnectorTables.row;
import static io.tstore.core.connector.ConnectorTables.rows;
import static io.tstore.core.table.TableTestSupport.assertNoOrphanAndNoMissingFiles;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Commits land once per identifier whatever is retried, and a failed commit leaves no file behind. */
class CommitHelperTest {
    private static final String USER = "job-1";

    @TempDir
    java.nio.file.Path warehouse;

    @Test
    void retryAfterAFailureWhoseCommitLandedCommitsOnce() throws Exception {
        FileStoreTable table = ConnectorTables.create(warehouse, "t", false, Map.of());
        PendingCommit first = prepare(table, 1, row(1, "a", "d1"), row(2, "b", "d2"));
        PendingCommit second = prepare(table, 2, row(3, "c", "d1"));

        // the snapshot of the first commit lands, but the committer is told the outcome is unknown and cannot
        // read it back: the commit fails although it landed
        AtomicBoolean failed = new AtomicBoolean();
        AtomicBoolean readBackFails = new AtomicBoolean();
        FileIO landsThenFails = new ForwardingFileIO(table.fileIO()) {
            @Override
            public PublishResult publish(Path target, byte[] content) throws IOException {
                PublishResult result = super.publish(target, content);
                if (target.getName().startsWith("snapshot-") && !failed.getAndSet(true)) {
                    readBackFails.set(true);
                    throw new PublishOutcomeUnknownException(target, "injected", null);
                }
                return result;
            }

            @Override
            public boolean exists(Path path) throws IOException {
                if (readBackFails.getAndSet(false)) {
                    throw new IOException("injected: cannot read back " + path);
                }
                return super.exists(path);
            }
        };
        CommitHelper flaky = new CommitHelper(ConnectorTables.withFileIO(table, landsThenFails), USER);
        assertThatThrownBy(() -> flaky.commit(List.of(first))).isInstanceOf(PublishOutcomeUnknownException.class);

        // the restored job retries everything its state holds
        CommitHelper restored = new CommitHelper(table, USER);
        assertThat(restored.filterCommitted(List.of(second, first))).containsExactly(second);
        assertThat(restored.commit(List.of(second, first))).isEqualTo(1);
        assertThat(restored.commit(List.of(second, first))).isZero();

        assertThat(rows(table)).containsExactly("1,a,d1", "2,b,d2", "3,c,d1");
        assertThat(table.snapshotManager().latestSnapshot().commitIdentifier()).isEqualTo(2);
        assertNoOrphanAndNoMissingFiles(table);
    }

    @Test
    void commitsInIdentifierOrderWithTheirLogOffsets() throws Exception {
        FileStoreTable table = ConnectorTables.create(warehouse, "t", true, Map.of());
        PendingCommit five = prepare(table, 5, row(1, "old", "d1"));
        PendingCommit seven = prepare(table, 7, row(1, "new", "d1"));
        CommitHelper helper = new CommitHelper(table, USER);
        assertThat(helper.commit(List.of(seven, five))).isEqualTo(2);
        assertThat(rows(table)).containsExactly("1,new,d1");
        assertThat(table.snapshotManager().latestSnapshot().commitIdentifier()).isEqualTo(7);

        PendingCommit withLog = new PendingCommit(8, prepare(table, 8, row(2, "x", "d1")).messages(), Map.of(0, 10L, 1, 4L));
        helper.commit(List.of(withLog.merge(new PendingCommit(8, prepare(table, 8, row(3, "y", "d2")).messages(), Map.of(1, 6L)))));
        assertThat(table.snapshotManager().latestSnapshot().logOffsets()).isEqualTo(Map.of(0, 10L, 1, 6L));
    }

    @Test
    void partsOfOneCommitMergeTheirMessagesAndKeepTheLaterOffset() {
        PendingCommit a = new PendingCommit(3, List.of(), Map.of(0, 10L, 1, 4L));
        PendingCommit b = new PendingCommit(3, List.of(), Map.of(1, 6L, 2, 1L));
        assertThat(a.merge(b).logOffsets()).containsExactly(Map.entry(0, 10L), Map.entry(1, 6L), Map.entry(2, 1L));
        assertThatThrownBy(() -> a.merge(PendingCommit.of(4, List.of()))).hasMessageContaining("commit 4 into commit 3");
    }

    @Test
    void aFailedCommitIsAbortedAndLeavesNoFile() throws Exception {
        FileStoreTable table = ConnectorTables.create(warehouse, "t", true, Map.of());
        new CommitHelper(table, USER).commit(List.of(prepare(table, 1, row(1, "a", "d1"))));

        FileIO cannotPublish = new ForwardingFileIO(table.fileIO()) {
            @Override
            public PublishResult publish(Path target, byte[] content) throws IOException {
                if (target.getName().startsWith("snapshot-")) {
                    throw new IOException("injected: the store refuses the snapshot");
                }
                return super.publish(target, content);
            }
        };
        FileStoreTable failing = ConnectorTables.withFileIO(table, cannotPublish);
        PendingCommit second = prepare(failing, 2, row(2, "b", "d1"), row(3, "c", "d2"));
        CommitHelper helper = new CommitHelper(failing, USER);
        assertThatThrownBy(() -> helper.commitOrAbort(second)).hasMessageContaining("injected");

        assertThat(rows(table)).containsExactly("1,a,d1");
        assertNoOrphanAndNoMissingFiles(table);
    }

    @Test
    void anOverwriteOutsideItsStaticPartitionIsAbortedAndLeavesNoFile() throws Exception {
        FileStoreTable table = ConnectorTables.create(warehouse, "t", false, Map.of());
        CommitHelper helper = new CommitHelper(table, USER);
        helper.commit(List.of(prepare(table, 1, row(1, "a", "d1"), row(2, "b", "d2"))));

        PendingCommit wrongPartition = prepare(table, 2, row(3, "c", "d2"));
        assertThatThrownBy(() -> helper.overwriteOrAbort(Map.of("dt", "d1"), wrongPartition))
                .hasMessageContaining("db.t").hasMessageContaining("dt=d2");
        assertNoOrphanAndNoMissingFiles(table);

        PendingCommit badKey = prepare(table, 3, row(5, "e", "d1"));
        assertThatThrownBy(() -> helper.overwriteOrAbort(Map.of("day", "d1"), badKey))
                .hasMessageContaining("db.t").hasMessageContaining("'day'");
        assertNoOrphanAndNoMissingFiles(table);

        assertThat(helper.overwriteOrAbort(Map.of("dt", "d1"), prepare(table, 3, row(4, "d", "d1")))).isTrue();
        assertThat(rows(table)).containsExactly("2,b,d2", "4,d,d1");
        assertNoOrphanAndNoMissingFiles(table);
    }

    @Test
    void aBoundedCommitThatLandedBeforeIsNotCommittedAgain() throws Exception {
        FileStoreTable table = ConnectorTables.create(warehouse, "t", true, Map.of());
        PendingCommit once = prepare(table, Long.MAX_VALUE, row(1, "a", "d1"));
        CommitHelper helper = new CommitHelper(table, USER);
        assertThat(helper.commitOrAbort(once)).isTrue();
        assertThat(helper.commitOrAbort(once)).isFalse();
        assertThat(table.snapshotManager().latestSnapshot().id()).isEqualTo(1);
        assertNoOrphanAndNoMissingFiles(table);
    }

    private static PendingCommit prepare(FileStoreTable table, long identifier, io.tstore.core.data.InternalRow... rows) throws IOException {
        try (TableWrite write = table.newWrite(false)) {
            for (io.tstore.core.data.InternalRow row : rows) {
                write.write(row);
            }
            List<CommitMessage> messages = write.prepareCommit(true);
            return PendingCommit.of(identifier, messages);
        }
    }
}
