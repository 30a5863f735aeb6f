package io.tstore.flink.source;

import io.tstore.core.table.TableRead;

import org.apache.flink.api.connector.source.SourceOutput;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.connector.base.source.reader.RecordEmitter;
import org.apache.flink.connector.base.source.reader.SingleThreadMultiplexSourceReaderBase;
import org.apache.flink.table.data.RowData;

import java.util.Map;

/**
 * The reader of a tstore source: one fetcher thread reads the assigned splits in order ({@link TableSplitReader});
 * the reader counts the rows it emits of each split, or for a {@link LogSplit} keeps the offset after the last record
 * it emitted, so that a checkpoint records where to resume. It asks the enumerator for more splits when it starts
 * without any and whenever it has finished all it had.
 */
final class TableSourceReader extends SingleThreadMultiplexSourceReaderBase<
        TableSplitReader.Fetched, RowData, TableSourceSplit, TableSourceReader.SplitState> {

    TableSourceReader(TableRead read, long limit, SourceReaderContext context) {
        this(read, limit, null, context);
    }

    /** @param log how to read log splits, or null when the source reads none */
    TableSourceReader(TableRead read, long limit, TableSplitReader.LogRead log, SourceReaderContext context) {
        super(() -> new TableSplitReader(read, limit, log), new Emitter(), context.getConfiguration(), context);
    }

    @Override
    public void start() {
        if (getNumberOfCurrentlyAssignedSplits() == 0) {
            context.sendSplitRequest();
        }
    }

    @Override
    protected void onSplitFinished(Map<String, SplitState> finished) {
        if (getNumberOfCurrentlyAssignedSplits() == 0) {
            context.sendSplitRequest();
        }
    }

    @Override
    protected SplitState initializedState(TableSourceSplit split) {
        return new SplitState(split);
    }

    @Override
    protected TableSourceSplit toSplitType(String splitId, SplitState state) {
        if (state.split.split() instanceof LogSplit log) {
            return new TableSourceSplit(splitId, log.withStartOffset(state.nextOffset), 0);
        }
        return state.split.withRecordsToSkip(state.emitted);
    }

    /** A split being read: the number of its rows emitted so far, or for a log split the next offset to emit. */
    static final class SplitState {
        private final TableSourceSplit split;
        private long emitted;
        private long nextOffset;

        SplitState(TableSourceSplit split) {
            this.split = split;
            this.emitted = split.recordsToSkip();
            this.nextOffset = split.split() instanceof LogSplit log ? log.startOffset() : TableSplitReader.Fetched.NO_OFFSET;
        }
    }

    private static final class Emitter implements RecordEmitter<TableSplitReader.Fetched, RowData, SplitState> {
        @Override
        public void emitRecord(TableSplitReader.Fetched record, SourceOutput<RowData> output, SplitState state) {
            output.collect(record.row());
            if (record.nextOffset() != TableSplitReader.Fetched.NO_OFFSET) {
                state.nextOffset = record.nextOffset();
            } else {
                state.emitted++;
            }
        }
    }
}
