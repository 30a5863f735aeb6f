package io.tstore.core.data;

import io.tstore.core.types.ArrayType;
import io.tstore.core.types.BinaryType;
import io.tstore.core.types.CharType;
import io.tstore.core.types.DataType;
import io.tstore.core.types.DecimalType;
import io.tstore.core.types.MapType;
import io.tstore.core.types.RowType;
import io.tstore.core.types.TimeType;
import io.tstore.core.types.VarBinaryType;
import io.tstore.core.types.VarCharType;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Random;

import static io.tstore.core.types.DataTypes.ARRAY;
import static io.tstore.core.types.DataTypes.BIGINT;
import static io.tstore.core.types.DataTypes.BINARY;
import static io.tstore.core.types.DataTypes.BOOLEAN;
import static io.tstore.core.types.DataTypes.BYTES;
import static io.tstore.core.types.DataTypes.CHAR;
import static io.tstore.core.types.DataTypes.DATE;
import static io.tstore.core.types.DataTypes.DECIMAL;
import static io.tstore.core.types.DataTypes.DOUBLE;
import static io.tstore.core.types.DataTypes.FLOAT;
import static io.tstore.core.types.DataTypes.INT;
import static io.tstore.core.types.DataTypes.MAP;
import static io.tstore.core.types.DataTypes.SMALLINT;
import static io.tstore.core.types.DataTypes.STRING;
import static io.tstore.core.types.DataTypes.TIME;
import static io.tstore.core.types.DataTypes.TIMESTAMP;
import static io.tstore.core.types.DataTypes.TIMESTAMP_LTZ;
import static io.tstore.core.types.DataTypes.TINYINT;
import static io.tstore.core.types.DataTypes.VARBINARY;
import static io.tstore.core.types.DataTypes.VARCHAR;

/** Random rows of any type, in internal forms, with nulls, extremes and multi-byte strings; for model tests. */
final class RandomRows {
    private RandomRows() {}

    /** A row of every atomic type (nullable and NOT NULL, every precision class) and nested types. */
    static final RowType ALL_TYPES = RowType.builder()
            .field("bool", BOOLEAN())
            .field("tiny", TINYINT())
            .field("small", SMALLINT().notNull())
            .field("int", INT())
            .field("big", BIGINT().notNull())
            .field("float", FLOAT())
            .field("double", DOUBLE())
            .field("dec_small", DECIMAL(9, 2))
            .field("dec_18", DECIMAL(18, 18))
            .field("dec_big", DECIMAL(38, 10))
            .field("dec_19", DECIMAL(19, 0).notNull())
            .field("char", CHAR(5))
            .field("varchar", VARCHAR(12))
            .field("string", STRING())
            .field("binary", BINARY(4))
            .field("varbinary", VARBINARY(9))
            .field("bytes", BYTES())
            .field("date", DATE())
            .field("time0", TIME())
            .field("time3", TIME(3))
            .field("ts0", TIMESTAMP(0))
            .field("ts3", TIMESTAMP(3).notNull())
            .field("ts6", TIMESTAMP())
            .field("ts9", TIMESTAMP(9))
            .field("ltz3", TIMESTAMP_LTZ(3))
            .field("ltz9", TIMESTAMP_LTZ(9))
            .field("ints", ARRAY(INT()))
            .field("strings", ARRAY(STRING().notNull()))
            .field("nested_arrays", ARRAY(ARRAY(DECIMAL(30, 5))))
            .field("counts", MAP(STRING(), BIGINT()))
            .field("by_binary", MAP(BYTES().notNull(), ARRAY(TIMESTAMP(9))))
            .field("point", RowType.builder()
                    .field("x", DOUBLE().notNull())
                    .field("label", STRING())
                    .field("inner", RowType.builder().field("at", TIMESTAMP_LTZ(6)).field("n", DECIMAL(20, 3)).build())
                    .build())
            .field("rows", ARRAY(RowType.builder().field("k", INT()).field("v", MAP(INT(), STRING())).build()))
            .build();

    static GenericRow row(Random random, RowType type) {
        Object[] values = new Object[type.fieldCount()];
        for (int i = 0; i < values.length; i++) {
            values[i] = value(random, type.typeAt(i));
        }
        return GenericRow.of(values);
    }

    /** A random value of the type, null now and then when the type is nullable. */
    static Object value(Random random, DataType type) {
        if (type.isNullable() && random.nextInt(8) == 0) {
            return null;
        }
        return nonNullValue(random, type);
    }

