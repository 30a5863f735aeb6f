package io.tstore.core.format;

import io.tstore.core.data.InternalRow;

import java.io.Closeable;
import java.io.IOException;

/**
 * Reads the rows of a file one position at a time, in two parts: the <em>eager</em> fields (the first
 * {@code eagerFields} of the read type) are decoded batch by batch as the reader moves, the <em>lazy</em> fields
 * (the rest) only for the batches in which a row's lazy fields are asked for with {@link #lazyRow()}. Batches whose
 * lazy fields nobody asks for are never decoded, and where a whole row group is skipped, never even decompressed.
 *
 * <p>This is what a merge of sorted runs needs: it decides from the eager fields (key, sequence number, row kind)
 * which record of a key wins, and decodes the value columns only of the winners. Opened by
 * {@link FormatReaderFactory#createLazyColumns}; not thread-safe.
 */
public interface LazyColumnsReader extends Closeable {

    /** Moves to the next row; false at the end. The reader starts before the first row. */
    boolean next() throws IOException;

    /** Whether eager field {@code field} of the current row is null. */
    boolean isNullAt(int field);

    /**
     * Eager field {@code field} of the current row as a long, for fields of types that read as integral numbers
     * (BOOLEAN, TINYINT, SMALLINT, INT, BIGINT, DATE, TIME); unspecified when the field is null.
     */
    long getLong(int field);

    /** The eager fields of the current row; valid only until the reader moves. */
    InternalRow eagerRow();

    /**
     * The lazy fields of the current row (field {@code eagerFields + i} of the read type as field {@code i}), of
     * kind INSERT, decoded with the rest of their batch on the first call for the batch. The row stays valid after
     * the reader moves on or is closed.
     */
    InternalRow lazyRow() throws IOException;
}
