package io.tstore.core.data;

/**
 * The typed accessors that rows and arrays share. Each value is read in its internal form:
 *
 * <pre>
 * BOOLEAN boolean          TINYINT byte        SMALLINT short     INT int        BIGINT long
 * FLOAT float              DOUBLE double       DECIMAL Decimal    DATE int (days since 1970-01-01)
 * CHAR/VARCHAR BinaryString                    BINARY/VARBINARY byte[]
 * TIME int (milliseconds of the day)           TIMESTAMP, TIMESTAMP_LTZ Timestamp
 * ARRAY InternalArray      MAP InternalMap     ROW InternalRow
 * </pre>
 *
 * A getter may only be called for a position that is not null ({@link #isNullAt}) and with the getter of the
 * position's type; the result of anything else is undefined. Precision and scale arguments are those of the
 * position's type: binary forms need them to find the value.
 */
public interface DataGetters {

    boolean isNullAt(int pos);

    boolean getBoolean(int pos);

    byte getByte(int pos);

    short getShort(int pos);

    int getInt(int pos);

    long getLong(int pos);

    float getFloat(int pos);

    double getDouble(int pos);

    BinaryString getString(int pos);

    Decimal getDecimal(int pos, int precision, int scale);

    Timestamp getTimestamp(int pos, int precision);

    byte[] getBinary(int pos);

    InternalArray getArray(int pos);

    InternalMap getMap(int pos);

    InternalRow getRow(int pos, int numFields);
}
