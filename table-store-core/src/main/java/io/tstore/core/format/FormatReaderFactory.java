package io.tstore.core.format;

import io.tstore.core.data.ColumnBatch;
import io.tstore.core.data.InternalRow;
import io.tstore.core.fs.FileIO;
import io.tstore.core.fs.Path;
import io.tstore.core.types.RowType;
import io.tstore.lsm.RecordReader;

import java.io.IOException;

/**
 * Opens readers over data files of one format.
 *
 * <p>A file is described by the row type it was written with ({@code fileRowType}, with the field ids of its
 * schema); the reader returns rows of {@code readRowType}, matching fields by id as {@link SchemaEvolution}
 * describes: renamed fields still match, added fields read as null, dropped fields are not read, widened types
 * are cast. Only the columns the read type needs are read from the file.
 *
 * <p>Each call of {@link RecordReader#read()} returns a new row of kind INSERT that the caller may keep: its values
 * never change and nothing is reused. The rows are {@link io.tstore.core.data.SliceableRow}s: Parquet gives
 * {@link io.tstore.core.data.GenericRow}s; ORC reads each batch into vectors of its own and gives views over them
 * that decode each field when it is first read (or, when the file's columns need schema evolution, GenericRows).
 * Keeping one row keeps its batch's vectors. Internally the formats decode in batches.
 */
public interface FormatReaderFactory {

    /** A reader of the rows of a file written with {@code fileRowType}, as rows of {@code readRowType}. */
    RecordReader<InternalRow> create(FileIO fileIO, Path path, RowType fileRowType, RowType readRowType, ReadOptions options)
            throws IOException;

    /**
     * A reader of the rows of a file written with {@code fileRowType} as rows of {@code readRowType}, whose first
     * {@code eagerFields} fields are decoded as the reader moves and whose other fields are decoded only where
     * asked for ({@link LazyColumnsReader}); null when this format, or this file (one that needs schema evolution,
     * or a read with a filter), cannot be read that way: the caller then reads rows with {@link #create}.
     */
    default LazyColumnsReader createLazyColumns(
            FileIO fileIO, Path path, RowType fileRowType, RowType readRowType, int eagerFields, ReadOptions options)
            throws IOException {
        return null;
    }

    /**
     * A reader of the rows of a file in batches of the format's own column vectors, wrapped as
     * {@link ColumnBatch}es of {@code readRowType}; null when this format, or this file, cannot be read that way:
     * ORC reads batches of files that need no schema evolution; Parquet has no vectorized read here and returns
     * null (the caller then packs rows of {@link #create} into batches). A search argument or filter of the options
     * may skip row groups, never single rows.
     */
    default RecordReader<ColumnBatch> createBatches(
            FileIO fileIO, Path path, RowType fileRowType, RowType readRowType, ReadOptions options) throws IOException {
        return null;
    }

    /** A reader of the fields at {@code projection} (positions in the file's row type), in that order. */
    default RecordReader<InternalRow> create(FileIO fileIO, Path path, RowType fileRowType, int[] projection)
            throws IOException {
        return create(fileIO, path, fileRowType, fileRowType.project(projection), ReadOptions.defaults());
    }

    /** A reader of all fields of a file, as written. */
    default RecordReader<InternalRow> create(FileIO fileIO, Path path, RowType fileRowType) throws IOException {
        return create(fileIO, path, fileRowType, fileRowType, ReadOptions.defaults());
    }
}
