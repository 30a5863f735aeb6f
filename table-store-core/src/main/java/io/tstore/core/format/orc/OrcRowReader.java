package io.tstore.core.format.orc;

import io.tstore.core.data.GenericRow;
import io.tstore.core.data.InternalRow;
import io.tstore.core.format.SchemaEvolution;
import io.tstore.core.fs.Path;
import io.tstore.core.types.RowType;
import io.tstore.lsm.RecordReader;
import org.apache.hadoop.hive.ql.exec.vector.ColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.VectorizedRowBatch;
import org.apache.orc.Reader;
import org.apache.orc.TypeDescription;

import java.io.IOException;

import static java.util.Objects.requireNonNull;

/** Reads the rows of an ORC file batch by batch and hands them out one by one, each a new row of the read type. */
final class OrcRowReader implements RecordReader<InternalRow> {
    private final Reader reader;
    private final org.apache.orc.RecordReader rows;
    private final TypeDescription fileSchema;
    private final int batchSize;
    private VectorizedRowBatch batch;
    /** The vector of each read field in the current batch, for the rows made from it. */
    private ColumnVector[] fieldVectors;
    private final int[] columns;
    private final OrcVectorReaders.VectorReader[] fieldReaders;
    private final SchemaEvolution evolution;
    private final Path path;
    private int next;
    private boolean exhausted;

    OrcRowReader(
            Reader reader, org.apache.orc.RecordReader rows, TypeDescription fileSchema, int[] columns,
            SchemaEvolution evolution, int batchSize, Path path) {
        this.reader = requireNonNull(reader, "reader is null");
        this.rows = requireNonNull(rows, "rows is null");
        this.columns = columns;
        this.evolution = evolution;
        this.path = path;
        this.fileSchema = fileSchema;
        this.batchSize = batchSize;
        this.batch = newBatch();
        RowType fileReadType = evolution.fileReadType();
        this.fieldReaders = new OrcVectorReaders.VectorReader[columns.length];
        for (int i = 0; i < columns.length; i++) {
            fieldReaders[i] = OrcVectorReaders.forType(fileReadType.typeAt(i));
        }
    }

    /**
     * A row of the read type. When the file has the read type's fields as they are (no schema evolution), each batch
     * is read into new vectors and the rows are {@link OrcRowView}s over them, decoding each field when first read;
     * otherwise each row is converted in full and evolved.
     */
    @Override
    public InternalRow read() throws IOException {
        while (next >= batch.size) {
            if (exhausted) {
                return null;
            }
            if (evolution.isIdentity()) {
                // The rows of the last batch still read its vectors: the next batch gets its own.
                batch = newBatch();
            }
            if (!rows.nextBatch(batch)) {
                exhausted = true;
                return null;
            }
            next = 0;
            fieldVectors = new ColumnVector[columns.length];
            for (int i = 0; i < columns.length; i++) {
                fieldVectors[i] = batch.cols[columns[i]];
            }
        }
        int slot = batch.selectedInUse ? batch.selected[next] : next;
        next++;
        if (evolution.isIdentity()) {
            return new OrcRowView(fieldVectors, fieldReaders, slot, 0, columns.length);
        }
        Object[] values = new Object[columns.length];
        for (int i = 0; i < values.length; i++) {
            values[i] = fieldReaders[i].read(fieldVectors[i], slot);
        }
        return evolution.evolve(GenericRow.of(values));
    }

    private VectorizedRowBatch newBatch() {
        // Decimals of up to 18 digits come as unscaled longs, not as HiveDecimalWritables decoded digit by digit.
        return fileSchema.createRowBatch(TypeDescription.RowBatchVersion.USE_DECIMAL64, batchSize);
    }

    @Override
    public void close() throws IOException {
        try {
            rows.close();
        } finally {
            reader.close();
        }
    }

    @Override
    public String toString() {
        return "OrcRowReader(" + path + ")";
    }
}
