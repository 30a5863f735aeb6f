package io.tstore.flink.data;

import io.tstore.core.data.BinaryString;
import io.tstore.core.data.Decimal;
import io.tstore.core.data.InternalArray;
import io.tstore.core.data.InternalMap;
import io.tstore.core.data.InternalRow;
import io.tstore.core.data.Timestamp;

import org.apache.flink.table.data.ArrayData;

import static java.util.Objects.requireNonNull;

/** A Flink {@link ArrayData} seen as an {@link InternalArray}, converted element by element as read. */
public final class FlinkInternalArray implements InternalArray {
    private final ArrayData array;

    public FlinkInternalArray(ArrayData array) {
        this.array = requireNonNull(array, "array is null");
    }

    @Override
    public int size() {
        return array.size();
    }

    @Override
    public boolean isNullAt(int pos) {
        return array.isNullAt(pos);
    }

    @Override
    public boolean getBoolean(int pos) {
        return array.getBoolean(pos);
    }

    @Override
    public byte getByte(int pos) {
        return array.getByte(pos);
    }

    @Override
    public short getShort(int pos) {
        return array.getShort(pos);
    }

    @Override
    public int getInt(int pos) {
        return array.getInt(pos);
    }

    @Override
    public long getLong(int pos) {
        return array.getLong(pos);
    }

    @Override
    public float getFloat(int pos) {
        return array.getFloat(pos);
    }

    @Override
    public double getDouble(int pos) {
        return array.getDouble(pos);
    }

    @Override
    public BinaryString getString(int pos) {
        return FlinkValues.string(array.getString(pos));
    }

    @Override
    public Decimal getDecimal(int pos, int precision, int scale) {
        return FlinkValues.decimal(array.getDecimal(pos, precision, scale), precision, scale);
    }

    @Override
    public Timestamp getTimestamp(int pos, int precision) {
        return FlinkValues.timestamp(array.getTimestamp(pos, precision));
    }

    @Override
    public byte[] getBinary(int pos) {
        return array.getBinary(pos);
    }

    @Override
    public InternalArray getArray(int pos) {
        return new FlinkInternalArray(array.getArray(pos));
    }

    @Override
    public InternalMap getMap(int pos) {
        return new FlinkInternalMap(array.getMap(pos));
    }

    @Override
    public InternalRow getRow(int pos, int numFields) {
        return new FlinkInternalRow(array.getRow(pos, numFields));
    }
}
