package io.tstore.core.file;

import io.tstore.core.data.BinaryRow;
import io.tstore.lsm.file.LsmFile;

import java.util.Objects;

import static java.util.Objects.requireNonNull;

/**
 * The metadata of one data file as the manifests record it: what the LSM engine needs (name, size, rows, key
 * range, sequence range, level) plus column statistics, the schema the file was written with, and where it
 * came from. Immutable; {@link #upgrade} moves it to another level and keeps everything else.
 */
public final class DataFileMeta implements LsmFile<BinaryRow> {
    private final String fileName;
    private final long fileSize;
    private final long rowCount;
    private final BinaryRow minKey;
    private final BinaryRow maxKey;
    private final SimpleStats valueStats;
    private final long minSequenceNumber;
    private final long maxSequenceNumber;
    private final long schemaId;
    private final int level;
    private final long deleteRowCount;
    private final long creationTimeMillis;
    private final FileSource fileSource;

    public DataFileMeta(
            String fileName,
            long fileSize,
            long rowCount,
            BinaryRow minKey,
            BinaryRow maxKey,
            SimpleStats valueStats,
            long minSequenceNumber,
            long maxSequenceNumber,
            long schemaId,
            int level,
            long deleteRowCount,
            long creationTimeMillis,
            FileSource fileSource) {
        this.fileName = requireNonNull(fileName, "fileName is null");
        this.fileSize = fileSize;
        this.rowCount = rowCount;
        this.minKey = requireNonNull(minKey, "minKey is null");
        this.maxKey = requireNonNull(maxKey, "maxKey is null");
        this.valueStats = requireNonNull(valueStats, "valueStats is null");
        this.minSequenceNumber = minSequenceNumber;
        this.maxSequenceNumber = maxSequenceNumber;
        this.schemaId = schemaId;
        if (level < 0) {
            throw new IllegalArgumentException("level must not be negative: " + level);
        }
        this.level = level;
        this.deleteRowCount = deleteRowCount;
        this.creationTimeMillis = creationTimeMillis;
        this.fileSource = requireNonNull(fileSource, "fileSource is null");
    }

    @Override
    public String fileName() {
        return fileName;
    }

    @Override
    public long fileSize() {
        return fileSize;
    }

    @Override
    public long rowCount() {
        return rowCount;
    }

    @Override
    public long deleteRowCount() {
        return deleteRowCount;
    }

    @Override
    public BinaryRow minKey() {
        return minKey;
    }

    @Override
    public BinaryRow maxKey() {
        return maxKey;
    }

    public SimpleStats valueStats() {
        return valueStats;
    }

    @Override
    public long minSequenceNumber() {
        return minSequenceNumber;
    }

    @Override
    public long maxSequenceNumber() {
        return maxSequenceNumber;
    }

    public long schemaId() {
        return schemaId;
    }

    @Override
    public int level() {
        return level;
    }

    public long creationTimeMillis() {
        return creationTimeMillis;
    }

    public FileSource fileSource() {
        return fileSource;
    }

    @Override
    public DataFileMeta upgrade(int newLevel) {
        return new DataFileMeta(fileName, fileSize, rowCount, minKey, maxKey, valueStats, minSequenceNumber,
                maxSequenceNumber, schemaId, newLevel, deleteRowCount, creationTimeMillis, fileSource);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DataFileMeta f
                && fileName.equals(f.fileName) && fileSize == f.fileSize && rowCount == f.rowCount
                && minKey.equals(f.minKey) && maxKey.equals(f.maxKey) && valueStats.equals(f.valueStats)
                && minSequenceNumber == f.minSequenceNumber && maxSequenceNumber == f.maxSequenceNumber
                && schemaId == f.schemaId && level == f.level && deleteRowCount == f.deleteRowCount
                && creationTimeMillis == f.creationTimeMillis && fileSource == f.fileSource;
    }

    @Override
    public int hashCode() {
        return Objects.hash(fileName, level, fileSize);
    }

    @Override
    public String toString() {
        return fileName + "@L" + level + "[rows=" + rowCount + ", seq=" + minSequenceNumber + ".." + maxSequenceNumber + "]";
    }
}
