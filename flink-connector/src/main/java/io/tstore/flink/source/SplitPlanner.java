package io.tstore.flink.source;

import io.tstore.core.table.Split;

import java.io.IOException;
import java.util.List;

/**
 * Plans the splits of a source on Flink's coordinator: once for a bounded read, again and again for a streaming
 * one. A planner is used from one thread at a time.
 */
interface SplitPlanner extends AutoCloseable {

    /** Splits planned since the last call, and where planning continues. */
    Planned plan() throws IOException;

    /** Continues planning from a position that a {@link Planned} returned. */
    void restore(Long position);

    /** A checkpoint that holds this position has completed (streaming reads record their consumer here). */
    default void notifyCheckpointComplete(Long position) throws IOException {}

    @Override
    default void close() throws IOException {}

    /**
     * @param splits the new splits, in the order they must be read
     * @param position where planning continues, to be checkpointed with the splits
     * @param finished whether there will never be more splits
     */
    record Planned(List<Split> splits, Long position, boolean finished) {
        public Planned {
            splits = List.copyOf(splits);
        }
    }
}
