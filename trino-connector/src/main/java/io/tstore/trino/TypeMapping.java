package io.tstore.trino;

import io.airlift.slice.Slice;
import io.airlift.slice.Slices;
import io.trino.spi.TrinoException;
import io.trino.spi.block.ArrayBlockBuilder;
import io.trino.spi.block.Block;
import io.trino.spi.block.BlockBuilder;
import io.trino.spi.block.MapBlockBuilder;
import io.trino.spi.block.RowBlockBuilder;
import io.trino.spi.block.SqlMap;
import io.trino.spi.block.SqlRow;
import io.trino.spi.type.ArrayType;
import io.trino.spi.type.BigintType;
import io.trino.spi.type.BooleanType;
import io.trino.spi.type.CharType;
import io.trino.spi.type.Chars;
import io.trino.spi.type.DateType;
import io.trino.spi.type.DecimalType;
import io.trino.spi.type.DoubleType;
import io.trino.spi.type.Int128;
import io.trino.spi.type.IntegerType;
import io.trino.spi.type.LongTimestamp;
import io.trino.spi.type.LongTimestampWithTimeZone;
import io.trino.spi.type.MapType;
import io.trino.spi.type.RealType;
import io.trino.spi.type.RowType;
import io.trino.spi.type.SmallintType;
import io.trino.spi.type.TimeType;
import io.trino.spi.type.TimestampType;
import io.trino.spi.type.TimestampWithTimeZoneType;
import io.trino.spi.type.TinyintType;
import io.trino.spi.type.Type;
import io.trino.spi.type.TypeOperators;
import io.trino.spi.type.VarbinaryType;
import io.trino.spi.type.VarcharType;
import io.tstore.core.data.BinaryString;
import io.tstore.core.data.DataGetters;
import io.tstore.core.data.Decimal;
import io.tstore.core.data.GenericArray;
import io.tstore.core.data.GenericMap;
import io.tstore.core.data.GenericRow;
import io.tstore.core.data.InternalArray;
import io.tstore.core.data.InternalMap;
import io.tstore.core.data.InternalRow;
import io.tstore.core.data.Timestamp;
import io.tstore.core.types.DataField;
import io.tstore.core.types.DataType;
import io.tstore.core.types.DataTypes;
import io.tstore.core.types.LocalZonedTimestampType;
import io.tstore.core.types.VarCharType;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

import static io.trino.spi.StandardErrorCode.NOT_SUPPORTED;
import static io.trino.spi.type.DateTimeEncoding.packDateTimeWithZone;
import static io.trino.spi.type.DateTimeEncoding.unpackMillisUtc;
import static io.trino.spi.type.TimeZoneKey.UTC_KEY;

/**
 * The core's types and values in Trino's terms and back: one place that knows both type systems.
 *
 * <p>Types: BOOLEAN, TINYINT..BIGINT, FLOAT as REAL, DOUBLE, DECIMAL, CHAR, VARCHAR (the core's unbounded STRING
 * as Trino's unbounded VARCHAR), BINARY and VARBINARY as VARBINARY, DATE, TIME(p), TIMESTAMP(p), TIMESTAMP(p)
 * WITH LOCAL TIME ZONE as TIMESTAMP(p) WITH TIME ZONE (read in UTC: the core stores an instant, not a zone), ARRAY,
 * MAP and ROW. The core keeps TIME as milliseconds of the day whatever its precision (docs/spec.md), so a finer
 * TIME written from Trino loses its sub-millisecond digits.
 */
final class TypeMapping {
    private static final TypeOperators TYPE_OPERATORS = new TypeOperators();
    private static final long PICOS_PER_MILLI = 1_000_000_000L;
    private static final long PICOS_PER_MICRO = 1_000_000L;

    private TypeMapping() {}

    // ---------------------------------------------------------------------------------------------------- types

