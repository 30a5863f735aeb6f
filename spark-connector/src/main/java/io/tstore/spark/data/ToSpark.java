package io.tstore.spark.data;

import io.tstore.core.data.BinaryString;
import io.tstore.core.data.DataGetters;
import io.tstore.core.data.Timestamp;
import io.tstore.core.data.ValueConverter;
import io.tstore.core.data.ValueGetters;
import io.tstore.core.types.ArrayType;
import io.tstore.core.types.DataType;
import io.tstore.core.types.DecimalType;
import io.tstore.core.types.MapType;
import io.tstore.core.types.RowType;

import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.catalyst.util.ArrayBasedMapData;
import org.apache.spark.sql.catalyst.util.GenericArrayData;
import org.apache.spark.sql.types.Decimal;
import org.apache.spark.unsafe.types.UTF8String;

import java.time.LocalTime;

/**
 * How Spark represents each kind of core value (its internal form of the type {@link io.tstore.spark.SparkTypes}
 * maps it to); the core's {@link ValueGetters#converting} walks the types, nested ones included.
 */
public final class ToSpark implements ValueConverter {
    public static final ToSpark INSTANCE = new ToSpark();

    private ToSpark() {}

    /** The getters of a row type's fields, in Spark's form; built once per read. */
    public static ValueGetters.PositionGetter[] fields(RowType rowType) {
        return ValueGetters.converting(rowType, INSTANCE);
    }

    /** A core row as a Spark row, with the getters of {@link #fields}. */
    public static GenericInternalRow row(DataGetters row, ValueGetters.PositionGetter[] fields) {
        Object[] values = new Object[fields.length];
        for (int i = 0; i < values.length; i++) {
            values[i] = row.isNullAt(i) ? null : fields[i].get(row, i);
        }
        return new GenericInternalRow(values);
    }

    @Override
    public Object convertTime(int millisOfDay, DataType type) {
        // Spark 3.5 has no time type: SparkTypes maps TIME to STRING.
        return UTF8String.fromString(LocalTime.ofNanoOfDay(millisOfDay * 1_000_000L).toString());
    }

    @Override
    public Object convertString(BinaryString value, DataType type) {
        return UTF8String.fromBytes(value.toBytes());
    }

    @Override
    public Object convertBinary(byte[] value, DataType type) {
        return value;
    }

    @Override
    public Object convertDecimal(io.tstore.core.data.Decimal value, DecimalType type) {
        if (value.isCompact()) {
            return Decimal.createUnsafe(value.toUnscaledLong(), value.precision(), value.scale());
        }
        return Decimal.apply(value.toBigDecimal(), value.precision(), value.scale());
    }

    @Override
    public Object convertTimestamp(Timestamp value, DataType type) {
        // Spark's timestamps (with and without time zone) are microseconds since the epoch.
        return Math.addExact(Math.multiplyExact(value.millisecond(), 1000L), value.nanoOfMillisecond() / 1000);
    }

    @Override
    public Object convertArray(Object[] elements, ArrayType type) {
        return new GenericArrayData(elements);
    }

    @Override
    public Object convertMap(Object[] keys, Object[] values, MapType type) {
        return new ArrayBasedMapData(new GenericArrayData(keys), new GenericArrayData(values));
    }

    @Override
    public Object convertRow(Object[] fields, RowType type) {
        return new GenericInternalRow(fields);
    }
}
