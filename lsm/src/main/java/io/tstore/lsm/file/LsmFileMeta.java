package io.tstore.lsm.file;

import static java.util.Objects.requireNonNull;

/** A plain {@link LsmFile}: the engine's own fields and nothing else. */
public record LsmFileMeta<K>(
        String fileName,
        long fileSize,
        long rowCount,
        long deleteRowCount,
        K minKey,
        K maxKey,
        long minSequenceNumber,
        long maxSequenceNumber,
        int level)
        implements LsmFile<K> {

    public LsmFileMeta {
        requireNonNull(fileName, "fileName is null");
        requireNonNull(minKey, "minKey is null");
        requireNonNull(maxKey, "maxKey is null");
        if (level < 0) {
            throw new IllegalArgumentException("level must not be negative: " + level);
        }
    }

    @Override
    public LsmFileMeta<K> upgrade(int newLevel) {
        return new LsmFileMeta<>(
                fileName, fileSize, rowCount, deleteRowCount, minKey, maxKey, minSequenceNumber, maxSequenceNumber, newLevel);
    }
}