    /** The Trino type of a core type. */
    static Type toTrinoType(DataType type) {
        switch (type.root()) {
            case BOOLEAN:
                return BooleanType.BOOLEAN;
            case TINYINT:
                return TinyintType.TINYINT;
            case SMALLINT:
                return SmallintType.SMALLINT;
            case INT:
                return IntegerType.INTEGER;
            case BIGINT:
                return BigintType.BIGINT;
            case FLOAT:
                return RealType.REAL;
            case DOUBLE:
                return DoubleType.DOUBLE;
            case DECIMAL: {
                io.tstore.core.types.DecimalType decimal = (io.tstore.core.types.DecimalType) type;
                return DecimalType.createDecimalType(decimal.precision(), decimal.scale());
            }
            case CHAR: {
                int length = ((io.tstore.core.types.CharType) type).length();
                if (length > CharType.MAX_LENGTH) {
                    throw new TrinoException(NOT_SUPPORTED, "Trino's CHAR holds at most " + CharType.MAX_LENGTH + " characters: " + type);
                }
                return CharType.createCharType(length);
            }
            case VARCHAR: {
                int length = ((VarCharType) type).length();
                return length == VarCharType.MAX_LENGTH || length > VarcharType.MAX_LENGTH
                        ? VarcharType.VARCHAR : VarcharType.createVarcharType(length);
            }
            case BINARY:
            case VARBINARY:
                return VarbinaryType.VARBINARY;
            case DATE:
                return DateType.DATE;
            case TIME:
                return TimeType.createTimeType(((io.tstore.core.types.TimeType) type).precision());
            case TIMESTAMP:
                return TimestampType.createTimestampType(((io.tstore.core.types.TimestampType) type).precision());
            case TIMESTAMP_LTZ:
                return TimestampWithTimeZoneType.createTimestampWithTimeZoneType(((LocalZonedTimestampType) type).precision());
            case ARRAY:
                return new ArrayType(toTrinoType(((io.tstore.core.types.ArrayType) type).elementType()));
            case MAP: {
                io.tstore.core.types.MapType map = (io.tstore.core.types.MapType) type;
                return new MapType(toTrinoType(map.keyType()), toTrinoType(map.valueType()), TYPE_OPERATORS);
            }
            case ROW: {
                List<RowType.Field> fields = new ArrayList<>();
                for (DataField field : ((io.tstore.core.types.RowType) type).fields()) {
                    fields.add(RowType.field(field.name(), toTrinoType(field.type())));
                }
                return RowType.from(fields);
            }
            default:
                throw new TrinoException(NOT_SUPPORTED, "Type " + type + " has no Trino type");
        }
    }

    /** The core type of a Trino type, nullable. */
    static DataType toCoreType(Type type) {
        if (type instanceof BooleanType) {
            return DataTypes.BOOLEAN();
        } else if (type instanceof TinyintType) {
            return DataTypes.TINYINT();
        } else if (type instanceof SmallintType) {
            return DataTypes.SMALLINT();
        } else if (type instanceof IntegerType) {
            return DataTypes.INT();
        } else if (type instanceof BigintType) {
            return DataTypes.BIGINT();
        } else if (type instanceof RealType) {
            return DataTypes.FLOAT();
        } else if (type instanceof DoubleType) {
            return DataTypes.DOUBLE();
        } else if (type instanceof DecimalType decimal) {
            return DataTypes.DECIMAL(decimal.getPrecision(), decimal.getScale());
        } else if (type instanceof CharType c) {
            return DataTypes.CHAR(c.getLength());
        } else if (type instanceof VarcharType v) {
            return v.isUnbounded() ? DataTypes.STRING() : DataTypes.VARCHAR(v.getBoundedLength());
        } else if (type instanceof VarbinaryType) {
            return DataTypes.BYTES();
        } else if (type instanceof DateType) {
            return DataTypes.DATE();
        } else if (type instanceof TimeType t) {
            return DataTypes.TIME(checkPrecision(type, t.getPrecision()));
        } else if (type instanceof TimestampType t) {
            return DataTypes.TIMESTAMP(checkPrecision(type, t.getPrecision()));
        } else if (type instanceof TimestampWithTimeZoneType t) {
            return DataTypes.TIMESTAMP_LTZ(checkPrecision(type, t.getPrecision()));
        } else if (type instanceof ArrayType array) {
            return DataTypes.ARRAY(toCoreType(array.getElementType()));
        } else if (type instanceof MapType map) {
            return DataTypes.MAP(toCoreType(map.getKeyType()).notNull(), toCoreType(map.getValueType()));
        } else if (type instanceof RowType row) {
            List<DataField> fields = new ArrayList<>();
            int id = 0;
            for (RowType.Field field : row.getFields()) {
                String name = field.getName().orElseThrow(() -> new TrinoException(NOT_SUPPORTED,
                        "Every field of a ROW needs a name in a table of this connector: " + type));
                fields.add(DataTypes.FIELD(id++, name, toCoreType(field.getType())));
            }
            return DataTypes.ROW(fields);
        }
        throw new TrinoException(NOT_SUPPORTED, "Type " + type + " is not supported by the tstore connector");
    }

