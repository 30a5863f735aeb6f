package io.tstore.core.table;

import java.io.IOException;

/**
 * A streaming scan of a table: each {@link #plan()} returns the next batch of splits, first (depending on
 * {@code scan.mode}) the rows of a starting snapshot in full, then the changes of each later snapshot in order.
 * A plan with a null snapshot id and no splits means nothing new has been committed yet: poll again later.
 *
 * <p>Engines keep the scan's position in their own state: {@link #checkpoint()} after planning, and
 * {@link #restore} before the first plan after a restart. The position covers the splits already planned, so an
 * engine must also keep the planned splits that are not yet read in its state (or read them before the
 * checkpoint completes). When the engine's checkpoint is durable it calls {@link #notifyCheckpointComplete},
 * which records the position as the table's consumer when {@code consumer-id} is set: snapshot expiry then keeps
 * the snapshots the reader still needs, and a reader restarted with the same consumer id but no state of its own
 * resumes from the recorded position.
 *
 * <p>Order: the changes of one key are in order only when every split of its partition and bucket is read by
 * one reader in the order planned (for data tables, see
 * {@link io.tstore.core.connector.BucketOwner#of} of its partition and bucket).
 */
public interface StreamTableScan extends TableScan {

    /** The next batch of splits; an empty plan with a null snapshot id when nothing new is committed yet. */
    @Override
    Plan plan() throws IOException;

    /**
     * The id of the next snapshot this scan will read changes from, after the splits planned so far; null before
     * the first plan (nothing read, a restart starts over per {@code scan.mode}).
     */
    Long checkpoint();

    /**
     * Resumes from a position taken by {@link #checkpoint()}: the next plan reads the changes of this snapshot,
     * with no full read. A null position starts afresh (from the consumer's position when {@code consumer-id} is
     * set and recorded, else per {@code scan.mode}). Call before the first {@link #plan()}.
     */
    void restore(Long nextSnapshotId);

    /**
     * The engine's checkpoint that holds this position ({@link #checkpoint()}) is durable: record it as the
     * consumer's position when {@code consumer-id} is set (else nothing happens).
     */
    void notifyCheckpointComplete(Long nextSnapshot) throws IOException;
}