    static Object nonNullValue(Random random, DataType type) {
        switch (type.root()) {
            case BOOLEAN:
                return random.nextBoolean();
            case TINYINT:
                return (byte) randomInteger(random, 8);
            case SMALLINT:
                return (short) randomInteger(random, 16);
            case INT:
                return (int) randomInteger(random, 32);
            case BIGINT:
                return randomInteger(random, 64);
            case FLOAT:
                return (float) randomDouble(random);
            case DOUBLE:
                return randomDouble(random);
            case DECIMAL:
                return randomDecimal(random, (DecimalType) type);
            case CHAR:
                return BinaryString.fromString(randomString(random, ((CharType) type).length()));
            case VARCHAR:
                return BinaryString.fromString(randomString(random, ((VarCharType) type).length()));
            case BINARY:
                return randomBytes(random, ((BinaryType) type).length());
            case VARBINARY:
                return randomBytes(random, ((VarBinaryType) type).length());
            case DATE:
                return random.nextInt(2_000_001) - 1_000_000;
            case TIME: {
                int unit = (int) Math.pow(10, 3 - Math.min(3, ((TimeType) type).precision()));
                return random.nextInt(86_400_000) / unit * unit;
            }
            case TIMESTAMP:
            case TIMESTAMP_LTZ:
                return randomTimestamp(random, ValueGetters.timestampPrecision(type));
            case ARRAY: {
                Object[] elements = new Object[random.nextInt(5)];
                for (int i = 0; i < elements.length; i++) {
                    elements[i] = value(random, ((ArrayType) type).elementType());
                }
                return new GenericArray(elements);
            }
            case MAP: {
                MapType mapType = (MapType) type;
                List<Object> keys = new ArrayList<>();
                List<Object> values = new ArrayList<>();
                int size = random.nextInt(5);
                for (int i = 0; i < size; i++) {
                    Object key = value(random, mapType.keyType());
                    if (keys.stream().noneMatch(k -> Objects.deepEquals(k, key))) {
                        keys.add(key);
                        values.add(value(random, mapType.valueType()));
                    }
                }
                return new GenericMap(keys.toArray(), values.toArray());
            }
            case ROW:
                return row(random, (RowType) type);
            default:
                throw new IllegalArgumentException("No random values of " + type);
        }
    }

    /** Small numbers (so that ties happen), the extremes of a width and anything in between, both signs. */
    static long randomInteger(Random random, int bits) {
        switch (random.nextInt(4)) {
            case 0:
                return random.nextInt(7) - 3;
            case 1:
                return random.nextBoolean() ? -(1L << (bits - 1)) : (1L << (bits - 1)) - 1;
            default:
                return random.nextLong() >> (64 - bits + random.nextInt(bits));
        }
    }

    static double randomDouble(Random random) {
        switch (random.nextInt(10)) {
            case 0:
                return Double.NaN;
            case 1:
                return random.nextBoolean() ? -0.0 : 0.0;
            case 2:
                return random.nextBoolean() ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
            case 3:
                return random.nextInt(5) - 2;
            default:
                return (random.nextDouble() - 0.5) * Math.pow(10, random.nextInt(20) - 5);
        }
    }

    static Decimal randomDecimal(Random random, DecimalType type) {
        int digits = random.nextBoolean() ? 1 + random.nextInt(type.precision()) : type.precision();
        BigInteger unscaled = new BigInteger(digits * 4, random).mod(BigInteger.TEN.pow(digits));
        if (random.nextBoolean()) {
            unscaled = unscaled.negate();
        }
        return Decimal.fromBigDecimal(new BigDecimal(unscaled, type.scale()), type.precision(), type.scale());
    }

    /** Code points from ASCII to beyond the BMP, at most {@code maxLength} of them. */
    static String randomString(Random random, int maxLength) {
        int length = random.nextInt(Math.min(maxLength, 8) + 1);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < length; i++) {
            switch (random.nextInt(5)) {
                case 0:
                    sb.appendCodePoint(0x80 + random.nextInt(0x780)); // two UTF-8 bytes
                    break;
                case 1:
                    sb.appendCodePoint(0xE000 + random.nextInt(0x2000)); // three bytes, above the surrogates
                    break;
                case 2:
                    sb.appendCodePoint(0x10000 + random.nextInt(0x10000)); // four bytes, a surrogate pair in Java
                    break;
                default:
                    sb.append((char) ('a' + random.nextInt(3)));
            }
        }
        return sb.toString();
    }

    static byte[] randomBytes(Random random, int maxLength) {
        byte[] bytes = new byte[random.nextInt(Math.min(maxLength, 6) + 1)];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (random.nextInt(5) - 2);
        }
        return bytes;
    }

    /** A timestamp with no digits beyond its precision, between about 1843 and 2096. */
    static Timestamp randomTimestamp(Random random, int precision) {
        long millis = (random.nextLong() % 4_000_000_000_000L);
        if (precision <= 3) {
            long unit = (long) Math.pow(10, 3 - precision);
            return Timestamp.fromEpochMillis(Math.floorDiv(millis, unit) * unit);
        }
        int unit = (int) Math.pow(10, 9 - precision);
        return Timestamp.fromEpochMillis(millis, random.nextInt(1_000_000) / unit * unit);
    }
}