    private static int checkPrecision(Type type, int precision) {
        if (precision > 9) {
            throw new TrinoException(NOT_SUPPORTED, "Type " + type + " is finer than tables hold: precision 9 (nanoseconds) at most");
        }
        return precision;
    }

    // ------------------------------------------------------------------------------------------ core -> Trino

    /** Appends the value at {@code pos} of core row or array {@code source} (of core type {@code type}) to a block. */
    static void write(DataType type, Type trinoType, DataGetters source, int pos, BlockBuilder out) {
        if (source.isNullAt(pos)) {
            out.appendNull();
            return;
        }
        switch (type.root()) {
            case BOOLEAN:
                trinoType.writeBoolean(out, source.getBoolean(pos));
                return;
            case TINYINT:
                trinoType.writeLong(out, source.getByte(pos));
                return;
            case SMALLINT:
                trinoType.writeLong(out, source.getShort(pos));
                return;
            case INT:
            case DATE:
                trinoType.writeLong(out, source.getInt(pos));
                return;
            case BIGINT:
                trinoType.writeLong(out, source.getLong(pos));
                return;
            case FLOAT:
                trinoType.writeLong(out, Float.floatToRawIntBits(source.getFloat(pos)));
                return;
            case DOUBLE:
                trinoType.writeDouble(out, source.getDouble(pos));
                return;
            case DECIMAL: {
                io.tstore.core.types.DecimalType d = (io.tstore.core.types.DecimalType) type;
                Decimal value = source.getDecimal(pos, d.precision(), d.scale());
                if (((DecimalType) trinoType).isShort()) {
                    trinoType.writeLong(out, value.toUnscaledLong());
                } else {
                    trinoType.writeObject(out, Int128.valueOf(value.toBigDecimal().unscaledValue()));
                }
                return;
            }
            case CHAR: {
                Slice chars = Slices.wrappedBuffer(source.getString(pos).toBytes());
                trinoType.writeSlice(out, Chars.trimTrailingSpaces(chars));
                return;
            }
            case VARCHAR:
                trinoType.writeSlice(out, Slices.wrappedBuffer(source.getString(pos).toBytes()));
                return;
            case BINARY:
            case VARBINARY:
                trinoType.writeSlice(out, Slices.wrappedBuffer(source.getBinary(pos)));
                return;
            case TIME:
                trinoType.writeLong(out, source.getInt(pos) * PICOS_PER_MILLI);
                return;
            case TIMESTAMP: {
                int precision = ((io.tstore.core.types.TimestampType) type).precision();
                Timestamp ts = source.getTimestamp(pos, precision);
                long micros = Math.multiplyExact(ts.millisecond(), 1000L) + ts.nanoOfMillisecond() / 1000;
                if (((TimestampType) trinoType).isShort()) {
                    trinoType.writeLong(out, micros);
                } else {
                    trinoType.writeObject(out, new LongTimestamp(micros, (ts.nanoOfMillisecond() % 1000) * 1000));
                }
                return;
            }
            case TIMESTAMP_LTZ: {
                int precision = ((LocalZonedTimestampType) type).precision();
                Timestamp ts = source.getTimestamp(pos, precision);
                if (((TimestampWithTimeZoneType) trinoType).isShort()) {
                    trinoType.writeLong(out, packDateTimeWithZone(ts.millisecond(), UTC_KEY));
                } else {
                    trinoType.writeObject(out, LongTimestampWithTimeZone.fromEpochMillisAndFraction(
                            ts.millisecond(), ts.nanoOfMillisecond() * 1000, UTC_KEY));
                }
                return;
            }
            case ARRAY: {
                DataType elementType = ((io.tstore.core.types.ArrayType) type).elementType();
                Type trinoElement = ((ArrayType) trinoType).getElementType();
                InternalArray array = source.getArray(pos);
                ((ArrayBlockBuilder) out).buildEntry(elements -> {
                    for (int i = 0; i < array.size(); i++) {
                        write(elementType, trinoElement, array, i, elements);
                    }
                });
                return;
            }
            case MAP: {
                io.tstore.core.types.MapType map = (io.tstore.core.types.MapType) type;
                MapType trinoMap = (MapType) trinoType;
                InternalMap value = source.getMap(pos);
                InternalArray keys = value.keyArray();
                InternalArray values = value.valueArray();
                ((MapBlockBuilder) out).buildEntry((keyBuilder, valueBuilder) -> {
                    for (int i = 0; i < value.size(); i++) {
                        write(map.keyType(), trinoMap.getKeyType(), keys, i, keyBuilder);
                        write(map.valueType(), trinoMap.getValueType(), values, i, valueBuilder);
                    }
                });
                return;
            }
            case ROW: {
                io.tstore.core.types.RowType row = (io.tstore.core.types.RowType) type;
                List<Type> trinoFields = trinoType.getTypeParameters();
                InternalRow value = source.getRow(pos, row.fieldCount());
                ((RowBlockBuilder) out).buildEntry(fields -> {
                    for (int i = 0; i < row.fieldCount(); i++) {
                        write(row.typeAt(i), trinoFields.get(i), value, i, fields.get(i));
                    }
                });
                return;
            }
            default:
                throw new TrinoException(NOT_SUPPORTED, "Type " + type + " has no Trino type");
        }
    }

