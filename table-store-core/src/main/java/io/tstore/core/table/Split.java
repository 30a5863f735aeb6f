package io.tstore.core.table;

/**
 * A unit of reading planned by a {@link TableScan} and read by a {@link TableRead}, possibly in another process.
 * What a split holds depends on the table: a bucket's files for a data table, a slice of metadata for a system
 * table.
 */
public interface Split {

    /** The number of rows the split's sources hold (before merging and filtering), for planning and metrics. */
    long rowCount();
}
