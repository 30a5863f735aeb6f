package io.tstore.benchmarks.hudi;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The regular files under a table directory with their sizes, split into the table's own files and those of a
 * metadata directory inside it (Hudi's metadata table). The difference of two listings is what a commit wrote.
 */
record DirectoryListing(Map<Path, Long> files, Path metadata) {

    static DirectoryListing of(Path directory, Path metadata) {
        Map<Path, Long> files = new HashMap<>();
        if (Files.isDirectory(directory)) {
            try (Stream<Path> paths = Files.walk(directory)) {
                paths.forEach(path -> {
                    try {
                        BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
                        if (attributes.isRegularFile()) {
                            files.put(path, attributes.size());
                        }
                    } catch (NoSuchFileException e) {
                        // removed while listing (a temporary file): not part of the table
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot list " + directory, e);
            }
        }
        return new DirectoryListing(files, metadata);
    }

    private boolean inMetadata(Path path) {
        return metadata != null && path.startsWith(metadata);
    }

    /** Files and bytes: [table files, table bytes, metadata files, metadata bytes]. */
    long[] totals() {
        long[] totals = new long[4];
        files.forEach((path, size) -> {
            int at = inMetadata(path) ? 2 : 0;
            totals[at]++;
            totals[at + 1] += size;
        });
        return totals;
    }

    /**
     * What was written since {@code before}: new files count whole, files that grew (appended logs) count their growth;
     * as [table files, table bytes, metadata files, metadata bytes].
     */
    long[] writtenSince(DirectoryListing before) {
        long[] written = new long[4];
        files.forEach((path, size) -> {
            Long old = before.files.get(path);
            if (old == null || size > old) {
                int at = inMetadata(path) ? 2 : 0;
                written[at]++;
                written[at + 1] += old == null ? size : size - old;
            }
        });
        return written;
    }

    /** Files of the table whose name ends with {@code suffix}, outside the metadata directory. */
    long count(String suffix) {
        return files.keySet().stream()
                .filter(path -> !inMetadata(path) && path.getFileName().toString().endsWith(suffix))
                .count();
    }
}
