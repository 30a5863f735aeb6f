package io.tstore.flink.source;

import io.tstore.core.data.BinaryString;
import io.tstore.core.data.DataGetters;
import io.tstore.core.data.InternalArray;
import io.tstore.core.data.InternalMap;
import io.tstore.core.data.InternalRow;
import io.tstore.core.data.Timestamp;
import io.tstore.core.types.ArrayType;
import io.tstore.core.types.DataType;
import io.tstore.core.types.DecimalType;
import io.tstore.core.types.LocalZonedTimestampType;
import io.tstore.core.types.MapType;
import io.tstore.core.types.RowType;
import io.tstore.core.types.TimestampType;

import org.apache.flink.table.data.DecimalData;
import org.apache.flink.table.data.GenericArrayData;
import org.apache.flink.table.data.GenericMapData;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.data.TimestampData;
import org.apache.flink.types.RowKind;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * Converts rows of the table format ({@link InternalRow}) to Flink's {@link RowData}, row kind included. The
 * conversion of each field is chosen once from the row type, so converting a row is a loop of plain calls.
 * Values are copied: a converted row stays valid after the reader reuses or releases its row.
 */
public final class RowDataConverter {
    private final RowType rowType;
    private final FieldConverter[] fields;

    public RowDataConverter(RowType rowType) {
        this.rowType = requireNonNull(rowType, "rowType is null");
        this.fields = fieldConverters(rowType);
    }

    public RowType rowType() {
        return rowType;
    }

    public RowData toRowData(InternalRow row) {
        GenericRowData result = new GenericRowData(toFlink(row.getRowKind()), fields.length);
        for (int i = 0; i < fields.length; i++) {
            result.setField(i, row.isNullAt(i) ? null : fields[i].convert(row, i));
        }
        return result;
    }

    /** The Flink row kind of a table format row kind. */
    public static RowKind toFlink(io.tstore.lsm.RowKind kind) {
        return switch (kind) {
            case INSERT -> RowKind.INSERT;
            case UPDATE_BEFORE -> RowKind.UPDATE_BEFORE;
            case UPDATE_AFTER -> RowKind.UPDATE_AFTER;
            case DELETE -> RowKind.DELETE;
        };
    }

    /** Converts the value at a position of a row or array, which is not null. */
    @FunctionalInterface
    private interface FieldConverter {
        Object convert(DataGetters from, int pos);
    }

    private static FieldConverter[] fieldConverters(RowType type) {
        List<DataType> types = type.fieldTypes();
        FieldConverter[] converters = new FieldConverter[types.size()];
        for (int i = 0; i < converters.length; i++) {
            converters[i] = converter(types.get(i));
        }
        return converters;
    }

    private static FieldConverter converter(DataType type) {
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
                return (from, pos) -> string(from.getString(pos));
            case BINARY:
            case VARBINARY:
                return (from, pos) -> from.getBinary(pos).clone();
            case DECIMAL: {
                DecimalType decimal = (DecimalType) type;
                int precision = decimal.precision();
                int scale = decimal.scale();
                return (from, pos) -> DecimalData.fromBigDecimal(
                        from.getDecimal(pos, precision, scale).toBigDecimal(), precision, scale);
            }
            case TIMESTAMP: {
                int precision = ((TimestampType) type).precision();
                return (from, pos) -> timestamp(from.getTimestamp(pos, precision));
            }
            case TIMESTAMP_LTZ: {
                int precision = ((LocalZonedTimestampType) type).precision();
                return (from, pos) -> timestamp(from.getTimestamp(pos, precision));
            }
            case ARRAY: {
                FieldConverter element = converter(((ArrayType) type).elementType());
                return (from, pos) -> array(from.getArray(pos), element);
            }
            case MAP: {
                MapType map = (MapType) type;
                FieldConverter key = converter(map.keyType());
                FieldConverter value = converter(map.valueType());
                return (from, pos) -> map(from.getMap(pos), key, value);
            }
            case ROW: {
                RowType row = (RowType) type;
                FieldConverter[] nested = fieldConverters(row);
                int count = row.fieldCount();
                return (from, pos) -> {
                    InternalRow value = from.getRow(pos, count);
                    GenericRowData result = new GenericRowData(count);
                    for (int i = 0; i < count; i++) {
                        result.setField(i, value.isNullAt(i) ? null : nested[i].convert(value, i));
                    }
                    return result;
                };
            }
            default:
                throw new IllegalArgumentException("Cannot convert values of type " + type + " to Flink");
        }
    }

    private static StringData string(BinaryString value) {
        return StringData.fromBytes(value.toBytes());
    }

    private static TimestampData timestamp(Timestamp value) {
        return TimestampData.fromEpochMillis(value.millisecond(), value.nanoOfMillisecond());
    }

    private static GenericArrayData array(InternalArray value, FieldConverter element) {
        Object[] elements = new Object[value.size()];
        for (int i = 0; i < elements.length; i++) {
            elements[i] = value.isNullAt(i) ? null : element.convert(value, i);
        }
        return new GenericArrayData(elements);
    }

    private static GenericMapData map(InternalMap value, FieldConverter key, FieldConverter val) {
        InternalArray keys = value.keyArray();
        InternalArray values = value.valueArray();
        Map<Object, Object> entries = new HashMap<>(value.size() * 2);
        for (int i = 0; i < value.size(); i++) {
            entries.put(keys.isNullAt(i) ? null : key.convert(keys, i), values.isNullAt(i) ? null : val.convert(values, i));
        }
        return new GenericMapData(entries);
    }
}
