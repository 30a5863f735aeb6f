package io.tstore.flink.sink;

import io.tstore.core.connector.TableHandle;
import io.tstore.core.connector.CommitHelper;
import io.tstore.core.connector.PendingCommit;
import io.tstore.core.table.FileStoreTable;

import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeutils.base.StringSerializer;
import org.apache.flink.api.common.typeutils.base.array.BytePrimitiveArraySerializer;
import org.apache.flink.runtime.state.StateInitializationContext;
import org.apache.flink.runtime.state.StateSnapshotContext;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.BoundedOneInput;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.operators.util.SimpleVersionedListState;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.UUID;

import static java.util.Objects.requireNonNull;

/**
 * The single committer of a write job (parallelism 1): collects the writers' {@link Committable}s per checkpoint
 * and commits them to the table as one commit per checkpoint, with the checkpoint id as the commit identifier.
 *
 * <p>Exactly once: writers hand their files over before the barrier of checkpoint n, so the committer's state of
 * checkpoint n holds every file of checkpoint n. When checkpoint n completes, its files are committed. A job
 * restored from checkpoint n commits what the state holds again; the table drops the identifiers this commit user
 * (kept in state) already committed ({@link CommitHelper#commit}). When the restore did commit something,
 * the writers may have started from the snapshot before it, so the committer fails the job once, on purpose, to
 * restart the writers from the new snapshot.
 *
 * <p>In batch jobs (and streaming jobs without checkpoints) everything is committed once, at the end of the input;
 * an overwrite commits then even when no row was written, which empties what it overwrites.
 */
public final class CommitterOperator extends AbstractStreamOperator<Void>
        implements OneInputStreamOperator<Committable, Void>, BoundedOneInput {
    private static final long serialVersionUID = 1L;

    private final TableHandle handle;
    private final String initialCommitUser;
    private final boolean commitOnCheckpoint;
    private final boolean overwrite;
    private final LinkedHashMap<String, String> staticPartition;

    private transient CommitHelper commit;
    private transient String commitUser;
    private transient NavigableMap<Long, Committable> pending;
    private transient ListState<String> commitUserState;
    private transient ListState<Committable> committableState;
    private transient boolean endOfInput;
    private transient LongCounter commits;

    /**
     * @param commitUser the commit user of a new job (a restored job keeps the one in its state); the writers'
     * @param commitOnCheckpoint commit when checkpoints complete (streaming with checkpoints), else at the end of input
     * @param overwrite whether to overwrite (batch only)
     * @param staticPartition what an overwrite replaces (see {@link CommitHelper#overwriteOrAbort}); null for the partitions written
     */
    public CommitterOperator(TableHandle handle, String commitUser, boolean commitOnCheckpoint, boolean overwrite, Map<String, String> staticPartition) {
        this.handle = requireNonNull(handle, "handle is null");
        this.initialCommitUser = requireNonNull(commitUser, "commitUser is null");
        this.commitOnCheckpoint = commitOnCheckpoint;
        this.overwrite = overwrite;
        this.staticPartition = staticPartition == null ? null : new LinkedHashMap<>(staticPartition);
        if (overwrite && commitOnCheckpoint) {
            throw new IllegalArgumentException("Table " + handle.identifier() + ": an overwrite commits once, at the end of a bounded input");
        }
    }

    @Override
    public void initializeState(StateInitializationContext context) throws Exception {
        super.initializeState(context);
        commitUserState = context.getOperatorStateStore().getListState(new ListStateDescriptor<>("commit-user", StringSerializer.INSTANCE));
        committableState = new SimpleVersionedListState<>(
                context.getOperatorStateStore().getListState(new ListStateDescriptor<>("committables", BytePrimitiveArraySerializer.INSTANCE)),
                new CommittableSerializer());
        List<String> users = new ArrayList<>();
        commitUserState.get().forEach(users::add);
        commitUser = users.isEmpty() ? initialCommitUser : users.get(0);
        FileStoreTable table = handle.loadDataTable();
        commit = new CommitHelper(table, commitUser);
        pending = new TreeMap<>();
        for (Committable committable : committableState.get()) {
            add(committable);
        }
        if (context.isRestored() && !pending.isEmpty()) {
            int committed = commitUpTo(Long.MAX_VALUE);
            if (committed > 0) {
                throw new RestoredCommitException(String.format(
                        "Table %s: committed %d checkpoint(s) of the restored state; failing once so that the writers restart from the new snapshot",
                        table.name(), committed));
            }
        }
    }

    @Override
    public void open() throws Exception {
        super.open();
        commits = new LongCounter();
        getRuntimeContext().addAccumulator(FlinkTableSink.COMMITS_ACCUMULATOR, commits);
        if (!commitOnCheckpoint && !overwrite) {
            LOG.info("Table {}: commits once, at the end of the input (checkpointing is off or the job is a batch job)", handle.identifier());
        }
    }

    @Override
    public void processElement(StreamRecord<Committable> element) {
        add(element.getValue());
    }

    private void add(Committable committable) {
        pending.merge(committable.checkpointId(), committable, Committable::merge);
    }

    @Override
    public void snapshotState(StateSnapshotContext context) throws Exception {
        super.snapshotState(context);
        commitUserState.update(List.of(commitUser));
        committableState.update(new ArrayList<>(pending.values()));
    }

    @Override
    public void notifyCheckpointComplete(long checkpointId) throws Exception {
        super.notifyCheckpointComplete(checkpointId);
        if (commitOnCheckpoint) {
            commitUpTo(endOfInput ? Committable.END_INPUT : checkpointId);
        }
    }

    @Override
    public void endInput() throws Exception {
        endOfInput = true;
        if (commitOnCheckpoint) {
            return; // the final checkpoint commits what the end of input brought
        }
        Committable all = pending.values().stream().reduce(Committable::merge).orElse(new Committable(Committable.END_INPUT, List.of()));
        // one commit of identifier END_INPUT, whatever checkpoints the writers saw; its files are deleted when it fails
        PendingCommit commitAll = new PendingCommit(Committable.END_INPUT, all.messages(), all.logOffsets());
        if (overwrite) {
            if (commit.overwriteOrAbort(staticPartition, commitAll)) {
                commits.add(1);
            }
        } else if (!commitAll.messages().isEmpty() && commit.commitOrAbort(commitAll)) {
            commits.add(1);
        }
        pending.clear();
    }

    /** Commits the pending checkpoints up to {@code checkpointId}, in order; returns how many were not committed before. */
    private int commitUpTo(long checkpointId) throws Exception {
        NavigableMap<Long, Committable> ready = pending.headMap(checkpointId, true);
        List<PendingCommit> commitsReady = new ArrayList<>(ready.size());
        ready.values().forEach(committable -> commitsReady.add(committable.toPendingCommit()));
        int committed = commit.commit(commitsReady);
        if (commits != null) { // null while the state is restored, before open()
            commits.add(committed);
        }
        ready.clear();
        return committed;
    }

    /** The intended failure after a restore committed the restored state; see the class comment. */
    static final class RestoredCommitException extends RuntimeException {
        RestoredCommitException(String message) {
            super(message);
        }
    }
}
