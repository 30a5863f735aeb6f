package io.tstore.spark.data;

import io.tstore.core.data.BinaryString;
import io.tstore.core.data.GenericArray;
import io.tstore.core.data.GenericMap;
import io.tstore.core.data.GenericRow;
import io.tstore.core.data.Timestamp;
import io.tstore.core.types.ArrayType;
import io.tstore.core.types.DataType;
import io.tstore.core.types.DecimalType;
import io.tstore.core.types.MapType;
import io.tstore.core.types.RowType;

import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.SpecializedGetters;
import org.apache.spark.sql.catalyst.util.ArrayData;
import org.apache.spark.sql.catalyst.util.MapData;
import org.apache.spark.sql.types.Decimal;

import java.io.Serializable;
import java.time.LocalTime;
import java.util.List;

/**
 * Reads a Spark value (from a Spark row or array, in Spark's internal form) as the core's internal value of a
 * core type: the inverse of {@link ToSpark}. One converter per type, built once per writer.
 */
@FunctionalInterface
public interface ToCore extends Serializable {

    /** The non-null value at {@code pos} in the core's form. */
    Object convert(SpecializedGetters from, int pos);

    /** The converter to a core type. */
    static ToCore forType(DataType type) {
        switch (type.root()) {
            case BOOLEAN:
                return SpecializedGetters::getBoolean;
            case TINYINT:
                return SpecializedGetters::getByte;
            case SMALLINT:
                return SpecializedGetters::getShort;
            case INT:
            case DATE:
                return SpecializedGetters::getInt;
            case BIGINT:
                return SpecializedGetters::getLong;
            case FLOAT:
                return SpecializedGetters::getFloat;
            case DOUBLE:
                return SpecializedGetters::getDouble;
            case DECIMAL: {
                int precision = ((DecimalType) type).precision();
                int scale = ((DecimalType) type).scale();
                return (from, pos) -> decimal(from.getDecimal(pos, precision, scale), precision, scale);
            }
            case CHAR:
            case VARCHAR:
                return (from, pos) -> BinaryString.fromBytes(from.getUTF8String(pos).getBytes());
            case BINARY:
            case VARBINARY:
                return SpecializedGetters::getBinary;
            case TIME:
                return (from, pos) -> (int) (LocalTime.parse(from.getUTF8String(pos).toString()).toNanoOfDay() / 1_000_000L);
            case TIMESTAMP:
            case TIMESTAMP_LTZ:
                return (from, pos) -> timestamp(from.getLong(pos));
            case ARRAY: {
                ToCore element = nullable(forType(((ArrayType) type).elementType()));
                return (from, pos) -> new GenericArray(array(from.getArray(pos), element));
            }
            case MAP: {
                ToCore key = nullable(forType(((MapType) type).keyType()));
                ToCore value = nullable(forType(((MapType) type).valueType()));
                return (from, pos) -> {
                    MapData map = from.getMap(pos);
                    return new GenericMap(array(map.keyArray(), key), array(map.valueArray(), value));
                };
            }
            case ROW: {
                RowType rowType = (RowType) type;
                ToCore[] fields = fields(rowType);
                int count = rowType.fieldCount();
                return (from, pos) -> row(from.getStruct(pos, count), fields);
            }
            default:
                throw new UnsupportedOperationException("Type " + type + " cannot be written from Spark");
        }
    }

    /** The converters of a row type's fields, each returning null for null. */
    static ToCore[] fields(RowType rowType) {
        List<DataType> types = rowType.fieldTypes();
        ToCore[] fields = new ToCore[types.size()];
        for (int i = 0; i < fields.length; i++) {
            fields[i] = nullable(forType(types.get(i)));
        }
        return fields;
    }

    /** A Spark row as a core row (+I), with the converters of {@link #fields}. */
    static GenericRow row(InternalRow row, ToCore[] fields) {
        GenericRow converted = new GenericRow(fields.length);
        for (int i = 0; i < fields.length; i++) {
            converted.setField(i, fields[i].convert(row, i));
        }
        return converted;
    }

    private static ToCore nullable(ToCore converter) {
        return (from, pos) -> from.isNullAt(pos) ? null : converter.convert(from, pos);
    }

    private static Object[] array(ArrayData array, ToCore element) {
        Object[] values = new Object[array.numElements()];
        for (int i = 0; i < values.length; i++) {
            values[i] = element.convert(array, i);
        }
        return values;
    }

    private static io.tstore.core.data.Decimal decimal(Decimal value, int precision, int scale) {
        return io.tstore.core.data.Decimal.fromBigDecimal(value.toJavaBigDecimal(), precision, scale);
    }

    private static Timestamp timestamp(long micros) {
        long millis = Math.floorDiv(micros, 1000L);
        int nanos = (int) Math.floorMod(micros, 1000L) * 1000;
        return Timestamp.fromEpochMillis(millis, nanos);
    }
}
