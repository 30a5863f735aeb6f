package io.tstore.lsm.file;

/**
 * The metadata of one immutable data file of an LSM tree, as the engine needs it. The table format's file
 * metadata implements this interface and carries more (statistics, schema id, ...), which
 * {@link #upgrade(int)} must keep.
 *
 * <p>Keys inside one file are sorted and unique.
 */
public interface LsmFile<K> {

    String fileName();

    /** Size in bytes. */
    long fileSize();

    long rowCount();

    /** How many rows are retractions (-U or -D); such a file must be rewritten when deletes are dropped. */
    long deleteRowCount();

    K minKey();

    K maxKey();

    long minSequenceNumber();

    long maxSequenceNumber();

    int level();

    /** The same file, moved to another level without being rewritten. */
    LsmFile<K> upgrade(int newLevel);
}
