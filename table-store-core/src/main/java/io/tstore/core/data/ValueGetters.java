package io.tstore.core.data;

import io.tstore.core.types.DataType;
import io.tstore.core.types.DecimalType;
import io.tstore.core.types.LocalZonedTimestampType;
import io.tstore.core.types.RowType;
import io.tstore.core.types.TimestampType;

/** Builds, once per type, the function that reads a non-null value of that type as an object. */
final class ValueGetters {
    private ValueGetters() {}

    /** Reads the non-null value at a position of a row or array. */
    @FunctionalInterface
    interface PositionGetter {
        Object get(DataGetters from, int pos);
    }

    static PositionGetter forType(DataType type) {
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

    /** The precision of a TIMESTAMP or TIMESTAMP_LTZ type. */
    static int timestampPrecision(DataType type) {
        return type instanceof TimestampType t ? t.precision() : ((LocalZonedTimestampType) type).precision();
    }
}
