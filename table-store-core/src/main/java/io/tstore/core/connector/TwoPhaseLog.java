package io.tstore.core.connector;

import io.tstore.core.data.InternalRow;
import io.tstore.core.log.LogStore;
import io.tstore.core.log.LogStores;
import io.tstore.core.log.PreparedLogCommit;
import io.tstore.core.log.TwoPhaseLogWriter;
import io.tstore.core.table.FileStoreTable;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * The log side of one writer task of a table with a log, for engines that commit after their checkpoints: the
 * two-phase protocol of {@link TwoPhaseLogWriter} with its bookkeeping, so that an engine keeps only its state.
 *
 * <pre>{@code
 * log = TwoPhaseLog.open(table, overwrite, commitUser, task, tasks, restoredFromState);  // empty: no log
 * log.write(row);                                        // every row, beside the table writer
 * offsets = log.prepare(checkpointId);                   // before the checkpoint: into the PendingCommit
 * state = log.pending();                                 // the checkpoint's state (PreparedLogCommit.toBytes)
 * log.commitUpTo(checkpointId);                          // once the checkpoint is complete
 * }</pre>
 *
 * <p>A task owns the log buckets that {@link BucketOwner#ownsBucket} gives it, the buckets its shuffle sends it. On
 * open, the restored prepared commits of its buckets (of any task before a rescale: keep them in state that every
 * task sees in full, such as Flink's union state) are committed, and other open transactions of its buckets ended,
 * so that {@code read_committed} readers see every change once. An overwrite sends nothing to the log (its removal
 * of old rows is in the files only). Not thread-safe.
 */
public final class TwoPhaseLog implements AutoCloseable {
    private final LogStore store;
    private final TwoPhaseLogWriter writer;
    private final List<PreparedLogCommit> pending = new ArrayList<>();

    private TwoPhaseLog(LogStore store, TwoPhaseLogWriter writer) {
        this.store = store;
        this.writer = writer;
    }

    /**
     * The log writer of task {@code task} of {@code tasks}, or empty when the table has no log or the write is an
     * overwrite.
     *
     * @param restored the prepared commits in the engine's restored state, of every task; empty for a new job
     */
    public static Optional<TwoPhaseLog> open(FileStoreTable table, boolean overwrite, String commitUser, int task, int tasks,
            List<PreparedLogCommit> restored) throws IOException {
        Optional<LogStore> store = overwrite ? Optional.empty() : LogStores.of(table);
        if (store.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(open(store.get(), commitUser, task, tasks, restored));
        } catch (IOException | RuntimeException e) {
            store.get().close();
            throw e;
        }
    }

    /** As {@link #open(FileStoreTable, boolean, String, int, int, List)}, on a given log store, which it closes. */
    public static TwoPhaseLog open(LogStore store, String commitUser, int task, int tasks, List<PreparedLogCommit> restored)
            throws IOException {
        requireNonNull(store, "store is null");
        requireNonNull(commitUser, "commitUser is null");
        if (task < 0 || task >= tasks) {
            throw new IllegalArgumentException("Task " + task + " is not one of " + tasks + " tasks");
        }
        TwoPhaseLogWriter writer = store.newTwoPhaseWriter(commitUser, bucket -> BucketOwner.ownsBucket(bucket, task, tasks),
                List.copyOf(requireNonNull(restored, "restored is null")));
        return new TwoPhaseLog(store, writer);
    }

    /** Sends a row, with its row kind, to the log. */
    public void write(InternalRow row) throws IOException {
        writer.write(row);
    }

    /**
     * Prepares the rows written since the last prepare as the log commit {@code id} (ids increase), kept as
     * pending until {@link #commitUpTo}; returns the offsets for the table commit that goes with it.
     */
    public Map<Integer, Long> prepare(long id) throws IOException {
        PreparedLogCommit prepared = writer.prepare(id);
        if (!prepared.isEmpty()) {
            pending.add(prepared);
        }
        return prepared.offsets();
    }

    /** The prepared commits not yet committed: what the engine's checkpoint keeps, for the task that restores it. */
    public List<PreparedLogCommit> pending() {
        return List.copyOf(pending);
    }

    /** Commits the prepared commits up to {@code id}: call it when the state holding them is durable. */
    public void commitUpTo(long id) throws IOException {
        writer.commitUpTo(id);
        pending.removeIf(prepared -> prepared.id() <= id);
    }

    /** Closes the writer (prepared commits stay open for the task that restores them) and the log store. */
    @Override
    public void close() {
        try {
            writer.close();
        } finally {
            store.close();
        }
    }
}
