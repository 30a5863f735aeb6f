package io.tstore.flink.source;

import io.tstore.core.table.ReadBuilder;
import io.tstore.core.table.StreamTableScan;
import io.tstore.core.table.TableScan;

import java.io.IOException;

import static java.util.Objects.requireNonNull;

/**
 * Plans a streaming read with the table's {@link StreamTableScan}: the starting snapshot in full or not (per
 * {@code scan.mode}), then the changes of each new snapshot. Its position is the next snapshot to read; a completed
 * checkpoint records it as the consumer's position when {@code consumer-id} is set.
 */
final class StreamSplitPlanner implements SplitPlanner {
    private final StreamTableScan scan;

    StreamSplitPlanner(StreamTableScan scan) {
        this.scan = requireNonNull(scan, "scan is null");
    }

    static SplitPlanner create(ReadBuilder builder) {
        return new StreamSplitPlanner(builder.newStreamScan());
    }

    @Override
    public Planned plan() throws IOException {
        TableScan.Plan plan = scan.plan();
        return new Planned(plan.splits(), scan.checkpoint(), false);
    }

    @Override
    public void restore(Long position) {
        scan.restore(position);
    }

    @Override
    public void notifyCheckpointComplete(Long position) throws IOException {
        scan.notifyCheckpointComplete(position);
    }
}
