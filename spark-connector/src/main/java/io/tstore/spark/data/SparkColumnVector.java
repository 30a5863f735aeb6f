package io.tstore.spark.data;

import io.tstore.core.data.ValueGetters;
import io.tstore.core.types.DataTypeRoot;
import io.tstore.spark.SparkTypes;

import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.catalyst.expressions.SpecializedGetters;
import org.apache.spark.sql.vectorized.ColumnVector;

import java.util.EnumSet;
import java.util.Set;

/**
 * A column of one of the core's {@link io.tstore.core.data.ColumnBatch}es as a Spark {@link ColumnVector}, for a
 * {@code ColumnarBatch}: numbers, dates and binaries are read from the core's vector as they are (their forms are
 * Spark's); other values are converted to Spark's form by {@link ToSpark}, and nested ones (arrays, maps, structs)
 * are read through vectors over the converted values.
 */
public final class SparkColumnVector extends ValuesVector {
    /** The core types whose internal values are Spark's as they are. */
    private static final Set<DataTypeRoot> SAME_FORM = EnumSet.of(DataTypeRoot.BOOLEAN, DataTypeRoot.TINYINT,
            DataTypeRoot.SMALLINT, DataTypeRoot.INT, DataTypeRoot.DATE, DataTypeRoot.BIGINT, DataTypeRoot.FLOAT,
            DataTypeRoot.DOUBLE, DataTypeRoot.BINARY, DataTypeRoot.VARBINARY);

    private final io.tstore.core.data.ColumnVector column;
    private final ValueGetters.PositionGetter getter;
    private final boolean sameForm;
    private final int rowCount;

    /** @param rowCount the rows of the batch the column belongs to */
    public SparkColumnVector(io.tstore.core.data.ColumnVector column, int rowCount) {
        super(SparkTypes.toSpark(column.type()));
        this.column = column;
        this.getter = ValueGetters.converting(column.type(), ToSpark.INSTANCE);
        this.sameForm = SAME_FORM.contains(column.type().root());
        this.rowCount = rowCount;
    }

    @Override
    SpecializedGetters at(int rowId) {
        return new GenericInternalRow(new Object[] {column.isNullAt(rowId) ? null : getter.get(column, rowId)});
    }

    @Override
    int pos(int rowId) {
        return 0;
    }

    @Override
    int size() {
        return rowCount;
    }

    @Override
    public boolean isNullAt(int rowId) {
        return column.isNullAt(rowId);
    }

    @Override
    public boolean getBoolean(int rowId) {
        return sameForm ? column.getBoolean(rowId) : super.getBoolean(rowId);
    }

    @Override
    public byte getByte(int rowId) {
        return sameForm ? column.getByte(rowId) : super.getByte(rowId);
    }

    @Override
    public short getShort(int rowId) {
        return sameForm ? column.getShort(rowId) : super.getShort(rowId);
    }

    @Override
    public int getInt(int rowId) {
        return sameForm ? column.getInt(rowId) : super.getInt(rowId);
    }

    @Override
    public long getLong(int rowId) {
        return sameForm ? column.getLong(rowId) : super.getLong(rowId);
    }

    @Override
    public float getFloat(int rowId) {
        return sameForm ? column.getFloat(rowId) : super.getFloat(rowId);
    }

    @Override
    public double getDouble(int rowId) {
        return sameForm ? column.getDouble(rowId) : super.getDouble(rowId);
    }

    @Override
    public byte[] getBinary(int rowId) {
        return sameForm ? column.getBinary(rowId) : super.getBinary(rowId);
    }
}
