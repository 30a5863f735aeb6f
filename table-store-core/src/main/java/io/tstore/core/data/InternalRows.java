package io.tstore.core.data;

import io.tstore.core.types.ArrayType;
import io.tstore.core.types.DataField;
import io.tstore.core.types.DataType;
import io.tstore.core.types.MapType;
import io.tstore.core.types.RowType;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.HexFormat;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * Conversions of rows between representations, given their type, and their readable form for test output and
 * error messages.
 */
public final class InternalRows {
    private InternalRows() {}

    /**
     * The row with field names and readable values, e.g. {@code +I(id=1, name='a', at=2024-03-01T12:00,
     * tags=['x', null], attrs={'k'=1}, point=(x=1.0, y=2.0))}. Dates, times and timestamps are ISO-8601 (an
     * instant for TIMESTAMP WITH LOCAL TIME ZONE), binary values {@code x'0a1b'}.
     */
    public static String toString(InternalRow row, RowType rowType) {
        requireNonNull(row, "row is null");
        requireNonNull(rowType, "rowType is null");
        StringBuilder sb = new StringBuilder(row.getRowKind().shortString());
        appendRow(sb, row, rowType);
        return sb.toString();
    }

    /**
     * A deep copy of any row as a {@link GenericRow}, nested values as {@link GenericArray}, {@link GenericMap} and
     * GenericRow; keeps the row kind. Rows of one type with the same values give equal GenericRows, whatever
     * their representation.
     */
    public static GenericRow toGenericRow(InternalRow row, RowType rowType) {
        requireNonNull(row, "row is null");
        requireNonNull(rowType, "rowType is null");
        List<DataField> fields = rowType.fields();
        Object[] values = new Object[fields.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = row.isNullAt(i) ? null : toGenericValue(row, i, fields.get(i).type());
        }
        return GenericRow.ofKind(row.getRowKind(), values);
    }

    /** The binary form of any row of this type; keeps the row kind (which is not part of the bytes). */
    public static BinaryRow toBinaryRow(InternalRow row, RowType rowType) {
        requireNonNull(row, "row is null");
        requireNonNull(rowType, "rowType is null");
        BinaryRow binary = BinaryCopiers.toBinaryRow(row, BinaryCopiers.forFields(rowType));
        binary.setRowKind(row.getRowKind());
        return binary;
    }

    private static Object toGenericValue(DataGetters from, int pos, DataType type) {
        switch (type.root()) {
            case CHAR:
            case VARCHAR:
                // Copy the bytes: the string may be a view into a larger array.
                return BinaryString.fromBytes(from.getString(pos).toBytes());
            case BINARY:
            case VARBINARY:
                return from.getBinary(pos).clone();
            case ARRAY:
                return new GenericArray(toGenericElements(from.getArray(pos), ((ArrayType) type).elementType()));
            case MAP: {
                InternalMap map = from.getMap(pos);
                MapType mapType = (MapType) type;
                return new GenericMap(
                        toGenericElements(map.keyArray(), mapType.keyType()),
                        toGenericElements(map.valueArray(), mapType.valueType()));
            }
            case ROW: {
                RowType rowType = (RowType) type;
                return toGenericRow(from.getRow(pos, rowType.fieldCount()), rowType);
            }
            default:
                return ValueGetters.forType(type).get(from, pos);
        }
    }

    private static Object[] toGenericElements(InternalArray array, DataType elementType) {
        Object[] elements = new Object[array.size()];
        for (int i = 0; i < elements.length; i++) {
            elements[i] = array.isNullAt(i) ? null : toGenericValue(array, i, elementType);
        }
        return elements;
    }

    private static void appendRow(StringBuilder sb, InternalRow row, RowType rowType) {
        sb.append('(');
        List<DataField> fields = rowType.fields();
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(fields.get(i).name()).append('=');
            appendValue(sb, row, i, fields.get(i).type());
        }
        sb.append(')');
    }

    private static void appendArray(StringBuilder sb, InternalArray array, DataType elementType) {
        sb.append('[');
        for (int i = 0; i < array.size(); i++) {
            if (i > 0) {
                sb.append(", ");
            }
            appendValue(sb, array, i, elementType);
        }
        sb.append(']');
    }

    private static void appendValue(StringBuilder sb, DataGetters from, int pos, DataType type) {
        if (from.isNullAt(pos)) {
            sb.append("null");
            return;
        }
        switch (type.root()) {
            case CHAR:
            case VARCHAR:
                sb.append('\'').append(from.getString(pos).toString().replace("'", "''")).append('\'');
                break;
            case BINARY:
            case VARBINARY:
                sb.append("x'").append(HexFormat.of().formatHex(from.getBinary(pos))).append('\'');
                break;
            case DATE:
                sb.append(LocalDate.ofEpochDay(from.getInt(pos)));
                break;
            case TIME:
                sb.append(LocalTime.ofNanoOfDay(from.getInt(pos) * 1_000_000L));
                break;
            case TIMESTAMP_LTZ:
                sb.append(from.getTimestamp(pos, ValueGetters.timestampPrecision(type)).toInstant());
                break;
            case ARRAY:
                appendArray(sb, from.getArray(pos), ((ArrayType) type).elementType());
                break;
            case MAP: {
                InternalMap map = from.getMap(pos);
                MapType mapType = (MapType) type;
                InternalArray keys = map.keyArray();
                InternalArray values = map.valueArray();
                sb.append('{');
                for (int i = 0; i < map.size(); i++) {
                    if (i > 0) {
                        sb.append(", ");
                    }
                    appendValue(sb, keys, i, mapType.keyType());
                    sb.append('=');
                    appendValue(sb, values, i, mapType.valueType());
                }
                sb.append('}');
                break;
            }
            case ROW: {
                RowType rowType = (RowType) type;
                appendRow(sb, from.getRow(pos, rowType.fieldCount()), rowType);
                break;
            }
            default:
                sb.append(ValueGetters.forType(type).get(from, pos));
        }
    }
}
