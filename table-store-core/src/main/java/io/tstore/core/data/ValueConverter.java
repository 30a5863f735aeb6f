package io.tstore.core.data;

import io.tstore.core.types.ArrayType;
import io.tstore.core.types.DataType;
import io.tstore.core.types.DecimalType;
import io.tstore.core.types.MapType;
import io.tstore.core.types.RowType;

/**
 * How an engine represents each kind of value: the one method per kind of type that a connector writes, while
 * {@link ValueGetters#converting} walks the types (nested ones included) once. Methods get non-null values only;
 * the defaults keep the value as the table format has it (numbers boxed, DATE as days since the epoch, TIME as
 * milliseconds of the day).
 *
 * <p>Strings and binaries may share memory with the row they were read from: an engine that keeps values after
 * the reader moves on copies them here.
 */
public interface ValueConverter {

    default Object convertBoolean(boolean value) {
        return value;
    }

    default Object convertByte(byte value) {
        return value;
    }

    default Object convertShort(short value) {
        return value;
    }

    default Object convertInt(int value) {
        return value;
    }

    default Object convertLong(long value) {
        return value;
    }

    default Object convertFloat(float value) {
        return value;
    }

    default Object convertDouble(double value) {
        return value;
    }

    /** A DATE: days since 1970-01-01. */
    default Object convertDate(int epochDays) {
        return epochDays;
    }

    /** A TIME: milliseconds of the day. */
    default Object convertTime(int millisOfDay, DataType type) {
        return millisOfDay;
    }

    /** A CHAR or VARCHAR. */
    Object convertString(BinaryString value, DataType type);

    /** A BINARY or VARBINARY. */
    Object convertBinary(byte[] value, DataType type);

    Object convertDecimal(Decimal value, DecimalType type);

    /** A TIMESTAMP or TIMESTAMP_LTZ (its type tells which). */
    Object convertTimestamp(Timestamp value, DataType type);

    /** An ARRAY, its elements converted (null where null). */
    Object convertArray(Object[] elements, ArrayType type);

    /** A MAP, its keys and values converted (null where null), entry by entry. */
    Object convertMap(Object[] keys, Object[] values, MapType type);

    /** A ROW, its fields converted (null where null). */
    Object convertRow(Object[] fields, RowType type);
}
