package io.tstore.flink.sink;

import io.tstore.core.commit.CommitMessage;
import io.tstore.core.table.TableWrite;
import io.tstore.flink.data.FlinkInternalRow;
import io.tstore.lsm.RowKind;

import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.BoundedOneInput;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.table.data.RowData;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * Writes the rows of the buckets routed to this subtask with a {@link TableWrite}, and hands what it wrote to the
 * committer: right before each checkpoint barrier (so the files of checkpoint n are in the committer's state of
 * checkpoint n) and at the end of a bounded input. Compaction runs inside the table writer; checkpoints do not wait
 * for it, the end of input does. Files that were not handed over are deleted when the operator closes.
 */
public final class TableWriteOperator extends AbstractStreamOperator<Committable>
        implements OneInputStreamOperator<RowData, Committable>, BoundedOneInput {
    private static final long serialVersionUID = 1L;

    private final TableLoader loader;
    private final boolean overwrite;
    private final RowKind forcedKind;

    private transient TableWrite write;
    private transient LongCounter rowsWritten;
    private transient FlinkInternalRow view;
    private transient boolean endOfInput;

    /**
     * @param overwrite whether the rows replace the table's data (then buckets start empty)
     * @param forcedKind the row kind of every row (for DELETE and UPDATE statements, whose rows come as inserts), or null to keep each row's own
     */
    public TableWriteOperator(TableLoader loader, boolean overwrite, RowKind forcedKind) {
        this.loader = requireNonNull(loader, "loader is null");
        this.overwrite = overwrite;
        this.forcedKind = forcedKind;
    }

    @Override
    public void open() throws Exception {
        super.open();
        write = loader.load().newWrite(overwrite);
        view = new FlinkInternalRow();
        rowsWritten = new LongCounter();
        getRuntimeContext().addAccumulator(FlinkTableSink.ROWS_WRITTEN_ACCUMULATOR, rowsWritten);
    }

    @Override
    public void processElement(StreamRecord<RowData> element) throws Exception {
        view.replace(element.getValue());
        if (forcedKind != null) {
            view.setRowKind(forcedKind);
        }
        write.write(view);
        rowsWritten.add(1);
    }

    @Override
    public void prepareSnapshotPreBarrier(long checkpointId) throws Exception {
        super.prepareSnapshotPreBarrier(checkpointId);
        if (!endOfInput) {
            emit(checkpointId, write.prepareCommit(false));
        }
    }

    @Override
    public void endInput() throws Exception {
        endOfInput = true;
        emit(Committable.END_INPUT, write.prepareCommit(true));
    }

    private void emit(long checkpointId, List<CommitMessage> messages) {
        int subtask = getRuntimeContext().getTaskInfo().getIndexOfThisSubtask();
        int subtasks = getRuntimeContext().getTaskInfo().getNumberOfParallelSubtasks();
        for (CommitMessage message : messages) {
            // Two writers of one bucket would give it two LSM trees with clashing sequence numbers.
            if (BucketShuffle.channel(message.partition(), message.bucket(), subtasks) != subtask) {
                throw new IllegalStateException(String.format(
                        "Table %s: writer %d of %d wrote bucket %d of a partition that belongs to writer %d; rows must reach the writers through BucketShuffle",
                        loader.identifier(), subtask, subtasks, message.bucket(), BucketShuffle.channel(message.partition(), message.bucket(), subtasks)));
            }
        }
        if (!messages.isEmpty()) {
            output.collect(new StreamRecord<>(new Committable(checkpointId, messages)));
        }
    }

    @Override
    public void close() throws Exception {
        try {
            if (write != null) {
                write.close();
            }
        } finally {
            super.close();
        }
    }
}
