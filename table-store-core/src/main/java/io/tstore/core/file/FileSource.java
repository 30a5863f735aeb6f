package io.tstore.core.file;

/** Where a data file came from: a writer's flush, or a compaction. */
public enum FileSource {
    APPEND,
    COMPACT
}