    // ------------------------------------------------------------------------------------------ Trino -> core

    /** The core's value of position {@code pos} of a Trino block, or null. */
    static Object toCoreValue(DataType type, Type trinoType, Block block, int pos) {
        if (block.isNull(pos)) {
            return null;
        }
        switch (type.root()) {
            case BOOLEAN:
                return trinoType.getBoolean(block, pos);
            case TINYINT:
                return (byte) trinoType.getLong(block, pos);
            case SMALLINT:
                return (short) trinoType.getLong(block, pos);
            case INT:
            case DATE:
                return (int) trinoType.getLong(block, pos);
            case BIGINT:
                return trinoType.getLong(block, pos);
            case FLOAT:
                return Float.intBitsToFloat((int) trinoType.getLong(block, pos));
            case DOUBLE:
                return trinoType.getDouble(block, pos);
            default:
                return toCoreValue(type, trinoType, nativeValue(trinoType, block, pos));
        }
    }

    private static Object nativeValue(Type type, Block block, int pos) {
        Class<?> javaType = type.getJavaType();
        if (javaType == long.class) {
            return type.getLong(block, pos);
        } else if (javaType == double.class) {
            return type.getDouble(block, pos);
        } else if (javaType == boolean.class) {
            return type.getBoolean(block, pos);
        } else if (javaType == Slice.class) {
            return type.getSlice(block, pos);
        }
        return type.getObject(block, pos);
    }

