package io.tstore.core.format;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * What a {@link FormatWriter} reports when it finishes a file: the number of rows, the number of bytes it wrote,
 * and the {@link FieldStats} of each top-level column, in the order of the written row type.
 */
public record FileStats(long rowCount, long fileSize, List<FieldStats> fieldStats) {

    public FileStats {
        requireNonNull(fieldStats, "fieldStats is null");
        fieldStats = List.copyOf(fieldStats);
        if (rowCount < 0 || fileSize < 0) {
            throw new IllegalArgumentException("rowCount and fileSize must not be negative: " + rowCount + ", " + fileSize);
        }
    }
}
