package io.tstore.core.manifest;

import io.tstore.core.data.BinaryRow;
import io.tstore.core.file.DataFileMeta;

import static java.util.Objects.requireNonNull;

/** One change to the set of a table's data files: a file added to or deleted from a partition's bucket. */
public record ManifestEntry(FileKind kind, BinaryRow partition, int bucket, int totalBuckets, DataFileMeta file) {

    public ManifestEntry {
        requireNonNull(kind, "kind is null");
        requireNonNull(partition, "partition is null");
        requireNonNull(file, "file is null");
        if (bucket < 0 || bucket >= totalBuckets) {
            throw new IllegalArgumentException("bucket " + bucket + " is outside [0, " + totalBuckets + ")");
        }
    }

    /** What identifies a file in a table: an ADD and a later DELETE with equal identifiers cancel out. */
    public Identifier identifier() {
        return new Identifier(partition, bucket, file.level(), file.fileName());
    }

    /**
     * The identity of a data file. The level is part of it because compaction may move a file to another level
     * under the same name, which is a DELETE of the old identifier and an ADD of the new one.
     */
    public record Identifier(BinaryRow partition, int bucket, int level, String fileName) {}
}
