package io.tstore.flink.source;

import io.tstore.core.table.ReadBuilder;
import io.tstore.core.table.TableScan;

import java.io.IOException;

import static java.util.Objects.requireNonNull;

/** Plans a bounded read once: the splits of the snapshot the table's scan options select (the latest by default). */
final class BatchSplitPlanner implements SplitPlanner {
    private final ReadBuilder readBuilder;

    BatchSplitPlanner(ReadBuilder readBuilder) {
        this.readBuilder = requireNonNull(readBuilder, "readBuilder is null");
    }

    @Override
    public Planned plan() throws IOException {
        TableScan.Plan plan = readBuilder.newScan().plan();
        return new Planned(plan.splits(), plan.snapshotId(), true);
    }

    @Override
    public void restore(Long position) {
        // A bounded read that checkpointed its plan has finished planning; nothing to continue.
    }
}
