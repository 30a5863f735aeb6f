package io.tstore.core.format;

import io.tstore.core.data.BinaryString;
import io.tstore.core.data.Decimal;
import io.tstore.core.data.GenericArray;
import io.tstore.core.data.GenericMap;
import io.tstore.core.data.GenericRow;
import io.tstore.core.data.InternalRow;
import io.tstore.core.data.InternalRows;
import io.tstore.core.data.Timestamp;
import io.tstore.core.types.ArrayType;
import io.tstore.core.types.BinaryType;
import io.tstore.core.types.CharType;
import io.tstore.core.types.DataField;
import io.tstore.core.types.DataType;
import io.tstore.core.types.DecimalType;
import io.tstore.core.types.LocalZonedTimestampType;
import io.tstore.core.types.MapType;
import io.tstore.core.types.RowType;
import io.tstore.core.types.TimestampType;
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
import static io.tstore.core.types.DataTypes.FIELD;
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

/** Random rows of every type, with nulls, extremes, multi-byte strings and nested values, for format tests. */
final class TestRows {
    private TestRows() {}

    /**
     * Every atomic type (nullable and NOT NULL, each decimal and timestamp storage class) and nested types, with
     * ids that are not positions (as after schema changes).
     */
    static final RowType ALL_TYPES = new RowType(List.of(
            FIELD(100, "bool", BOOLEAN()),
            FIELD(101, "tiny", TINYINT()),
            FIELD(102, "small", SMALLINT().notNull()),
            FIELD(103, "int", INT()),
            FIELD(104, "big", BIGINT().notNull()),
            FIELD(105, "float", FLOAT()),
            FIELD(106, "double", DOUBLE()),
            FIELD(107, "dec_9", DECIMAL(9, 2)),
            FIELD(108, "dec_18", DECIMAL(18, 18)),
            FIELD(109, "dec_38", DECIMAL(38, 10)),
            FIELD(110, "dec_19", DECIMAL(19, 0).notNull()),
            FIELD(111, "char", CHAR(5)),
            FIELD(112, "varchar", VARCHAR(12)),
            FIELD(113, "string", STRING()),
            FIELD(114, "binary", BINARY(4)),
            FIELD(115, "varbinary", VARBINARY(9)),
            FIELD(116, "bytes", BYTES()),
            FIELD(117, "date", DATE()),
            FIELD(118, "time0", TIME()),
            FIELD(119, "time3", TIME(3)),
            FIELD(120, "ts0", TIMESTAMP(0)),
            FIELD(121, "ts3", TIMESTAMP(3).notNull()),
            FIELD(122, "ts6", TIMESTAMP()),
            FIELD(123, "ts9", TIMESTAMP(9)),
            FIELD(124, "ltz3", TIMESTAMP_LTZ(3)),
            FIELD(125, "ltz6", TIMESTAMP_LTZ(6)),
            FIELD(126, "ltz9", TIMESTAMP_LTZ(9)),
            FIELD(127, "ints", ARRAY(INT())),
            FIELD(128, "strings", ARRAY(STRING().notNull())),
            FIELD(129, "nested_arrays", ARRAY(ARRAY(DECIMAL(30, 5)))),
            FIELD(130, "counts", MAP(STRING(), BIGINT())),
            FIELD(131, "by_binary", MAP(BYTES().notNull(), ARRAY(TIMESTAMP(9)))),
            FIELD(132, "point", new RowType(List.of(
                    FIELD(200, "x", DOUBLE().notNull()),
                    FIELD(201, "label", STRING()),
                    FIELD(202, "inner", new RowType(List.of(
                            FIELD(203, "at", TIMESTAMP_LTZ(6)),
                            FIELD(204, "n", DECIMAL(20, 3)))))))),
            FIELD(133, "rows", ARRAY(new RowType(List.of(
                    FIELD(205, "k", INT()),
                    FIELD(206, "v", MAP(INT(), STRING()))))))));

    static List<GenericRow> rows(long seed, RowType type, int count) {
        Random random = new Random(seed);
        List<GenericRow> rows = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            rows.add(row(random, type));
        }
        return rows;
    }

    static GenericRow row(Random random, RowType type) {
        Object[] values = new Object[type.fieldCount()];
        for (int i = 0; i < values.length; i++) {
            values[i] = value(random, type.typeAt(i));
        }
        return GenericRow.of(values);
    }

    /** The rows as generic rows of the type, comparable with equals whatever their representation. */
    static List<GenericRow> generic(List<? extends InternalRow> rows, RowType type) {
        List<GenericRow> result = new ArrayList<>(rows.size());
        for (InternalRow row : rows) {
            result.add(InternalRows.toGenericRow(row, type));
        }
        return result;
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
                // From about the year -768 to 4707: far before the Julian-Gregorian switch of 1582.
                return random.nextInt(2_000_001) - 1_000_000;
            case TIME:
                return random.nextInt(86_400_000);
            case TIMESTAMP:
                return randomTimestamp(random, ((TimestampType) type).precision());
            case TIMESTAMP_LTZ:
                return randomTimestamp(random, ((LocalZonedTimestampType) type).precision());
            case ARRAY: {
                Object[] elements = new Object[random.nextInt(5)];
                for (int i = 0; i < elements.length; i++) {
                    elements[i] = value(random, ((ArrayType) type).elementType());
                }
                return new GenericArray(elements);
            }
            case MAP: {
                // Keys are never null: Parquet cannot store null keys (a test checks that it says so).
                MapType mapType = (MapType) type;
                List<Object> keys = new ArrayList<>();
                List<Object> values = new ArrayList<>();
                int size = random.nextInt(5);
                for (int i = 0; i < size; i++) {
                    Object key = nonNullValue(random, mapType.keyType());
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
                    sb.appendCodePoint(0x80 + random.nextInt(0x780));
                    break;
                case 1:
                    sb.appendCodePoint(0xE000 + random.nextInt(0x2000));
                    break;
                case 2:
                    sb.appendCodePoint(0x10000 + random.nextInt(0x10000));
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

    /**
     * A timestamp with no digits beyond its precision: from the year 1 to 9999 for precisions up to 6, and within
     * 1678 to 2261 for finer ones (Parquet's nanosecond range).
     */
    static Timestamp randomTimestamp(Random random, int precision) {
        long range = precision <= 6 ? 253_402_300_799_999L : 9_200_000_000_000L;
        long low = precision <= 6 ? -62_135_596_800_000L : -9_200_000_000_000L;
        long millis = low + (long) (random.nextDouble() * (range - low));
        if (random.nextInt(4) == 0) {
            millis = random.nextInt(2_000_001) - 1_000_000; // near the epoch, both signs
        }
        if (millis > -1000 && millis < 0) {
            millis -= 1000; // ORC cannot store the last second before the epoch (a test covers that on its own)
        }
        if (precision <= 3) {
            long unit = (long) Math.pow(10, 3 - precision);
            return Timestamp.fromEpochMillis(Math.floorDiv(millis, unit) * unit);
        }
        int unit = (int) Math.pow(10, 9 - precision);
        return Timestamp.fromEpochMillis(millis, random.nextInt(1_000_000) / unit * unit);
    }
}
