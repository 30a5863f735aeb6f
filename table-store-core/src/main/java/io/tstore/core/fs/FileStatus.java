package io.tstore.core.fs;

import static java.util.Objects.requireNonNull;

/**
 * What a {@link FileIO} knows about one file or directory: its path, its length in bytes (0 for a directory),
 * whether it is a directory, and when it was last modified in milliseconds since the epoch (0 where the store
 * does not say).
 */
public record FileStatus(Path path, long length, boolean isDir, long modificationTime) {

    public FileStatus {
        requireNonNull(path, "path is null");
        if (length < 0) {
            throw new IllegalArgumentException("length of " + path + " must not be negative: " + length);
        }
    }
}
