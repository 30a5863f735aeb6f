package io.tstore.core.table;

/**
 * A unit of reading planned by a {@link TableScan} and read by a {@link TableRead}, possibly in another process.
 * What a split holds depends on the table: a bucket's files for a data table, a slice of metadata for a system
 * table.
 */
public interface Split {

    /** The number of rows the split's sources hold (before merging and filtering), for planning and metrics. */
    long rowCount();

    /** The size of the split's sources in bytes (files as stored), for planning; 0 where unknown or negligible. */
    default long sizeInBytes() {
        return 0;
    }

    /**
     * Whether reading the split merges the records of several sources (the versions of each key): such a split
     * holds a whole bucket and cannot be cut further. A split that needs no merge can be read in parts, each by any
     * task, and gives the same rows.
     */
    default boolean needsMerge() {
        return false;
    }
}
