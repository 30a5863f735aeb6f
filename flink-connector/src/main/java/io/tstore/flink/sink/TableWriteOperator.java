package io.tstore.flink.sink;

import io.tstore.core.connector.BucketAssigner;
import io.tstore.core.connector.TableHandle;
import io.tstore.core.connector.TwoPhaseLog;
import io.tstore.core.commit.CommitMessage;
import io.tstore.core.log.PreparedLogCommit;
import io.tstore.core.table.FileStoreTable;
import io.tstore.core.table.TableWrite;
import io.tstore.flink.data.FlinkInternalRow;
import io.tstore.lsm.RowKind;

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
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.table.data.RowData;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * Writes the rows of the buckets routed to this subtask with a {@link TableWrite}, and hands what it wrote to the
 * committer: right before each checkpoint barrier (so the files of checkpoint n are in the committer's state of
 * checkpoint n) and at the end of a bounded input. Compaction runs inside the table writer; checkpoints do not wait
 * for it, the end of input does. Files that were not handed over are deleted when the operator closes.
 *
 * <p>A table with a log: every row also goes to the log through the core's {@link TwoPhaseLog}. Before the barrier of
 * checkpoint n the log commit is prepared (flushed, its transactions left open), kept in this operator's state of
 * checkpoint n, and its offsets travel to the committer with the files. When checkpoint n is complete the log
 * commit is committed here, while the committer commits the table; a job restored from checkpoint n commits the
 * prepared log commits of that checkpoint first and ends every later open transaction of its buckets, so that
 * {@code read_committed} readers of the log see every change exactly once. The log state is union state: after a
 * rescale, each writer picks the log commits of the buckets it now owns.
 */
