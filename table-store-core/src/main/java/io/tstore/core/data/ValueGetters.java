package io.tstore.core.data;

import io.tstore.core.types.ArrayType;
import io.tstore.core.types.DataType;
import io.tstore.core.types.DecimalType;
import io.tstore.core.types.LocalZonedTimestampType;
import io.tstore.core.types.MapType;
import io.tstore.core.types.RowType;
import io.tstore.core.types.TimestampType;

/**
 * Builds, once per type, the function that reads a non-null value of that type: as the table format's own object
 * ({@link #forType}), or converted to an engine's value ({@link #converting}). The switch over the types is here
 * once, so an engine connector only says how each kind of value becomes its own.
 */
public final class ValueGetters {
    private ValueGetters() {}

    /** Reads the non-null value at a position of a row or array. */
    @FunctionalInterface
    public interface PositionGetter {
        Object get(DataGetters from, int pos);
    }

    /** The getter of values of a type as internal objects (Integer, BinaryString, Decimal, Timestamp, InternalArray, ...). */
    public static PositionGetter forType(DataType type) {
        switch (type.root()) {
            case BOOLEAN:
                return DataGetters::getBoolean;
            case TINYINT:
                return DataGetters::getByte;
            case SMALLINT:
                return DataGetters::getShort;
            case INT:
            case DATE:
            case TIME:
                return DataGetters::getInt;
            case BIGINT:
                return DataGetters::getLong;
            case FLOAT:
                return DataGetters::getFloat;
            case DOUBLE:
                return DataGetters::getDouble;
            case CHAR:
            case VARCHAR:
                return DataGetters::getString;
            case BINARY:
            case VARBINARY:
                return DataGetters::getBinary;
            case DECIMAL: {
                DecimalType decimal = (DecimalType) type;
                int precision = decimal.precision();
                int scale = decimal.scale();
                return (from, pos) -> from.getDecimal(pos, precision, scale);
            }
            case TIMESTAMP: {
                int precision = ((TimestampType) type).precision();
                return (from, pos) -> from.getTimestamp(pos, precision);
            }
            case TIMESTAMP_LTZ: {
                int precision = ((LocalZonedTimestampType) type).precision();
                return (from, pos) -> from.getTimestamp(pos, precision);
            }
            case ARRAY:
                return DataGetters::getArray;
            case MAP:
                return DataGetters::getMap;
            case ROW: {
                int numFields = ((RowType) type).fieldCount();
                return (from, pos) -> from.getRow(pos, numFields);
            }
            default:
                throw new IllegalArgumentException("No getter for type " + type);
        }
    }

    /**
     * The getter of values of a type converted by {@code converter}, nested values (of arrays, maps and rows)
     * included; a null nested value is passed on as null. Values are copied where the converter copies: strings,
     * binaries, arrays, maps and rows are handed over as they are read.
     */
    public static PositionGetter converting(DataType type, ValueConverter converter) {
        switch (type.root()) {
            case BOOLEAN:
                return (from, pos) -> converter.convertBoolean(from.getBoolean(pos));
            case TINYINT:
                return (from, pos) -> converter.convertByte(from.getByte(pos));
            case SMALLINT:
                return (from, pos) -> converter.convertShort(from.getShort(pos));
            case INT:
                return (from, pos) -> converter.convertInt(from.getInt(pos));
            case DATE:
                return (from, pos) -> converter.convertDate(from.getInt(pos));
            case TIME:
                return (from, pos) -> converter.convertTime(from.getInt(pos), type);
            case BIGINT:
                return (from, pos) -> converter.convertLong(from.getLong(pos));
            case FLOAT:
                return (from, pos) -> converter.convertFloat(from.getFloat(pos));
            case DOUBLE:
                return (from, pos) -> converter.convertDouble(from.getDouble(pos));
            case CHAR:
            case VARCHAR:
                return (from, pos) -> converter.convertString(from.getString(pos), type);
            case BINARY:
            case VARBINARY:
                return (from, pos) -> converter.convertBinary(from.getBinary(pos), type);
            case DECIMAL: {
                DecimalType decimal = (DecimalType) type;
                int precision = decimal.precision();
                int scale = decimal.scale();
                return (from, pos) -> converter.convertDecimal(from.getDecimal(pos, precision, scale), decimal);
            }
            case TIMESTAMP:
            case TIMESTAMP_LTZ: {
                int precision = timestampPrecision(type);
                return (from, pos) -> converter.convertTimestamp(from.getTimestamp(pos, precision), type);
            }
            case ARRAY: {
                ArrayType array = (ArrayType) type;
                PositionGetter element = converting(array.elementType(), converter);
                return (from, pos) -> converter.convertArray(elements(from.getArray(pos), element), array);
            }
            case MAP: {
                MapType map = (MapType) type;
                PositionGetter key = converting(map.keyType(), converter);
                PositionGetter value = converting(map.valueType(), converter);
                return (from, pos) -> {
                    InternalMap entries = from.getMap(pos);
                    return converter.convertMap(elements(entries.keyArray(), key), elements(entries.valueArray(), value), map);
                };
            }
            case ROW: {
                RowType row = (RowType) type;
                PositionGetter[] fields = new PositionGetter[row.fieldCount()];
                for (int i = 0; i < fields.length; i++) {
                    fields[i] = converting(row.typeAt(i), converter);
                }
                return (from, pos) -> {
                    InternalRow value = from.getRow(pos, fields.length);
                    Object[] converted = new Object[fields.length];
                    for (int i = 0; i < fields.length; i++) {
                        converted[i] = value.isNullAt(i) ? null : fields[i].get(value, i);
                    }
                    return converter.convertRow(converted, row);
                };
            }
            default:
                throw new IllegalArgumentException("No getter for type " + type);
        }
    }

    /** The getters of a row type's fields, converted by {@code converter}. */
    public static PositionGetter[] converting(RowType rowType, ValueConverter converter) {
        PositionGetter[] getters = new PositionGetter[rowType.fieldCount()];
        for (int i = 0; i < getters.length; i++) {
            getters[i] = converting(rowType.typeAt(i), converter);
        }
        return getters;
    }

    private static Object[] elements(InternalArray array, PositionGetter element) {
        Object[] elements = new Object[array.size()];
        for (int i = 0; i < elements.length; i++) {
            elements[i] = array.isNullAt(i) ? null : element.get(array, i);
        }
        return elements;
    }

    /** The precision of a TIMESTAMP or TIMESTAMP_LTZ type. */
    public static int timestampPrecision(DataType type) {
        return type instanceof TimestampType t ? t.precision() : ((LocalZonedTimestampType) type).precision();
    }
}
