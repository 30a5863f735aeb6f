package io.tstore.spark.data;

import io.tstore.core.data.DataGetters;
import io.tstore.core.data.InternalArray;
import io.tstore.core.data.InternalMap;
import io.tstore.core.data.Timestamp;
import io.tstore.core.types.ArrayType;
import io.tstore.core.types.DataType;
import io.tstore.core.types.DecimalType;
import io.tstore.core.types.LocalZonedTimestampType;
import io.tstore.core.types.MapType;
import io.tstore.core.types.RowType;
import io.tstore.core.types.TimestampType;

import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.catalyst.util.ArrayBasedMapData;
import org.apache.spark.sql.catalyst.util.GenericArrayData;
import org.apache.spark.sql.types.Decimal;
import org.apache.spark.unsafe.types.UTF8String;

import java.io.Serializable;
import java.time.LocalTime;
import java.util.List;

/**
 * Reads a core value (from a row or array, in its internal form) as Spark's internal value of the type
 * {@link io.tstore.spark.SparkTypes} maps it to. One converter per type, built once per read.
 */
@FunctionalInterface
public interface ToSpark extends Serializable {

    /** The non-null value at {@code pos} in Spark's form. */
    Object convert(DataGetters from, int pos);

    /** The converter of a type. */
    static ToSpark forType(DataType type) {
        switch (type.root()) {
            case BOOLEAN:
                return DataGetters::getBoolean;
            case TINYINT:
                return DataGetters::getByte;
            case SMALLINT:
                return DataGetters::getShort;
            case INT:
            case DATE:
                return DataGetters::getInt;
            case BIGINT:
                return DataGetters::getLong;
            case FLOAT:
                return DataGetters::getFloat;
            case DOUBLE:
                return DataGetters::getDouble;
            case DECIMAL: {
                int precision = ((DecimalType) type).precision();
                int scale = ((DecimalType) type).scale();
                return (from, pos) -> decimal(from.getDecimal(pos, precision, scale));
            }
            case CHAR:
            case VARCHAR:
                return (from, pos) -> UTF8String.fromBytes(from.getString(pos).toBytes());
            case BINARY:
            case VARBINARY:
                return DataGetters::getBinary;
            case TIME:
                return (from, pos) -> UTF8String.fromString(LocalTime.ofNanoOfDay(from.getInt(pos) * 1_000_000L).toString());
            case TIMESTAMP: {
                int precision = ((TimestampType) type).precision();
                return (from, pos) -> micros(from.getTimestamp(pos, precision));
            }
            case TIMESTAMP_LTZ: {
                int precision = ((LocalZonedTimestampType) type).precision();
                return (from, pos) -> micros(from.getTimestamp(pos, precision));
            }
            case ARRAY: {
                ToSpark element = nullable(forType(((ArrayType) type).elementType()));
                return (from, pos) -> array(from.getArray(pos), element);
            }
            case MAP: {
                ToSpark key = nullable(forType(((MapType) type).keyType()));
                ToSpark value = nullable(forType(((MapType) type).valueType()));
                return (from, pos) -> {
                    InternalMap map = from.getMap(pos);
                    return new ArrayBasedMapData(array(map.keyArray(), key), array(map.valueArray(), value));
                };
            }
            case ROW: {
                RowType rowType = (RowType) type;
                ToSpark[] fields = fields(rowType);
                int count = rowType.fieldCount();
                return (from, pos) -> row(from.getRow(pos, count), fields);
            }
            default:
                throw new UnsupportedOperationException("Type " + type + " cannot be read by Spark");
        }
    }

    /** The converters of a row type's fields, each returning null for null. */
    static ToSpark[] fields(RowType rowType) {
        List<DataType> types = rowType.fieldTypes();
        ToSpark[] fields = new ToSpark[types.size()];
        for (int i = 0; i < fields.length; i++) {
            fields[i] = nullable(forType(types.get(i)));
        }
        return fields;
    }

    /** A core row as a Spark row, with the converters of {@link #fields}. */
    static GenericInternalRow row(DataGetters row, ToSpark[] fields) {
        Object[] values = new Object[fields.length];
        for (int i = 0; i < values.length; i++) {
            values[i] = fields[i].convert(row, i);
        }
        return new GenericInternalRow(values);
    }

    private static ToSpark nullable(ToSpark converter) {
        return (from, pos) -> from.isNullAt(pos) ? null : converter.convert(from, pos);
    }

    private static GenericArrayData array(InternalArray array, ToSpark element) {
        Object[] values = new Object[array.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = element.convert(array, i);
        }
        return new GenericArrayData(values);
    }

    private static Decimal decimal(io.tstore.core.data.Decimal value) {
        if (value.isCompact()) {
            return Decimal.createUnsafe(value.toUnscaledLong(), value.precision(), value.scale());
        }
        return Decimal.apply(value.toBigDecimal(), value.precision(), value.scale());
    }

    private static long micros(Timestamp timestamp) {
        return Math.addExact(Math.multiplyExact(timestamp.millisecond(), 1000L), timestamp.nanoOfMillisecond() / 1000);
    }
}
