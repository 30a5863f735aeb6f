package io.tstore.core.format.parquet;

import io.tstore.core.types.ArrayType;
import io.tstore.core.types.DataField;
import io.tstore.core.types.DataType;
import io.tstore.core.types.DecimalType;
import io.tstore.core.types.LocalZonedTimestampType;
import io.tstore.core.types.MapType;
import io.tstore.core.types.RowType;
import io.tstore.core.types.TimestampType;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimeUnit;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Type.Repetition;
import org.apache.parquet.schema.Types;

import java.util.Objects;

/**
 * The Parquet type of each logical type, and the check that a file's Parquet type is what a logical type reads.
 *
 * <pre>
 * BOOLEAN boolean                      TINYINT int32 INT(8)     SMALLINT int32 INT(16)    INT int32
 * BIGINT int64                         FLOAT float              DOUBLE double
 * DECIMAL(p, s) DECIMAL(p, s) on int32 (p &lt;= 9), int64 (p &lt;= 18), else fixed_len_byte_array(n)
 * CHAR, VARCHAR, STRING binary STRING  BINARY, VARBINARY binary
 * DATE int32 DATE                      TIME int32 TIME(MILLIS, local)
 * TIMESTAMP(p) int64 TIMESTAMP(unit, local), TIMESTAMP_LTZ(p) int64 TIMESTAMP(unit, UTC);
 *     unit MILLIS for p &lt;= 3, MICROS for p &lt;= 6, NANOS above (which covers the years 1677 to 2262 only)
 * ARRAY group LIST { repeated group list { element } }
 * MAP group MAP { repeated group key_value { required key; value } }
 * ROW group { fields }
 * </pre>
 *
 * NOT NULL types are {@code required}, nullable ones {@code optional}; map keys are always required, as the
 * Parquet spec says. Every field of a row (at every depth) carries its field id as the Parquet field id.
 * Fixed-length BINARY and CHAR are variable-length in the file: values shorter than the length stay as written.
 */
public final class ParquetTypes {
    static final String LIST_REPEATED = "list";
    static final String LIST_ELEMENT = "element";
    static final String MAP_REPEATED = "key_value";
    static final String MAP_KEY = "key";
    static final String MAP_VALUE = "value";

    private ParquetTypes() {}

    /** The Parquet schema of a row type, with field ids. */
    public static MessageType toMessageType(RowType rowType) {
        Types.MessageTypeBuilder builder = Types.buildMessage();
        for (DataField field : rowType.fields()) {
            builder.addField(toParquetType(field.name(), field.type(), field.id()));
        }
        return builder.named("tstore_schema");
    }

    /** The Parquet type of a field; {@code id} is null for the parts of lists and maps, which have no ids. */
    public static Type toParquetType(String name, DataType type, Integer id) {
        Repetition repetition = type.isNullable() ? Repetition.OPTIONAL : Repetition.REQUIRED;
        Types.Builder<?, ? extends Type> builder;
        switch (type.root()) {
            case BOOLEAN:
                builder = Types.primitive(PrimitiveTypeName.BOOLEAN, repetition);
                break;
            case TINYINT:
                builder = Types.primitive(PrimitiveTypeName.INT32, repetition).as(LogicalTypeAnnotation.intType(8, true));
                break;
            case SMALLINT:
                builder = Types.primitive(PrimitiveTypeName.INT32, repetition).as(LogicalTypeAnnotation.intType(16, true));
                break;
            case INT:
                builder = Types.primitive(PrimitiveTypeName.INT32, repetition);
                break;
            case BIGINT:
                builder = Types.primitive(PrimitiveTypeName.INT64, repetition);
                break;
            case FLOAT:
                builder = Types.primitive(PrimitiveTypeName.FLOAT, repetition);
                break;
            case DOUBLE:
                builder = Types.primitive(PrimitiveTypeName.DOUBLE, repetition);
                break;
            case DECIMAL:
                builder = decimal((DecimalType) type, repetition);
                break;
            case CHAR:
            case VARCHAR:
                builder = Types.primitive(PrimitiveTypeName.BINARY, repetition).as(LogicalTypeAnnotation.stringType());
                break;
            case BINARY:
            case VARBINARY:
                builder = Types.primitive(PrimitiveTypeName.BINARY, repetition);
                break;
            case DATE:
                builder = Types.primitive(PrimitiveTypeName.INT32, repetition).as(LogicalTypeAnnotation.dateType());
                break;
            case TIME:
                builder = Types.primitive(PrimitiveTypeName.INT32, repetition)
                        .as(LogicalTypeAnnotation.timeType(false, TimeUnit.MILLIS));
                break;
            case TIMESTAMP:
                builder = Types.primitive(PrimitiveTypeName.INT64, repetition).as(LogicalTypeAnnotation.timestampType(
                        false, timeUnit(((TimestampType) type).precision())));
                break;
            case TIMESTAMP_LTZ:
                builder = Types.primitive(PrimitiveTypeName.INT64, repetition).as(LogicalTypeAnnotation.timestampType(
                        true, timeUnit(((LocalZonedTimestampType) type).precision())));
                break;
            case ARRAY:
                builder = Types.buildGroup(repetition)
                        .as(LogicalTypeAnnotation.listType())
                        .addField(Types.repeatedGroup()
                                .addField(toParquetType(LIST_ELEMENT, ((ArrayType) type).elementType(), null))
                                .named(LIST_REPEATED));
                break;
            case MAP: {
                MapType map = (MapType) type;
                builder = Types.buildGroup(repetition)
                        .as(LogicalTypeAnnotation.mapType())
                        .addField(Types.repeatedGroup()
                                .addField(toParquetType(MAP_KEY, map.keyType().notNull(), null))
                                .addField(toParquetType(MAP_VALUE, map.valueType(), null))
                                .named(MAP_REPEATED));
                break;
            }
            case ROW: {
                Types.GroupBuilder<GroupType> group = Types.buildGroup(repetition);
                for (DataField field : ((RowType) type).fields()) {
                    group.addField(toParquetType(field.name(), field.type(), field.id()));
                }
                builder = group;
                break;
            }
            default:
                throw new IllegalArgumentException("No Parquet type for " + type);
        }
        if (id != null) {
            builder = builder.id(id);
        }
        return builder.named(name);
    }

