package io.tstore.flink;

import io.tstore.core.types.ArrayType;
import io.tstore.core.types.BigIntType;
import io.tstore.core.types.BinaryType;
import io.tstore.core.types.BooleanType;
import io.tstore.core.types.CharType;
import io.tstore.core.types.DataField;
import io.tstore.core.types.DataType;
import io.tstore.core.types.DataTypeVisitor;
import io.tstore.core.types.DateType;
import io.tstore.core.types.DecimalType;
import io.tstore.core.types.DoubleType;
import io.tstore.core.types.FloatType;
import io.tstore.core.types.IntType;
import io.tstore.core.types.LocalZonedTimestampType;
import io.tstore.core.types.MapType;
import io.tstore.core.types.RowType;
import io.tstore.core.types.SmallIntType;
import io.tstore.core.types.TimeType;
import io.tstore.core.types.TimestampType;
import io.tstore.core.types.TinyIntType;
import io.tstore.core.types.VarBinaryType;
import io.tstore.core.types.VarCharType;

import org.apache.flink.table.types.logical.LogicalType;

import java.util.ArrayList;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * Converts between the table format's types ({@code io.tstore.core.types}) and Flink's logical types. Every type of
 * the table format has a Flink type of the same meaning, precision and nullability; the way back fails, naming the
 * type, for Flink types the table format does not have (MULTISET, INTERVAL, RAW, structured types...).
 *
 * <p>Nested row fields of converted Flink types get ids 0, 1, 2... in field order: ids are the table's business,
 * and the catalog numbers them when a table is created or a column is added.
 */
public final class FlinkTypes {
    private FlinkTypes() {}

    /** The Flink type of a table format type. */
    public static LogicalType toFlink(DataType type) {
        return requireNonNull(type, "type is null").accept(ToFlink.INSTANCE);
    }

    /** The Flink row type of a table format row type, field names and descriptions kept. */
    public static org.apache.flink.table.types.logical.RowType toFlink(RowType type) {
        return (org.apache.flink.table.types.logical.RowType) toFlink((DataType) type);
    }

    /** The table format type of a Flink type; fails with an {@link IllegalArgumentException} naming an unsupported type. */
    public static DataType toCore(LogicalType type) {
        requireNonNull(type, "type is null");
        boolean nullable = type.isNullable();
        return switch (type.getTypeRoot()) {
            case BOOLEAN -> new BooleanType(nullable);
            case TINYINT -> new TinyIntType(nullable);
            case SMALLINT -> new SmallIntType(nullable);
            case INTEGER -> new IntType(nullable);
            case BIGINT -> new BigIntType(nullable);
            case FLOAT -> new FloatType(nullable);
            case DOUBLE -> new DoubleType(nullable);
            case DECIMAL -> {
                var decimal = (org.apache.flink.table.types.logical.DecimalType) type;
                yield new DecimalType(nullable, decimal.getPrecision(), decimal.getScale());
            }
            case CHAR -> new CharType(nullable, ((org.apache.flink.table.types.logical.CharType) type).getLength());
            case VARCHAR -> new VarCharType(nullable, ((org.apache.flink.table.types.logical.VarCharType) type).getLength());
            case BINARY -> new BinaryType(nullable, ((org.apache.flink.table.types.logical.BinaryType) type).getLength());
            case VARBINARY -> new VarBinaryType(nullable, ((org.apache.flink.table.types.logical.VarBinaryType) type).getLength());
            case DATE -> new DateType(nullable);
            case TIME_WITHOUT_TIME_ZONE -> new TimeType(nullable, ((org.apache.flink.table.types.logical.TimeType) type).getPrecision());
            case TIMESTAMP_WITHOUT_TIME_ZONE ->
                    new TimestampType(nullable, ((org.apache.flink.table.types.logical.TimestampType) type).getPrecision());
            case TIMESTAMP_WITH_LOCAL_TIME_ZONE -> new LocalZonedTimestampType(
                    nullable, ((org.apache.flink.table.types.logical.LocalZonedTimestampType) type).getPrecision());
            case ARRAY -> new ArrayType(nullable, toCore(((org.apache.flink.table.types.logical.ArrayType) type).getElementType()));
            case MAP -> {
                var map = (org.apache.flink.table.types.logical.MapType) type;
                yield new MapType(nullable, toCore(map.getKeyType()), toCore(map.getValueType()));
            }
            case ROW -> {
                var row = (org.apache.flink.table.types.logical.RowType) type;
                List<DataField> fields = new ArrayList<>(row.getFieldCount());
                for (var field : row.getFields()) {
                    fields.add(new DataField(fields.size(), field.getName(), toCore(field.getType()),
                            field.getDescription().orElse(null)));
                }
                yield new RowType(nullable, fields);
            }
            default -> throw new IllegalArgumentException("Type " + type.asSummaryString()
                    + " is not supported by tstore tables; supported are BOOLEAN, TINYINT, SMALLINT, INT, BIGINT, FLOAT,"
                    + " DOUBLE, DECIMAL, CHAR, VARCHAR, BINARY, VARBINARY, DATE, TIME, TIMESTAMP,"
                    + " TIMESTAMP_LTZ, ARRAY, MAP and ROW");
        };
    }

