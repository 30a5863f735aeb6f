package io.tstore.core.manifest;

import io.tstore.core.file.SimpleStats;

import static java.util.Objects.requireNonNull;

/** A manifest file as a manifest list records it: its size, how many files it adds and deletes, and the range of partitions it touches. */
public record ManifestFileMeta(
        String fileName, long fileSize, long numAddedFiles, long numDeletedFiles, SimpleStats partitionStats, long schemaId) {

    public ManifestFileMeta {
        requireNonNull(fileName, "fileName is null");
        requireNonNull(partitionStats, "partitionStats is null");
    }
}
