package io.tstore.flink.source;

import io.tstore.core.table.Split;

/**
 * The log of one bucket of a table with a log store, read from an offset on and never finished: the part of a
 * streaming read that follows the log after the files of the snapshot it started at. A reader's checkpoint holds
 * the split with the next offset it has not emitted, so that a restore continues exactly there.
 *
 * <p>The log partition of bucket {@code b} carries bucket {@code b} of every table partition, so a reader of the log
 * must also read the files of bucket {@code b} of every partition, before the log: {@link #owner} assigns both.
 *
 * @param bucket the bucket, which is the log's partition
 * @param startOffset the next offset to read; 0 is the log's start
 */
public record LogSplit(int bucket, long startOffset) implements Split {

    public LogSplit {
        if (bucket < 0) {
            throw new IllegalArgumentException("bucket must not be negative: " + bucket);
        }
        if (startOffset < 0) {
            throw new IllegalArgumentException("startOffset must not be negative: " + startOffset);
        }
    }

    /** The log is unbounded: no row count is known. */
    @Override
    public long rowCount() {
        return 0;
    }

    /** This split, to continue at another offset. */
    public LogSplit withStartOffset(long offset) {
        return new LogSplit(bucket, offset);
    }
}