    /**
     * The core's value of a Trino native value ({@code long}, {@code double}, {@code Slice}, {@code Int128},
     * {@code LongTimestamp}, block or {@code SqlMap}/{@code SqlRow}) of {@code trinoType}: rows to write, and the
     * literals of predicates.
     */
    static Object toCoreValue(DataType type, Type trinoType, Object value) {
        if (value == null) {
            return null;
        }
        switch (type.root()) {
            case BOOLEAN:
                return value;
            case TINYINT:
                return (byte) (long) (Long) value;
            case SMALLINT:
                return (short) (long) (Long) value;
            case INT:
            case DATE:
                return (int) (long) (Long) value;
            case BIGINT:
                return value;
            case FLOAT:
                return Float.intBitsToFloat((int) (long) (Long) value);
            case DOUBLE:
                return value;
            case DECIMAL: {
                io.tstore.core.types.DecimalType d = (io.tstore.core.types.DecimalType) type;
                BigInteger unscaled = value instanceof Int128 i ? i.toBigInteger() : BigInteger.valueOf((Long) value);
                return Decimal.fromBigDecimal(new BigDecimal(unscaled, d.scale()), d.precision(), d.scale());
            }
            case CHAR:
            case VARCHAR:
                return BinaryString.fromBytes(((Slice) value).getBytes());
            case BINARY:
            case VARBINARY:
                return ((Slice) value).getBytes();
            case TIME:
                return (int) ((Long) value / PICOS_PER_MILLI);
            case TIMESTAMP: {
                long micros;
                int picosOfMicro = 0;
                if (value instanceof LongTimestamp ts) {
                    micros = ts.getEpochMicros();
                    picosOfMicro = ts.getPicosOfMicro();
                } else {
                    micros = (Long) value;
                }
                long millis = Math.floorDiv(micros, 1000L);
                int nanoOfMilli = (int) Math.floorMod(micros, 1000L) * 1000 + picosOfMicro / 1000;
                return Timestamp.fromEpochMillis(millis, nanoOfMilli);
            }
            case TIMESTAMP_LTZ: {
                if (value instanceof LongTimestampWithTimeZone ts) {
                    return Timestamp.fromEpochMillis(ts.getEpochMillis(), ts.getPicosOfMilli() / 1000);
                }
                return Timestamp.fromEpochMillis(unpackMillisUtc((Long) value));
            }
            case ARRAY: {
                DataType elementType = ((io.tstore.core.types.ArrayType) type).elementType();
                Type trinoElement = ((ArrayType) trinoType).getElementType();
                Block elements = (Block) value;
                Object[] out = new Object[elements.getPositionCount()];
                for (int i = 0; i < out.length; i++) {
                    out[i] = toCoreValue(elementType, trinoElement, elements, i);
                }
                return new GenericArray(out);
            }
            case MAP: {
                io.tstore.core.types.MapType map = (io.tstore.core.types.MapType) type;
                MapType trinoMap = (MapType) trinoType;
                SqlMap sqlMap = (SqlMap) value;
                int offset = sqlMap.getRawOffset();
                Object[] keys = new Object[sqlMap.getSize()];
                Object[] values = new Object[keys.length];
                for (int i = 0; i < keys.length; i++) {
                    keys[i] = toCoreValue(map.keyType(), trinoMap.getKeyType(), sqlMap.getRawKeyBlock(), offset + i);
                    values[i] = toCoreValue(map.valueType(), trinoMap.getValueType(), sqlMap.getRawValueBlock(), offset + i);
                }
                return new GenericMap(keys, values);
            }
            case ROW: {
                io.tstore.core.types.RowType row = (io.tstore.core.types.RowType) type;
                List<Type> trinoFields = trinoType.getTypeParameters();
                SqlRow sqlRow = (SqlRow) value;
                int index = sqlRow.getRawIndex();
                GenericRow out = new GenericRow(row.fieldCount());
                for (int i = 0; i < row.fieldCount(); i++) {
                    out.setField(i, toCoreValue(row.typeAt(i), trinoFields.get(i), sqlRow.getRawFieldBlock(i), index));
                }
                return out;
            }
            default:
                throw new TrinoException(NOT_SUPPORTED, "Type " + type + " has no Trino type");
        }
    }

    /** Whether predicates on values of this type can be handed to the core (scalar types, compared as the core does). */
    static boolean supportsPredicates(DataType type) {
        switch (type.root()) {
            case ARRAY:
            case MAP:
            case ROW:
            case BINARY:
            case VARBINARY:
            case CHAR:
            case FLOAT:
            case DOUBLE:
                return false;
            default:
                return true;
        }
    }
}
