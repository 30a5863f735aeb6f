package io.tstore.core.options;

/**
 * Where a read starts ({@code scan.mode}). For a streaming read: what it reads first and from which snapshot it
 * follows the table's changes. For a batch read: which snapshot it reads. See {@link ScanOptions}.
 */
public enum ScanMode {
    /**
     * Picks the mode from the other scan options: {@code scan.snapshot-id} means {@link #FROM_SNAPSHOT},
     * {@code scan.timestamp-millis} {@link #FROM_TIMESTAMP}, {@code scan.tag-name} {@link #FROM_SNAPSHOT_FULL} of
     * the tagged snapshot, none of them {@link #LATEST_FULL}.
     */
    DEFAULT("default"),
    /** Streaming: the latest snapshot in full, then every change after it. Batch: the latest snapshot. */
    LATEST_FULL("latest-full"),
    /** The same as {@link #LATEST_FULL}. */
    FULL("full"),
    /** Streaming: only the changes committed after the latest snapshot. Batch: the latest snapshot. */
    LATEST("latest"),
    /**
     * Streaming: the changes of snapshot {@code scan.snapshot-id} and of every later one, without reading a
     * snapshot in full. Batch: snapshot {@code scan.snapshot-id}.
     */
    FROM_SNAPSHOT("from-snapshot"),
    /** Streaming: snapshot {@code scan.snapshot-id} in full, then every change after it. Batch: that snapshot. */
    FROM_SNAPSHOT_FULL("from-snapshot-full"),
    /**
     * Streaming: the changes of the snapshots committed after {@code scan.timestamp-millis}. Batch: the latest
     * snapshot committed at or before that time.
     */
    FROM_TIMESTAMP("from-timestamp"),
    /**
     * Streaming: the latest COMPACT snapshot (the latest snapshot when there is none) in full, then every change
     * after it. Batch: that snapshot.
     */
    COMPACTED_FULL("compacted-full");

    private final String value;

    ScanMode(String value) {
        this.value = value;
    }

    @Override
    public String toString() {
        return value;
    }
}
