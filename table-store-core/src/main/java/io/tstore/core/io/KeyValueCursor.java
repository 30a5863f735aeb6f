package io.tstore.core.io;

import io.tstore.core.data.BinaryRow;
import io.tstore.core.data.InternalRow;
import io.tstore.lsm.RowKind;

import java.io.Closeable;
import java.io.IOException;

/**
 * The records of a data file (or of a sorted run), one position at a time, for merging: the key's normalized
 * prefix, the sequence number and the row kind are cheap to read at every record; the key row is built and the
 * value decoded only when asked for. A merge asks for the value of the records it returns only, so the value
 * columns of the records it drops may never be decoded ({@link io.tstore.core.format.LazyColumnsReader}).
 *
 * <p>Not thread-safe. The cursor starts before the first record.
 */
public interface KeyValueCursor extends Closeable {

    /** Moves to the next record; false at the end. */
    boolean next() throws IOException;

    /**
     * The normalized prefix of the current key ({@link io.tstore.core.data.NormalizedKeys}), or 0 when the key type
     * has none: keys with different prefixes compare as their prefixes do.
     */
    long keyPrefix();

    /** The current key; the same object until the cursor moves. */
    BinaryRow key();

    long sequenceNumber();

    RowKind kind();

    /** The value of the current record, with the record's kind; it stays valid after the cursor moves or closes. */
    InternalRow value() throws IOException;
}