    private static final class ToFlink implements DataTypeVisitor<LogicalType> {
        static final ToFlink INSTANCE = new ToFlink();

        @Override
        public LogicalType visit(BooleanType type) {
            return new org.apache.flink.table.types.logical.BooleanType(type.isNullable());
        }

        @Override
        public LogicalType visit(TinyIntType type) {
            return new org.apache.flink.table.types.logical.TinyIntType(type.isNullable());
        }

        @Override
        public LogicalType visit(SmallIntType type) {
            return new org.apache.flink.table.types.logical.SmallIntType(type.isNullable());
        }

        @Override
        public LogicalType visit(IntType type) {
            return new org.apache.flink.table.types.logical.IntType(type.isNullable());
        }

        @Override
        public LogicalType visit(BigIntType type) {
            return new org.apache.flink.table.types.logical.BigIntType(type.isNullable());
        }

        @Override
        public LogicalType visit(FloatType type) {
            return new org.apache.flink.table.types.logical.FloatType(type.isNullable());
        }

        @Override
        public LogicalType visit(DoubleType type) {
            return new org.apache.flink.table.types.logical.DoubleType(type.isNullable());
        }

        @Override
        public LogicalType visit(DecimalType type) {
            return new org.apache.flink.table.types.logical.DecimalType(type.isNullable(), type.precision(), type.scale());
        }

        @Override
        public LogicalType visit(CharType type) {
            return new org.apache.flink.table.types.logical.CharType(type.isNullable(), type.length());
        }

        @Override
        public LogicalType visit(VarCharType type) {
            return new org.apache.flink.table.types.logical.VarCharType(type.isNullable(), type.length());
        }

        @Override
        public LogicalType visit(BinaryType type) {
            return new org.apache.flink.table.types.logical.BinaryType(type.isNullable(), type.length());
        }

        @Override
        public LogicalType visit(VarBinaryType type) {
            return new org.apache.flink.table.types.logical.VarBinaryType(type.isNullable(), type.length());
        }

        @Override
        public LogicalType visit(DateType type) {
            return new org.apache.flink.table.types.logical.DateType(type.isNullable());
        }

        @Override
        public LogicalType visit(TimeType type) {
            return new org.apache.flink.table.types.logical.TimeType(type.isNullable(), type.precision());
        }

        @Override
        public LogicalType visit(TimestampType type) {
            return new org.apache.flink.table.types.logical.TimestampType(type.isNullable(), type.precision());
        }

        @Override
        public LogicalType visit(LocalZonedTimestampType type) {
            return new org.apache.flink.table.types.logical.LocalZonedTimestampType(type.isNullable(), type.precision());
        }

        @Override
        public LogicalType visit(ArrayType type) {
            return new org.apache.flink.table.types.logical.ArrayType(type.isNullable(), type.elementType().accept(this));
        }

        @Override
        public LogicalType visit(MapType type) {
            return new org.apache.flink.table.types.logical.MapType(
                    type.isNullable(), type.keyType().accept(this), type.valueType().accept(this));
        }

        @Override
        public LogicalType visit(RowType type) {
            List<org.apache.flink.table.types.logical.RowType.RowField> fields = new ArrayList<>(type.fieldCount());
            for (DataField field : type.fields()) {
                fields.add(new org.apache.flink.table.types.logical.RowType.RowField(
                        field.name(), field.type().accept(this), field.description()));
            }
            return new org.apache.flink.table.types.logical.RowType(type.isNullable(), fields);
        }
    }
}
