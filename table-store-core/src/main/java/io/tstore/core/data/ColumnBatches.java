package io.tstore.core.data;

import io.tstore.core.types.DataType;
import io.tstore.core.types.RowType;
import io.tstore.lsm.RowKind;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * Batches made of other batches or of rows: a batch of rows packed into columns ({@link #ofRows}, how merged rows
 * and formats without a vectorized read are handed out), and the views of {@link ColumnBatch#select} and
 * {@link ColumnBatch#project}.
 */
public final class ColumnBatches {
    private ColumnBatches() {}

    /** A batch of these rows (of {@code rowType}); each column reads its field of every row. */
    public static ColumnBatch ofRows(RowType rowType, List<InternalRow> rows) {
        requireNonNull(rowType, "rowType is null");
        InternalRow[] held = rows.toArray(new InternalRow[0]);
        ColumnVector[] columns = new ColumnVector[rowType.fieldCount()];
        for (int i = 0; i < columns.length; i++) {
            columns[i] = new RowsColumn(held, i, rowType.typeAt(i));
        }
        RowKind[] kinds = new RowKind[held.length];
        for (int i = 0; i < held.length; i++) {
            kinds[i] = held[i].getRowKind();
        }
        return new Batch(rowType, held.length, columns, kinds);
    }

    static ColumnBatch select(ColumnBatch batch, int[] rows, int count) {
        if (count < 0 || count > rows.length) {
            throw new IllegalArgumentException("Cannot select " + count + " rows of " + rows.length + " positions");
        }
        int[] selected = Arrays.copyOf(rows, count);
        ColumnVector[] columns = new ColumnVector[batch.rowType().fieldCount()];
        for (int i = 0; i < columns.length; i++) {
            columns[i] = new SelectedColumn(batch.column(i), selected);
        }
        RowKind[] kinds = new RowKind[count];
        for (int i = 0; i < count; i++) {
            kinds[i] = batch.rowKind(selected[i]);
        }
        return new Batch(batch.rowType(), count, columns, kinds);
    }

    static ColumnBatch project(ColumnBatch batch, int[] fields) {
        ColumnVector[] columns = new ColumnVector[fields.length];
        for (int i = 0; i < fields.length; i++) {
            columns[i] = batch.column(fields[i]);
        }
        RowKind[] kinds = new RowKind[batch.rowCount()];
        for (int i = 0; i < kinds.length; i++) {
            kinds[i] = batch.rowKind(i);
        }
        return new Batch(batch.rowType().project(fields), batch.rowCount(), columns, kinds);
    }

    /** The rows of a batch, as views; for tests and for engines that want rows after all. */
    public static List<InternalRow> rows(ColumnBatch batch) {
        List<InternalRow> rows = new ArrayList<>(batch.rowCount());
        for (int i = 0; i < batch.rowCount(); i++) {
            rows.add(batch.row(i));
        }
        return rows;
    }

    /** A batch of given vectors, all of its rows inserts. */
    public static ColumnBatch of(RowType rowType, int rowCount, ColumnVector[] columns) {
        return new Batch(rowType, rowCount, columns, null);
    }

    /** @param kinds the kind of each row, or null when all are inserts */
    private record Batch(RowType rowType, int rowCount, ColumnVector[] columns, RowKind[] kinds) implements ColumnBatch {
        private Batch {
            if (columns.length != rowType.fieldCount()) {
                throw new IllegalArgumentException("A batch of " + rowType + " needs " + rowType.fieldCount()
                        + " columns, got " + columns.length);
            }
        }

        @Override
        public ColumnVector column(int field) {
            return columns[field];
        }

        @Override
        public RowKind rowKind(int row) {
            return kinds == null ? RowKind.INSERT : kinds[row];
        }
    }

    /** Delegates every getter to another vector at a remapped position. */
    private abstract static class RemappedColumn implements ColumnVector {
        abstract DataGetters source(int row);

        abstract int position(int row);

        @Override
        public boolean isNullAt(int row) {
            return source(row).isNullAt(position(row));
        }

        @Override
        public boolean getBoolean(int row) {
            return source(row).getBoolean(position(row));
        }

        @Override
        public byte getByte(int row) {
            return source(row).getByte(position(row));
        }

        @Override
        public short getShort(int row) {
            return source(row).getShort(position(row));
        }

        @Override
        public int getInt(int row) {
            return source(row).getInt(position(row));
        }

        @Override
        public long getLong(int row) {
            return source(row).getLong(position(row));
        }

        @Override
        public float getFloat(int row) {
            return source(row).getFloat(position(row));
        }

        @Override
        public double getDouble(int row) {
            return source(row).getDouble(position(row));
        }

        @Override
        public BinaryString getString(int row) {
            return source(row).getString(position(row));
        }

        @Override
        public Decimal getDecimal(int row, int precision, int scale) {
            return source(row).getDecimal(position(row), precision, scale);
        }

        @Override
        public Timestamp getTimestamp(int row, int precision) {
            return source(row).getTimestamp(position(row), precision);
        }

        @Override
        public byte[] getBinary(int row) {
            return source(row).getBinary(position(row));
        }

        @Override
        public InternalArray getArray(int row) {
            return source(row).getArray(position(row));
        }

        @Override
        public InternalMap getMap(int row) {
            return source(row).getMap(position(row));
        }

        @Override
        public InternalRow getRow(int row, int numFields) {
            return source(row).getRow(position(row), numFields);
        }
    }

    /** Field {@code field} of each of the rows. */
    private static final class RowsColumn extends RemappedColumn {
        private final InternalRow[] rows;
        private final int field;
        private final DataType type;

        RowsColumn(InternalRow[] rows, int field, DataType type) {
            this.rows = rows;
            this.field = field;
            this.type = type;
        }

        @Override
        public DataType type() {
            return type;
        }

        @Override
        DataGetters source(int row) {
            return rows[row];
        }

        @Override
        int position(int row) {
            return field;
        }
    }

    /** The selected positions of another vector. */
    private static final class SelectedColumn extends RemappedColumn {
        private final ColumnVector column;
        private final int[] selected;

        SelectedColumn(ColumnVector column, int[] selected) {
            this.column = column;
            this.selected = selected;
        }

        @Override
        public DataType type() {
            return column.type();
        }

        @Override
        DataGetters source(int row) {
            return column;
        }

        @Override
        int position(int row) {
            return selected[row];
        }
    }
}
