package io.tstore.core.log;

import io.tstore.core.data.InternalRow;

import static java.util.Objects.requireNonNull;

/**
 * One record of a table's log: the bucket (log partition) and offset it has, its timestamp, and the row (of the
 * reader's schema) with its row kind.
 */
public record LogRecord(int bucket, long offset, long timestampMillis, InternalRow row) {

    public LogRecord {
        requireNonNull(row, "row is null");
    }
}
