package io.tstore.core.format.orc;

import io.tstore.core.data.InternalRow;
import io.tstore.core.format.LazyColumnsReader;
import io.tstore.core.fs.Path;
import io.tstore.core.types.RowType;
import org.apache.hadoop.hive.ql.exec.vector.ColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.LongColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.VectorizedRowBatch;
import org.apache.orc.Reader;
import org.apache.orc.TypeDescription;

import java.io.IOException;

import static java.util.Objects.requireNonNull;

/**
 * A {@link LazyColumnsReader} over an ORC file with two ORC record readers: one over the eager columns, read
 * batch after batch, and one over the lazy columns, opened on the first {@link #lazyRow()} and moved to the row
 * number of the eager batch whose lazy columns are asked for. Batches asked for one after the other are read one
 * after the other; a gap is skipped with ORC's {@code seekToRow}, which jumps to the row group's start through
 * the row index, so row groups that are skipped whole are never decompressed. Without a filter both readers see
 * the same batches (a batch ends at the batch size or at the end of a stripe), which is what lets row numbers
 * pair them; reads with a filter use {@link OrcRowReader}.
 */
final class OrcLazyColumnsReader implements LazyColumnsReader {
    private final Reader reader;
    private final TypeDescription fileSchema;
    private final Reader.Options lazyOptions;
    private final int batchSize;
    private final int[] columns;
    private final int eagerFields;
    private final OrcVectorReaders.VectorReader[] eagerReaders;
    private final OrcVectorReaders.VectorReader[] lazyReaders;
    private final Path path;
    private final org.apache.orc.RecordReader eagerRows;
    private final VectorizedRowBatch eagerBatch;
    /** The eager batch's vector of each eager field. */
    private final ColumnVector[] eagerVectors;
    /** The row number in the file of the first row of the eager batch. */
    private long batchStart;
    private int position = -1;
    private boolean exhausted;

    private org.apache.orc.RecordReader lazyRows;
    /** The row number the lazy reader reads next. */
    private long lazyNext;
    /** The row number of the first row of the lazy batch, or -1 before any. */
    private long lazyStart = -1;
    /** The lazy batch's vector of each lazy field; a new array (and batch) per batch, since rows keep them. */
    private ColumnVector[] lazyVectors;

    OrcLazyColumnsReader(
            Reader reader, Reader.Options eagerOptions, Reader.Options lazyOptions, TypeDescription fileSchema,
            int[] columns, int eagerFields, RowType readType, int batchSize, Path path) throws IOException {
        this.reader = requireNonNull(reader, "reader is null");
        this.fileSchema = fileSchema;
        this.lazyOptions = lazyOptions;
        this.columns = columns;
        this.eagerFields = eagerFields;
        this.batchSize = batchSize;
        this.path = path;
        this.eagerReaders = new OrcVectorReaders.VectorReader[eagerFields];
        this.lazyReaders = new OrcVectorReaders.VectorReader[columns.length - eagerFields];
        for (int i = 0; i < columns.length; i++) {
            OrcVectorReaders.VectorReader fieldReader = OrcVectorReaders.forType(readType.typeAt(i));
            if (i < eagerFields) {
                eagerReaders[i] = fieldReader;
            } else {
                lazyReaders[i - eagerFields] = fieldReader;
            }
        }
        this.eagerBatch = newBatch();
        this.eagerVectors = new ColumnVector[eagerFields];
        this.eagerRows = reader.rows(eagerOptions);
    }

    private VectorizedRowBatch newBatch() {
        return fileSchema.createRowBatch(TypeDescription.RowBatchVersion.USE_DECIMAL64, batchSize);
    }

    @Override
    public boolean next() throws IOException {
        if (exhausted) {
            return false;
        }
        position++;
        if (position < eagerBatch.size) {
            return true;
        }
        batchStart += eagerBatch.size;
        if (!eagerRows.nextBatch(eagerBatch)) {
            exhausted = true;
            return false;
        }
        if (eagerBatch.selectedInUse) {
            throw new IllegalStateException("ORC selected rows of " + path + " without a filter");
        }
        // Vectors may be replaced by a batch read: look them up again.
        for (int i = 0; i < eagerFields; i++) {
            eagerVectors[i] = eagerBatch.cols[columns[i]];
        }
        position = 0;
        return true;
    }

    private ColumnVector eagerVector(int field) {
        if (position < 0 || position >= eagerBatch.size) {
            throw new IllegalStateException("The reader of " + path + " is not on a row");
        }
        return eagerVectors[field];
    }

    @Override
    public boolean isNullAt(int field) {
        ColumnVector vector = eagerVector(field);
        return !vector.noNulls && vector.isNull[vector.isRepeating ? 0 : position];
    }

    @Override
    public long getLong(int field) {
        LongColumnVector vector = (LongColumnVector) eagerVector(field);
        return vector.vector[vector.isRepeating ? 0 : position];
    }

    @Override
    public InternalRow eagerRow() {
        eagerVector(0);
        return new OrcRowView(eagerVectors, eagerReaders, position, 0, eagerFields);
    }

    @Override
    public InternalRow lazyRow() throws IOException {
        eagerVector(0);
        if (lazyStart != batchStart) {
            readLazyBatch();
        }
        return new OrcRowView(lazyVectors, lazyReaders, position, 0, lazyReaders.length);
    }

    /** Reads the lazy columns of the rows of the current eager batch. */
    private void readLazyBatch() throws IOException {
        if (lazyRows == null) {
            lazyRows = reader.rows(lazyOptions);
        }
        if (lazyNext != batchStart) {
            lazyRows.seekToRow(batchStart);
        }
        VectorizedRowBatch batch = newBatch();
        if (!lazyRows.nextBatch(batch) || batch.size < eagerBatch.size || batch.selectedInUse) {
            throw new IllegalStateException(String.format(
                    "The lazy columns of %s gave %d rows at row %d, where the eager columns gave %d",
                    path, batch.size, batchStart, eagerBatch.size));
        }
        lazyStart = batchStart;
        lazyNext = batchStart + batch.size;
        ColumnVector[] vectors = new ColumnVector[lazyReaders.length];
        for (int i = 0; i < vectors.length; i++) {
            vectors[i] = batch.cols[columns[eagerFields + i]];
        }
        lazyVectors = vectors;
    }

    @Override
    public void close() throws IOException {
        try {
            try {
                eagerRows.close();
            } finally {
                if (lazyRows != null) {
                    lazyRows.close();
                }
            }
        } finally {
            reader.close();
        }
    }

    @Override
    public String toString() {
        return "OrcLazyColumnsReader(" + path + ", " + eagerFields + " eager fields)";
    }
}