public final class TableWriteOperator extends AbstractStreamOperator<Committable>
        implements OneInputStreamOperator<RowData, Committable>, BoundedOneInput {
    private static final long serialVersionUID = 1L;

    private final TableHandle handle;
    private final boolean overwrite;
    private final RowKind forcedKind;
    private final String initialCommitUser;
    private final boolean commitOnCheckpoint;

    private transient TableWrite write;
    private transient LongCounter rowsWritten;
    private transient FlinkInternalRow view;
    private transient boolean endOfInput;
    private transient BucketAssigner assigner;

    private transient String commitUser;
    private transient ListState<String> commitUserState;
    private transient ListState<byte[]> logState;
    /** The log commits restored, kept in state as they are while the job writes no log (an overwrite). */
    private transient List<PreparedLogCommit> restoredLog;
    /** The table's log, when it has one and this is not an overwrite. */
    private transient TwoPhaseLog log;

    /**
     * @param overwrite whether the rows replace the table's data (then buckets start empty)
     * @param forcedKind the row kind of every row (for DELETE and UPDATE statements, whose rows come as inserts), or null to keep each row's own
     * @param commitUser the commit user of a new job (a restored job keeps the one in its state); the committer's
     * @param commitOnCheckpoint whether commits follow completed checkpoints (else one commit at the end of the input)
     */
    public TableWriteOperator(TableHandle handle, boolean overwrite, RowKind forcedKind, String commitUser, boolean commitOnCheckpoint) {
        this.handle = requireNonNull(handle, "handle is null");
        this.overwrite = overwrite;
        this.forcedKind = forcedKind;
        this.initialCommitUser = requireNonNull(commitUser, "commitUser is null");
        this.commitOnCheckpoint = commitOnCheckpoint;
    }

    @Override
    public void initializeState(StateInitializationContext context) throws Exception {
        super.initializeState(context);
        commitUserState = context.getOperatorStateStore().getUnionListState(new ListStateDescriptor<>("commit-user", StringSerializer.INSTANCE));
        logState = context.getOperatorStateStore().getUnionListState(new ListStateDescriptor<>("log-prepared", BytePrimitiveArraySerializer.INSTANCE));
        commitUser = initialCommitUser;
        for (String user : commitUserState.get()) {
            commitUser = user;
        }
        restoredLog = new ArrayList<>();
        for (byte[] bytes : logState.get()) {
            restoredLog.add(PreparedLogCommit.fromBytes(bytes));
        }
    }

    @Override
    public void open() throws Exception {
        super.open();
        FileStoreTable table = handle.loadDataTable();
        write = table.newWrite(overwrite);
        view = new FlinkInternalRow();
        rowsWritten = new LongCounter();
        getRuntimeContext().addAccumulator(FlinkTableSink.ROWS_WRITTEN_ACCUMULATOR, rowsWritten);
        assigner = BucketAssigner.of(table);
        int subtask = getRuntimeContext().getTaskInfo().getIndexOfThisSubtask();
        int subtasks = getRuntimeContext().getTaskInfo().getNumberOfParallelSubtasks();
        // commits the restored log commits of this subtask's buckets
        log = TwoPhaseLog.open(table, overwrite, commitUser, subtask, subtasks, restoredLog).orElse(null);
    }

    @Override
    public void processElement(StreamRecord<RowData> element) throws Exception {
        view.replace(element.getValue());
        if (forcedKind != null) {
            view.setRowKind(forcedKind);
        }
        write.write(view);
        if (log != null) {
            log.write(view);
        }
        rowsWritten.add(1);
    }

    @Override
    public void prepareSnapshotPreBarrier(long checkpointId) throws Exception {
        super.prepareSnapshotPreBarrier(checkpointId);
        if (!endOfInput) {
            emit(checkpointId, write.prepareCommit(false), prepareLog(checkpointId));
        }
    }

    @Override
    public void snapshotState(StateSnapshotContext context) throws Exception {
        super.snapshotState(context);
        commitUserState.update(getRuntimeContext().getTaskInfo().getIndexOfThisSubtask() == 0 ? List.of(commitUser) : List.of());
        List<byte[]> prepared = new ArrayList<>();
        for (PreparedLogCommit commit : log != null ? log.pending() : restoredLog) {
            prepared.add(commit.toBytes());
        }
        logState.update(prepared);
    }

    @Override
    public void notifyCheckpointComplete(long checkpointId) throws Exception {
        super.notifyCheckpointComplete(checkpointId);
        // after the end of input, what it prepared (under END_INPUT) is in the final checkpoint
        commitLogUpTo(endOfInput ? Committable.END_INPUT : checkpointId);
    }

    @Override
    public void endInput() throws Exception {
        endOfInput = true;
        emit(Committable.END_INPUT, write.prepareCommit(true), prepareLog(Committable.END_INPUT));
        if (!commitOnCheckpoint) {
            // no checkpoint will report completion: the log commits now, before the committer commits the table
            commitLogUpTo(Committable.END_INPUT);
        }
    }

    private Map<Integer, Long> prepareLog(long checkpointId) throws Exception {
        return log == null ? Map.of() : log.prepare(checkpointId);
    }

    private void commitLogUpTo(long checkpointId) throws Exception {
        if (log != null) {
            log.commitUpTo(checkpointId);
        }
    }

    private void emit(long checkpointId, List<CommitMessage> messages, Map<Integer, Long> logOffsets) {
        int subtask = getRuntimeContext().getTaskInfo().getIndexOfThisSubtask();
        int subtasks = getRuntimeContext().getTaskInfo().getNumberOfParallelSubtasks();
        for (CommitMessage message : messages) {
            // Two writers of one bucket would give it two LSM trees with clashing sequence numbers.
            int owner = assigner.owner(message.partition(), message.bucket(), subtasks);
            if (owner != subtask) {
                throw new IllegalStateException(String.format(
                        "Table %s: writer %d of %d wrote bucket %d of a partition that belongs to writer %d; rows must reach the writers through BucketShuffle",
                        handle.identifier(), subtask, subtasks, message.bucket(), owner));
            }
        }
        Committable committable = new Committable(checkpointId, messages, logOffsets);
        if (!committable.isEmpty()) {
            output.collect(new StreamRecord<>(committable));
        }
    }

    @Override
    public void close() throws Exception {
        try {
            if (write != null) {
                write.close();
            }
        } finally {
            try {
                if (log != null) {
                    log.close(); // prepared log commits stay open for the restored job
                }
            } finally {
                super.close();
            }
        }
    }
}
