package io.tstore.core.snapshot;

/** What a snapshot did to the table. */
public enum CommitKind {
    /** New data files (and changelog files) were added. */
    APPEND,
    /** Compaction replaced files with files holding the same data. */
    COMPACT,
    /** Data of the whole table, or of some partitions, was replaced. */
    OVERWRITE
}
