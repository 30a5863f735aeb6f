package io.tstore.core.format.orc;

import io.tstore.core.data.BinaryString;
import io.tstore.core.data.ColumnBatch;
import io.tstore.core.data.ColumnBatches;
import io.tstore.core.data.Decimal;
import io.tstore.core.data.InternalArray;
import io.tstore.core.data.InternalMap;
import io.tstore.core.data.InternalRow;
import io.tstore.core.data.Timestamp;
import io.tstore.core.fs.Path;
import io.tstore.core.types.DataType;
import io.tstore.core.types.RowType;
import io.tstore.lsm.RecordReader;
import org.apache.hadoop.hive.ql.exec.vector.ColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.DoubleColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.LongColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.VectorizedRowBatch;
import org.apache.orc.Reader;
import org.apache.orc.TypeDescription;

import java.io.IOException;
import java.util.Arrays;

import static java.util.Objects.requireNonNull;

/**
 * Reads an ORC file as batches of its own vectors ({@link VectorizedRowBatch}), each column wrapped as a
 * {@link io.tstore.core.data.ColumnVector}: numbers are read straight from ORC's long and double vectors, other
 * values decoded by {@link OrcVectorReaders} when asked for. Every batch is read into new vectors, so a batch stays
 * valid after the next one is read. Only for files whose columns need no schema evolution.
 */
final class OrcBatchReader implements RecordReader<ColumnBatch> {
    private final Reader reader;
    private final org.apache.orc.RecordReader rows;
    private final TypeDescription fileSchema;
    private final int[] columns;
    private final RowType readType;
    private final OrcVectorReaders.VectorReader[] fieldReaders;
    private final int batchSize;
    private final Path path;

    OrcBatchReader(Reader reader, org.apache.orc.RecordReader rows, TypeDescription fileSchema, int[] columns,
            RowType readType, int batchSize, Path path) {
        this.reader = requireNonNull(reader, "reader is null");
        this.rows = requireNonNull(rows, "rows is null");
        this.fileSchema = fileSchema;
        this.columns = columns;
        this.readType = readType;
        this.batchSize = batchSize;
        this.path = path;
        this.fieldReaders = new OrcVectorReaders.VectorReader[columns.length];
        for (int i = 0; i < columns.length; i++) {
            fieldReaders[i] = OrcVectorReaders.forType(readType.typeAt(i));
        }
    }

    @Override
    public ColumnBatch read() throws IOException {
        while (true) {
            VectorizedRowBatch batch = fileSchema.createRowBatch(TypeDescription.RowBatchVersion.USE_DECIMAL64, batchSize);
            if (!rows.nextBatch(batch)) {
                return null;
            }
            if (batch.size == 0) {
                continue;
            }
            int[] selected = batch.selectedInUse ? Arrays.copyOf(batch.selected, batch.size) : null;
            io.tstore.core.data.ColumnVector[] vectors = new io.tstore.core.data.ColumnVector[columns.length];
            for (int i = 0; i < columns.length; i++) {
                vectors[i] = new OrcColumn(batch.cols[columns[i]], fieldReaders[i], readType.typeAt(i), selected);
            }
            return ColumnBatches.of(readType, batch.size, vectors);
        }
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
        return "OrcBatchReader(" + path + ")";
    }

    /** One ORC vector as a column of a batch; row {@code i} is slot {@code selected[i]} (or {@code i}) of the vector. */
    private static final class OrcColumn implements io.tstore.core.data.ColumnVector {
        private final ColumnVector vector;
        private final OrcVectorReaders.VectorReader reader;
        private final DataType type;
        private final int[] selected;

        OrcColumn(ColumnVector vector, OrcVectorReaders.VectorReader reader, DataType type, int[] selected) {
            this.vector = vector;
            this.reader = reader;
            this.type = type;
            this.selected = selected;
        }

        @Override
        public DataType type() {
            return type;
        }

        private int slot(int row) {
            return selected == null ? row : selected[row];
        }

        private int index(int row) {
            return vector.isRepeating ? 0 : slot(row);
        }

        private long longValue(int row) {
            return ((LongColumnVector) vector).vector[index(row)];
        }

        private double doubleValue(int row) {
            return ((DoubleColumnVector) vector).vector[index(row)];
        }

        private Object value(int row) {
            return reader.read(vector, slot(row));
        }

        @Override
        public boolean isNullAt(int row) {
            return !vector.noNulls && vector.isNull[index(row)];
        }

        @Override
        public boolean getBoolean(int row) {
            return longValue(row) != 0;
        }

        @Override
        public byte getByte(int row) {
            return (byte) longValue(row);
        }

        @Override
        public short getShort(int row) {
            return (short) longValue(row);
        }

        @Override
        public int getInt(int row) {
            return (int) longValue(row);
        }

        @Override
        public long getLong(int row) {
            return longValue(row);
        }

        @Override
        public float getFloat(int row) {
            return (float) doubleValue(row);
        }

        @Override
        public double getDouble(int row) {
            return doubleValue(row);
        }

        @Override
        public BinaryString getString(int row) {
            return (BinaryString) value(row);
        }

        @Override
        public Decimal getDecimal(int row, int precision, int scale) {
            return (Decimal) value(row);
        }

        @Override
        public Timestamp getTimestamp(int row, int precision) {
            return (Timestamp) value(row);
        }

        @Override
        public byte[] getBinary(int row) {
            return (byte[]) value(row);
        }

        @Override
        public InternalArray getArray(int row) {
            return (InternalArray) value(row);
        }

        @Override
        public InternalMap getMap(int row) {
            return (InternalMap) value(row);
        }

        @Override
        public InternalRow getRow(int row, int numFields) {
            return (InternalRow) value(row);
        }
    }
}
