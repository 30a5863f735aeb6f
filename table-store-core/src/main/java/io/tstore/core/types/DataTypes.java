package io.tstore.core.types;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Short factories for the logical types, named like their SQL forms: {@code DataTypes.INT()},
 * {@code DataTypes.DECIMAL(10, 2).notNull()}, {@code DataTypes.ROW(FIELD(0, "id", BIGINT()))}. All types made
 * here are nullable; {@link DataType#notNull()} makes the NOT NULL variant.
 */
public final class DataTypes {
    private DataTypes() {}

    /** Parses a SQL type string such as {@code MAP<STRING, DECIMAL(10, 2)> NOT NULL}; see {@link DataTypeParser}. */
    public static DataType parse(String sql) {
        return DataTypeParser.parse(sql);
    }

    public static BooleanType BOOLEAN() {
        return new BooleanType();
    }

    public static TinyIntType TINYINT() {
        return new TinyIntType();
    }

    public static SmallIntType SMALLINT() {
        return new SmallIntType();
    }

    public static IntType INT() {
        return new IntType();
    }

    public static BigIntType BIGINT() {
        return new BigIntType();
    }

    public static FloatType FLOAT() {
        return new FloatType();
    }

    public static DoubleType DOUBLE() {
        return new DoubleType();
    }

    public static DecimalType DECIMAL(int precision, int scale) {
        return new DecimalType(precision, scale);
    }

    public static CharType CHAR(int length) {
        return new CharType(length);
    }

    public static VarCharType VARCHAR(int length) {
        return new VarCharType(length);
    }

    /** VARCHAR of the maximum length. */
    public static VarCharType STRING() {
        return new VarCharType(VarCharType.MAX_LENGTH);
    }

    public static BinaryType BINARY(int length) {
        return new BinaryType(length);
    }

    public static VarBinaryType VARBINARY(int length) {
        return new VarBinaryType(length);
    }

    /** VARBINARY of the maximum length. */
    public static VarBinaryType BYTES() {
        return new VarBinaryType(VarBinaryType.MAX_LENGTH);
    }

    public static DateType DATE() {
        return new DateType();
    }

    /** TIME(0), the SQL default. */
    public static TimeType TIME() {
        return new TimeType();
    }

    public static TimeType TIME(int precision) {
        return new TimeType(precision);
    }

    /** TIMESTAMP(6), the SQL default. */
    public static TimestampType TIMESTAMP() {
        return new TimestampType();
    }

    public static TimestampType TIMESTAMP(int precision) {
        return new TimestampType(precision);
    }

    /** TIMESTAMP(6) WITH LOCAL TIME ZONE. */
    public static LocalZonedTimestampType TIMESTAMP_LTZ() {
        return new LocalZonedTimestampType();
    }

    public static LocalZonedTimestampType TIMESTAMP_LTZ(int precision) {
        return new LocalZonedTimestampType(precision);
    }

    public static ArrayType ARRAY(DataType elementType) {
        return new ArrayType(elementType);
    }

    public static MapType MAP(DataType keyType, DataType valueType) {
        return new MapType(keyType, valueType);
    }

    /** The row of no fields. */
    public static RowType ROW() {
        return new RowType(List.of());
    }

    public static RowType ROW(DataField... fields) {
        return new RowType(Arrays.asList(fields));
    }

    public static RowType ROW(List<DataField> fields) {
        return new RowType(fields);
    }

    /** A row of these types with fields named f0, f1... and ids 0, 1... */
    public static RowType ROW(DataType... fieldTypes) {
        List<DataField> fields = new ArrayList<>(fieldTypes.length);
        for (int i = 0; i < fieldTypes.length; i++) {
            fields.add(new DataField(i, "f" + i, fieldTypes[i]));
        }
        return new RowType(fields);
    }

    public static DataField FIELD(int id, String name, DataType type) {
        return new DataField(id, name, type);
    }

    public static DataField FIELD(int id, String name, DataType type, String description) {
        return new DataField(id, name, type, description);
    }
}
