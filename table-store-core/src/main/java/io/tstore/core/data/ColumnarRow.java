package io.tstore.core.data;

import io.tstore.lsm.RowKind;

import static java.util.Objects.requireNonNull;

/** One row of a {@link ColumnBatch}, read from its vectors. */
final class ColumnarRow implements InternalRow {
    private final ColumnBatch batch;
    private final int row;
    private RowKind kind;

    ColumnarRow(ColumnBatch batch, int row) {
        this.batch = requireNonNull(batch, "batch is null");
        if (row < 0 || row >= batch.rowCount()) {
            throw new IndexOutOfBoundsException("Row " + row + " of a batch of " + batch.rowCount());
        }
        this.row = row;
        this.kind = batch.rowKind(row);
    }

    @Override
    public int getFieldCount() {
        return batch.rowType().fieldCount();
    }

    @Override
    public RowKind getRowKind() {
        return kind;
    }

    @Override
    public void setRowKind(RowKind kind) {
        this.kind = requireNonNull(kind, "kind is null");
    }

    @Override
    public boolean isNullAt(int pos) {
        return batch.column(pos).isNullAt(row);
    }

    @Override
    public boolean getBoolean(int pos) {
        return batch.column(pos).getBoolean(row);
    }

    @Override
    public byte getByte(int pos) {
        return batch.column(pos).getByte(row);
    }

    @Override
    public short getShort(int pos) {
        return batch.column(pos).getShort(row);
    }

    @Override
    public int getInt(int pos) {
        return batch.column(pos).getInt(row);
    }

    @Override
    public long getLong(int pos) {
        return batch.column(pos).getLong(row);
    }

    @Override
    public float getFloat(int pos) {
        return batch.column(pos).getFloat(row);
    }

    @Override
    public double getDouble(int pos) {
        return batch.column(pos).getDouble(row);
    }

    @Override
    public BinaryString getString(int pos) {
        return batch.column(pos).getString(row);
    }

    @Override
    public Decimal getDecimal(int pos, int precision, int scale) {
        return batch.column(pos).getDecimal(row, precision, scale);
    }

    @Override
    public Timestamp getTimestamp(int pos, int precision) {
        return batch.column(pos).getTimestamp(row, precision);
    }

    @Override
    public byte[] getBinary(int pos) {
        return batch.column(pos).getBinary(row);
    }

    @Override
    public InternalArray getArray(int pos) {
        return batch.column(pos).getArray(row);
    }

    @Override
    public InternalMap getMap(int pos) {
        return batch.column(pos).getMap(row);
    }

    @Override
    public InternalRow getRow(int pos, int numFields) {
        return batch.column(pos).getRow(row, numFields);
    }
}
