package io.tstore.core.table;

import io.tstore.core.commit.CommitConflictException;
import io.tstore.core.commit.CommitMessage;
import io.tstore.core.data.BinaryRow;
import io.tstore.core.options.MaintenanceOptions;
import io.tstore.core.snapshot.Snapshot;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * A dedicated compaction process for tables whose writers run with {@code write-only}: each {@link #compact} run
 * restores a writer of its own from the latest snapshot, compacts every bucket (by the table's compaction
 * strategy, or fully) and commits as its own commit user, then expires snapshots.
 *
 * <p>Beside write-only writers this never conflicts: they only add files, and a compaction only replaces files
 * that are still in the latest snapshot, so lost races for a snapshot id are retried on the new latest. Two
 * compactors of one table (or a writer that compacts) can conflict; the run then aborts its files and fails with
 * the {@link CommitConflictException}, and the next run starts again from the latest snapshot.
 */
public final class TableCompactor {
    private final FileStoreTable table;
    private final String commitUser;
    private final TableCommit commit;
    private long identifier;

    /**
     * @param commitUser the compactor's own commit user; its commits are numbered on from its latest commit, so a
     *     restarted compactor can keep its user
     */
    public TableCompactor(FileStoreTable table, String commitUser) throws IOException {
        requireNonNull(table, "table is null");
        this.commitUser = requireNonNull(commitUser, "commitUser is null");
        this.table = table.options().get(MaintenanceOptions.WRITE_ONLY)
                ? table.copy(Map.of(MaintenanceOptions.WRITE_ONLY.key(), "false"))
                : table;
        this.commit = this.table.newCommit(commitUser);
        Snapshot latestOfUser = this.table.snapshotManager().latestSnapshotOfUser(commitUser);
        this.identifier = latestOfUser == null ? 0 : latestOfUser.commitIdentifier();
    }

    public String commitUser() {
        return commitUser;
    }

    /**
     * Compacts every bucket of the latest snapshot and commits; returns the number of buckets whose compaction
     * was committed (0 when nothing needed compacting).
     *
     * @param full whether to compact each bucket fully into one sorted run, instead of as the table's compaction
     *     strategy picks
     * @throws CommitConflictException when another compaction replaced some of the same files first; nothing of
     *     this run is left behind
     */
    public int compact(boolean full) throws IOException {
        return compact(full, partition -> true);
    }

    /**
     * Compacts the buckets of the partitions that {@code partitions} selects (see
     * {@code PartitionSpecs.matcher}), as {@link #compact(boolean)} compacts all.
     */
    public int compact(boolean full, java.util.function.Predicate<BinaryRow> partitions) throws IOException {
        requireNonNull(partitions, "partitions is null");
        try (TableWrite write = table.newWrite(false)) {
            for (DataSplit split : table.newReadBuilder().newScan().dataSplits()) {
                if (split.files().size() > 1 && partitions.test(split.partition())) {
                    write.compact(split.partition(), split.bucket(), full);
                }
            }
            List<CommitMessage> messages = write.prepareCommit(true);
            if (messages.isEmpty()) {
                return 0;
            }
            try {
                commit.commit(++identifier, messages);
            } catch (IOException | RuntimeException e) {
                commit.abort(messages);
                throw e;
            }
            return messages.size();
        }
    }
}