    private static Types.Builder<?, ? extends Type> decimal(DecimalType type, Repetition repetition) {
        LogicalTypeAnnotation annotation = LogicalTypeAnnotation.decimalType(type.scale(), type.precision());
        if (type.precision() <= 9) {
            return Types.primitive(PrimitiveTypeName.INT32, repetition).as(annotation);
        }
        if (type.precision() <= 18) {
            return Types.primitive(PrimitiveTypeName.INT64, repetition).as(annotation);
        }
        return Types.primitive(PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY, repetition)
                .length(decimalBytes(type.precision()))
                .as(annotation);
    }

    /** The fewest bytes whose two's complement holds every unscaled value of this many digits. */
    static int decimalBytes(int precision) {
        int bytes = 1;
        while (Math.pow(2.0, 8.0 * bytes - 1) < Math.pow(10.0, precision)) {
            bytes++;
        }
        return bytes;
    }

    static TimeUnit timeUnit(int precision) {
        if (precision <= 3) {
            return TimeUnit.MILLIS;
        }
        return precision <= 6 ? TimeUnit.MICROS : TimeUnit.NANOS;
    }

    /**
     * Fails, naming the column, unless the file's Parquet type has the shape {@code type} is written as: the same
     * primitive types, logical types and nesting; names, repetition and (where the file has them) ids of nested row
     * fields are checked too.
     */
    static void checkReadable(Type fileType, DataType type, String path, String file) {
        checkShape(fileType, toParquetType(fileType.getName(), type, null), type, path, file);
    }

    private static void checkShape(Type actual, Type expected, DataType type, String path, String file) {
        if (actual.isPrimitive() != expected.isPrimitive()
                || !Objects.equals(actual.getLogicalTypeAnnotation(), expected.getLogicalTypeAnnotation())) {
            throw mismatch(actual, type, path, file);
        }
        if (actual.isPrimitive()) {
            PrimitiveType actualPrimitive = actual.asPrimitiveType();
            PrimitiveType expectedPrimitive = expected.asPrimitiveType();
            if (actualPrimitive.getPrimitiveTypeName() != expectedPrimitive.getPrimitiveTypeName()
                    || actualPrimitive.getTypeLength() != expectedPrimitive.getTypeLength()) {
                throw mismatch(actual, type, path, file);
            }
            return;
        }
        GroupType actualGroup = actual.asGroupType();
        GroupType expectedGroup = expected.asGroupType();
        if (actualGroup.getFieldCount() != expectedGroup.getFieldCount()) {
            throw mismatch(actual, type, path, file);
        }
        switch (type.root()) {
            case ARRAY: {
                Type repeated = actualGroup.getType(0);
                if (!repeated.isRepetition(Repetition.REPEATED) || repeated.isPrimitive()
                        || repeated.asGroupType().getFieldCount() != 1) {
                    throw mismatch(actual, type, path, file);
                }
                DataType element = ((ArrayType) type).elementType();
                checkShape(repeated.asGroupType().getType(0), toParquetType(LIST_ELEMENT, element, null), element,
                        path + ".element", file);
                return;
            }
            case MAP: {
                Type repeated = actualGroup.getType(0);
                if (!repeated.isRepetition(Repetition.REPEATED) || repeated.isPrimitive()
                        || repeated.asGroupType().getFieldCount() != 2) {
                    throw mismatch(actual, type, path, file);
                }
                MapType map = (MapType) type;
                checkShape(repeated.asGroupType().getType(0), toParquetType(MAP_KEY, map.keyType().notNull(), null),
                        map.keyType(), path + ".key", file);
                checkShape(repeated.asGroupType().getType(1), toParquetType(MAP_VALUE, map.valueType(), null),
                        map.valueType(), path + ".value", file);
                return;
            }
            case ROW: {
                RowType row = (RowType) type;
                for (int i = 0; i < row.fieldCount(); i++) {
                    DataField field = row.fields().get(i);
                    Type child = actualGroup.getType(i);
                    if (child.getId() != null && child.getId().intValue() != field.id()) {
                        throw new IllegalStateException(String.format(
                                "Data file %s does not match its schema: field '%s' at position %d of '%s' has id %s "
                                        + "in the file but id %d in the schema",
                                file, field.name(), i, path, child.getId(), field.id()));
                    }
                    checkShape(child, toParquetType(child.getName(), field.type(), null), field.type(),
                            path + "." + field.name(), file);
                }
                return;
            }
            default:
                throw mismatch(actual, type, path, file);
        }
    }

    private static IllegalStateException mismatch(Type actual, DataType type, String path, String file) {
        return new IllegalStateException(String.format(
                "Data file %s does not match its schema: column '%s' is Parquet '%s' in the file, but %s is written as '%s'",
                file, path, actual, type, toParquetType(actual.getName(), type, null)));
    }
}
