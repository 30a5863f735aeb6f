package io.tstore.flink.source;

import io.tstore.core.table.ReadBuilder;
import io.tstore.core.table.Table;

/** Plans a streaming read by following a data table's snapshots. */
final class StreamSplitPlanner {
    private StreamSplitPlanner() {}

    static SplitPlanner create(Table table, ReadBuilder builder) {
        throw new UnsupportedOperationException("Streaming reads of table " + table.name() + " are not supported yet");
    }
}
