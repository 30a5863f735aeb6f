package io.tstore.spark.data;

import org.apache.spark.sql.catalyst.expressions.SpecializedGetters;
import org.apache.spark.sql.catalyst.util.ArrayData;
import org.apache.spark.sql.catalyst.util.MapData;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.Decimal;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.vectorized.ColumnVector;
import org.apache.spark.sql.vectorized.ColumnarArray;
import org.apache.spark.sql.vectorized.ColumnarMap;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * A Spark column vector over values in Spark's internal form: the value of row {@code i} is at position
 * {@code pos(i)} of {@code at(i)} (a row or an array of Spark's).
 */
abstract class ValuesVector extends ColumnVector {

    ValuesVector(DataType type) {
        super(type);
    }

    /** The row or array holding the value of a row; null when the row's struct is null. */
    abstract SpecializedGetters at(int rowId);

    abstract int pos(int rowId);

    /** The number of values. */
    abstract int size();

    @Override
    public void close() {}

    @Override
    public boolean hasNull() {
        return numNulls() > 0;
    }

    @Override
    public int numNulls() {
        int nulls = 0;
        for (int i = 0; i < size(); i++) {
            if (isNullAt(i)) {
                nulls++;
            }
        }
        return nulls;
    }

    @Override
    public boolean isNullAt(int rowId) {
        SpecializedGetters values = at(rowId);
        return values == null || values.isNullAt(pos(rowId));
    }

    @Override
    public boolean getBoolean(int rowId) {
        return at(rowId).getBoolean(pos(rowId));
    }

    @Override
    public byte getByte(int rowId) {
        return at(rowId).getByte(pos(rowId));
    }

    @Override
    public short getShort(int rowId) {
        return at(rowId).getShort(pos(rowId));
    }

    @Override
    public int getInt(int rowId) {
        return at(rowId).getInt(pos(rowId));
    }

    @Override
    public long getLong(int rowId) {
        return at(rowId).getLong(pos(rowId));
    }

    @Override
    public float getFloat(int rowId) {
        return at(rowId).getFloat(pos(rowId));
    }

    @Override
    public double getDouble(int rowId) {
        return at(rowId).getDouble(pos(rowId));
    }

    @Override
    public Decimal getDecimal(int rowId, int precision, int scale) {
        return at(rowId).getDecimal(pos(rowId), precision, scale);
    }

    @Override
    public UTF8String getUTF8String(int rowId) {
        return at(rowId).getUTF8String(pos(rowId));
    }

    @Override
    public byte[] getBinary(int rowId) {
        return at(rowId).getBinary(pos(rowId));
    }

    @Override
    public ColumnarArray getArray(int rowId) {
        ArrayData array = at(rowId).getArray(pos(rowId));
        return new ColumnarArray(new OverArray(((ArrayType) dataType()).elementType(), array), 0, array.numElements());
    }

    @Override
    public ColumnarMap getMap(int rowId) {
        MapData map = at(rowId).getMap(pos(rowId));
        MapType type = (MapType) dataType();
        return new ColumnarMap(new OverArray(type.keyType(), map.keyArray()),
                new OverArray(type.valueType(), map.valueArray()), 0, map.numElements());
    }

    @Override
    public ColumnVector getChild(int ordinal) {
        return new StructField(this, ordinal);
    }

    /** The elements of an array (or a map's keys or values). */
    private static final class OverArray extends ValuesVector {
        private final ArrayData array;

        OverArray(DataType type, ArrayData array) {
            super(type);
            this.array = array;
        }

        @Override
        SpecializedGetters at(int rowId) {
            return array;
        }

        @Override
        int pos(int rowId) {
            return rowId;
        }

        @Override
        int size() {
            return array.numElements();
        }
    }

    /** One field of the structs of a struct vector. */
    private static final class StructField extends ValuesVector {
        private final ValuesVector parent;
        private final int ordinal;
        private final int fieldCount;

        StructField(ValuesVector parent, int ordinal) {
            super(((StructType) parent.dataType()).fields()[ordinal].dataType());
            this.parent = parent;
            this.ordinal = ordinal;
            this.fieldCount = ((StructType) parent.dataType()).fields().length;
        }

        @Override
        SpecializedGetters at(int rowId) {
            return parent.isNullAt(rowId) ? null : parent.at(rowId).getStruct(parent.pos(rowId), fieldCount);
        }

        @Override
        int pos(int rowId) {
            return ordinal;
        }

        @Override
        int size() {
            return parent.size();
        }
    }
}
