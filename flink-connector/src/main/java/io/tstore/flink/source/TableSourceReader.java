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
 * the reader counts the rows it emits of each split, so that a checkpoint records where to resume. It asks the
 * enumerator for more splits when it starts without any and whenever it has finished all it had.
 */
final class TableSourceReader
        extends SingleThreadMultiplexSourceReaderBase<RowData, RowData, TableSourceSplit, TableSourceReader.SplitState> {

    TableSourceReader(TableRead read, long limit, SourceReaderContext context) {
        super(() -> new TableSplitReader(read, limit), new Emitter(), context.getConfiguration(), context);
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
        return state.split.withRecordsToSkip(state.emitted);
    }

    /** A split being read and the number of its rows emitted so far. */
    static final class SplitState {
        private final TableSourceSplit split;
        private long emitted;

        SplitState(TableSourceSplit split) {
            this.split = split;
            this.emitted = split.recordsToSkip();
        }
    }

    private static final class Emitter implements RecordEmitter<RowData, RowData, SplitState> {
        @Override
        public void emitRecord(RowData row, SourceOutput<RowData> output, SplitState state) {
            output.collect(row);
            state.emitted++;
        }
    }
}
