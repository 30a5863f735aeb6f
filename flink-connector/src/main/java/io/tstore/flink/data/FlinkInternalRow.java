package io.tstore.flink.data;

import io.tstore.core.data.BinaryString;
import io.tstore.core.data.Decimal;
import io.tstore.core.data.InternalArray;
import io.tstore.core.data.InternalMap;
import io.tstore.core.data.InternalRow;
import io.tstore.core.data.Timestamp;
import io.tstore.lsm.RowKind;

import org.apache.flink.table.data.RowData;

import static java.util.Objects.requireNonNull;

/**
 * A Flink {@link RowData} seen as the table format's {@link InternalRow}, without copying: each getter reads the
 * Flink value and converts it (strings and decimals are copied, timestamps re-wrapped; numbers, dates and times
 * are the same values in both). Flink's and the core's internal forms agree field by field: DATE as days, TIME as
 * milliseconds of the day, TIMESTAMP as epoch milliseconds plus nanoseconds of the millisecond.
 *
 * <p>One instance is reused for row after row ({@link #replace}); the table writer consumes a row before the next.
 */
public final class FlinkInternalRow implements InternalRow {
    private RowData row;
    private RowKind kind;

    public FlinkInternalRow() {}

    public FlinkInternalRow(RowData row) {
        replace(row);
    }

    /** Views another row, with its row kind. */
    public FlinkInternalRow replace(RowData newRow) {
        this.row = requireNonNull(newRow, "row is null");
        this.kind = toCore(newRow.getRowKind());
        return this;
    }

    public static RowKind toCore(org.apache.flink.types.RowKind kind) {
        return switch (kind) {
            case INSERT -> RowKind.INSERT;
            case UPDATE_BEFORE -> RowKind.UPDATE_BEFORE;
            case UPDATE_AFTER -> RowKind.UPDATE_AFTER;
            case DELETE -> RowKind.DELETE;
        };
    }

    public static org.apache.flink.types.RowKind toFlink(RowKind kind) {
        return switch (kind) {
            case INSERT -> org.apache.flink.types.RowKind.INSERT;
            case UPDATE_BEFORE -> org.apache.flink.types.RowKind.UPDATE_BEFORE;
            case UPDATE_AFTER -> org.apache.flink.types.RowKind.UPDATE_AFTER;
            case DELETE -> org.apache.flink.types.RowKind.DELETE;
        };
    }

    @Override
    public int getFieldCount() {
        return row.getArity();
    }

    @Override
    public RowKind getRowKind() {
        return kind;
    }

    @Override
    public void setRowKind(RowKind newKind) {
        this.kind = requireNonNull(newKind, "kind is null");
    }

    @Override
    public boolean isNullAt(int pos) {
        return row.isNullAt(pos);
    }

    @Override
    public boolean getBoolean(int pos) {
        return row.getBoolean(pos);
    }

    @Override
    public byte getByte(int pos) {
        return row.getByte(pos);
    }

    @Override
    public short getShort(int pos) {
        return row.getShort(pos);
    }

    @Override
    public int getInt(int pos) {
        return row.getInt(pos);
    }

    @Override
    public long getLong(int pos) {
        return row.getLong(pos);
    }

    @Override
    public float getFloat(int pos) {
        return row.getFloat(pos);
    }

    @Override
    public double getDouble(int pos) {
        return row.getDouble(pos);
    }

    @Override
    public BinaryString getString(int pos) {
        return FlinkValues.string(row.getString(pos));
    }

    @Override
    public Decimal getDecimal(int pos, int precision, int scale) {
        return FlinkValues.decimal(row.getDecimal(pos, precision, scale), precision, scale);
    }

    @Override
    public Timestamp getTimestamp(int pos, int precision) {
        return FlinkValues.timestamp(row.getTimestamp(pos, precision));
    }

    @Override
    public byte[] getBinary(int pos) {
        return row.getBinary(pos);
    }

    @Override
    public InternalArray getArray(int pos) {
        return new FlinkInternalArray(row.getArray(pos));
    }

    @Override
    public InternalMap getMap(int pos) {
        return new FlinkInternalMap(row.getMap(pos));
    }

    @Override
    public InternalRow getRow(int pos, int numFields) {
        return new FlinkInternalRow(row.getRow(pos, numFields));
    }
}
