package io.tstore.core.file;

import io.tstore.core.data.BinaryRow;
import io.tstore.core.fs.Path;
import io.tstore.core.options.FileFormatType;
import io.tstore.core.types.RowType;

import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import static java.util.Objects.requireNonNull;

/**
 * Where a table's files live: {@code <table>/<k1=v1>/.../bucket-<n>/data-<uuid>-<n>.<format>} and
 * {@code changelog-...} beside them. Partition values are escaped so that any value makes one safe directory
 * name: characters outside letters, digits and {@code -_.:} become {@code %XX} of their UTF-8 bytes, as Hive does.
 */
public final class TablePaths {
    private final Path tablePath;
    private final PartitionNames partitionNames;
    private final RowType partitionType;
    private final String filePrefix = UUID.randomUUID().toString();
    private final AtomicLong fileCounter = new AtomicLong();

    public TablePaths(Path tablePath, RowType partitionType) {
        this.tablePath = requireNonNull(tablePath, "tablePath is null");
        this.partitionType = requireNonNull(partitionType, "partitionType is null");
        this.partitionNames = new PartitionNames(partitionType);
    }

    public Path tablePath() {
        return tablePath;
    }

    public Path bucketPath(BinaryRow partition, int bucket) {
        Path path = tablePath;
        for (int i = 0; i < partitionType.fieldCount(); i++) {
            path = new Path(path, escape(partitionType.fields().get(i).name()) + "=" + escape(partitionNames.valueString(i, partition)));
        }
        return new Path(path, "bucket-" + bucket);
    }

    /** A new, unique data file name. */
    public String newDataFileName(FileFormatType format) {
        return "data-" + filePrefix + "-" + fileCounter.getAndIncrement() + "." + format;
    }

    /** A new, unique changelog file name. */
    public String newChangelogFileName(FileFormatType format) {
        return "changelog-" + filePrefix + "-" + fileCounter.getAndIncrement() + "." + format;
    }

    public static String escape(String value) {
        StringBuilder sb = new StringBuilder(value.length());
        for (byte b : value.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xFF);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.' || c == ':') {
                sb.append(c);
            } else {
                sb.append('%').append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xF, 16)))
                        .append(Character.toUpperCase(Character.forDigit(b & 0xF, 16)));
            }
        }
        // "." and ".." alone are not safe names.
        String escaped = sb.toString();
        return escaped.equals(".") || escaped.equals("..") ? escaped.replace(".", "%2E") : escaped;
    }
}
