package io.tstore.core.predicate;

import io.tstore.core.data.BinaryString;
import io.tstore.core.data.Decimal;
import io.tstore.core.data.GenericArray;
import io.tstore.core.data.GenericRow;
import io.tstore.core.data.InternalRow;
import io.tstore.core.data.RowComparator;
import io.tstore.core.data.Timestamp;
import io.tstore.core.types.DataType;
import io.tstore.core.types.DecimalType;
import io.tstore.core.types.RowType;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static io.tstore.core.types.DataTypes.ARRAY;
import static io.tstore.core.types.DataTypes.BIGINT;
import static io.tstore.core.types.DataTypes.BOOLEAN;
import static io.tstore.core.types.DataTypes.BYTES;
import static io.tstore.core.types.DataTypes.CHAR;
import static io.tstore.core.types.DataTypes.DATE;
import static io.tstore.core.types.DataTypes.DECIMAL;
import static io.tstore.core.types.DataTypes.DOUBLE;
import static io.tstore.core.types.DataTypes.FLOAT;
import static io.tstore.core.types.DataTypes.INT;
import static io.tstore.core.types.DataTypes.SMALLINT;
import static io.tstore.core.types.DataTypes.STRING;
import static io.tstore.core.types.DataTypes.TIME;
import static io.tstore.core.types.DataTypes.TIMESTAMP;
import static io.tstore.core.types.DataTypes.TIMESTAMP_LTZ;
import static io.tstore.core.types.DataTypes.TINYINT;

/**
 * Random rows, predicates and statistics for property tests. Values come from small pools per type, holding the
 * edge cases (extremes, -0.0 and 0.0, NaN, infinities, empty and multi-byte strings), so that literals hit values
 * and ties are common.
 */
final class RandomPredicates {
    static final RowType ROW_TYPE = RowType.builder()
            .field("b", BOOLEAN())
            .field("t", TINYINT())
            .field("s", SMALLINT())
            .field("i", INT().notNull())
            .field("l", BIGINT())
            .field("f", FLOAT())
            .field("d", DOUBLE())
            .field("dec", DECIMAL(9, 2))
            .field("big_dec", DECIMAL(30, 4))
            .field("c", CHAR(3))
            .field("str", STRING())
            .field("bin", BYTES())
            .field("date", DATE())
            .field("time", TIME(3))
            .field("ts", TIMESTAMP(9))
            .field("ltz", TIMESTAMP_LTZ(3))
            .field("arr", ARRAY(INT()))
            .build();

    private final Random random;
    private final RowType rowType;
    private final PredicateBuilder builder;

    RandomPredicates(long seed) {
        this(seed, ROW_TYPE);
    }

    RandomPredicates(long seed, RowType rowType) {
        this.random = new Random(seed);
        this.rowType = rowType;
        this.builder = new PredicateBuilder(rowType);
    }

    Random random() {
        return random;
    }

    /** Non-null values of a type, in internal form. */
    static List<Object> pool(DataType type) {
        switch (type.root()) {
            case BOOLEAN:
                return List.of(false, true);
            case TINYINT:
                return List.of(Byte.MIN_VALUE, (byte) -1, (byte) 0, (byte) 1, (byte) 2, Byte.MAX_VALUE);
            case SMALLINT:
                return List.of(Short.MIN_VALUE, (short) -1, (short) 0, (short) 1, (short) 7, Short.MAX_VALUE);
            case INT:
                return List.of(Integer.MIN_VALUE, -5, -1, 0, 1, 2, 3, 100, Integer.MAX_VALUE);
            case BIGINT:
                return List.of(Long.MIN_VALUE, -1L, 0L, 1L, 2L, 1L << 40, Long.MAX_VALUE);
            case FLOAT:
                return List.of(Float.NEGATIVE_INFINITY, -1.5f, -0.0f, 0.0f, 1e-30f, 1.5f, 2f, Float.POSITIVE_INFINITY, Float.NaN);
            case DOUBLE:
                return List.of(Double.NEGATIVE_INFINITY, -1.5, -0.0, 0.0, Double.MIN_VALUE, 1.5, 2.0, Double.POSITIVE_INFINITY, Double.NaN);
            case DECIMAL: {
                DecimalType decimal = (DecimalType) type;
                List<Object> values = new ArrayList<>();
                for (String v : List.of("-9999999.99", "-1.5", "0", "0.01", "1.5", "2", "9999999.99")) {
                    values.add(Decimal.fromBigDecimal(new BigDecimal(v), decimal.precision(), decimal.scale()));
                }
                return values;
            }
            case CHAR:
            case VARCHAR:
                return strings("", "a", "ab", "b", "ä", "\uFFFF", "\uD83D\uDE00", "\uD83D\uDE00a");
            case BINARY:
            case VARBINARY:
                return List.of(new byte[0], new byte[] {0}, new byte[] {1}, new byte[] {1, 2}, new byte[] {(byte) 0xFF});
            case DATE:
                return List.of(-719_162, -1, 0, 1, 19_000, 2_932_896);
            case TIME:
                return List.of(0, 1, 43_200_000, 86_399_999);
            case TIMESTAMP:
            case TIMESTAMP_LTZ:
                return List.of(
                        Timestamp.fromEpochMillis(-62_135_596_800_000L),
                        Timestamp.fromEpochMillis(-1, 999_999),
                        Timestamp.fromEpochMillis(0),
                        Timestamp.fromEpochMillis(0, 1),
                        Timestamp.fromEpochMillis(1_700_000_000_000L, 500_000),
                        Timestamp.fromEpochMillis(253_402_300_799_999L));
            case ARRAY:
                return List.of(new GenericArray(new Object[] {1, 2}), new GenericArray(new Object[0]));
            default:
                throw new IllegalArgumentException("No pool for " + type);
        }
    }

    private static List<Object> strings(String... values) {
        List<Object> result = new ArrayList<>();
        for (String value : values) {
            result.add(BinaryString.fromString(value));
        }
        return result;
    }

    Object value(DataType type) {
        if (type.isNullable() && random.nextInt(5) == 0) {
            return null;
        }
        List<Object> pool = pool(type);
        return pool.get(random.nextInt(pool.size()));
    }

    GenericRow row() {
        Object[] values = new Object[rowType.fieldCount()];
        for (int i = 0; i < values.length; i++) {
            values[i] = value(rowType.typeAt(i));
        }
        return GenericRow.of(values);
    }

    /**
     * Rows in groups that each draw a field's values from a few values of its pool (and nulls), so that the
     * statistics of a group are narrow and a file format has groups to skip. A field named "id" numbers the rows.
     */
    List<GenericRow> clusteredRows(int groups, int groupSize) {
        List<GenericRow> rows = new ArrayList<>(groups * groupSize);
        for (int group = 0; group < groups; group++) {
            List<List<Object>> choices = new ArrayList<>();
            for (DataType type : rowType.fieldTypes()) {
                List<Object> pool = new ArrayList<>(pool(type));
                Collections.shuffle(pool, random);
                List<Object> chosen = new ArrayList<>(pool.subList(0, 1 + random.nextInt(Math.min(3, pool.size()))));
                if (type.isNullable() && random.nextInt(3) == 0) {
                    chosen.add(null);
                }
                choices.add(chosen);
            }
            for (int i = 0; i < groupSize; i++) {
                Object[] values = new Object[rowType.fieldCount()];
                for (int field = 0; field < values.length; field++) {
                    List<Object> chosen = choices.get(field);
                    values[field] = chosen.get(random.nextInt(chosen.size()));
                }
                int id = rowType.fieldIndex("id");
                if (id >= 0) {
                    values[id] = rows.size();
                }
                rows.add(GenericRow.of(values));
            }
        }
        return rows;
    }

    List<GenericRow> rows(int count) {
        List<GenericRow> rows = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            rows.add(row());
        }
        return rows;
    }

    /** A random tree of depth at most {@code depth}; IN lists hold a null literal now and then when allowed. */
    Predicate predicate(int depth, boolean nullLiterals) {
        if (depth > 0 && random.nextInt(3) == 0) {
            List<Predicate> children = new ArrayList<>();
            int count = 2 + random.nextInt(2);
            for (int i = 0; i < count; i++) {
                children.add(predicate(depth - 1, nullLiterals));
            }
            return random.nextBoolean() ? PredicateBuilder.and(children) : PredicateBuilder.or(children);
        }
        return leaf(nullLiterals);
    }

    Predicate leaf(boolean nullLiterals) {
        int field = random.nextInt(rowType.fieldCount());
        DataType type = rowType.typeAt(field);
        if (!LiteralComparator.isOrderable(type)) {
            return random.nextBoolean() ? builder.isNull(field) : builder.isNotNull(field);
        }
        LeafFunction function = LeafFunction.values()[random.nextInt(LeafFunction.values().length)];
        List<Object> pool = pool(type);
        switch (function) {
            case EQUAL:
                return builder.equal(field, pick(pool));
            case NOT_EQUAL:
                return builder.notEqual(field, pick(pool));
            case LESS_THAN:
                return builder.lessThan(field, pick(pool));
            case LESS_OR_EQUAL:
                return builder.lessOrEqual(field, pick(pool));
            case GREATER_THAN:
                return builder.greaterThan(field, pick(pool));
            case GREATER_OR_EQUAL:
                return builder.greaterOrEqual(field, pick(pool));
            case IN:
            case NOT_IN: {
                List<Object> literals = new ArrayList<>();
                int count = 1 + random.nextInt(3);
                for (int i = 0; i < count; i++) {
                    literals.add(nullLiterals && random.nextInt(6) == 0 ? null : pick(pool));
                }
                return function == LeafFunction.IN ? builder.in(field, literals) : builder.notIn(field, literals);
            }
            case IS_NULL:
                return builder.isNull(field);
            default:
                return builder.isNotNull(field);
        }
    }

    private Object pick(List<Object> pool) {
        return pool.get(random.nextInt(pool.size()));
    }

    /** Statistics of a set of rows, as a manifest would hold them. */
    record Stats(long rowCount, InternalRow min, InternalRow max, long[] nullCounts) {
        boolean test(Predicate predicate) {
            return predicate.test(rowCount, min, max, nullCounts);
        }
    }

    /**
     * Exact statistics of the rows, with the minimum and maximum in the order of the row comparator (NaN last,
     * -0.0 before 0.0), then randomly made less precise: some minimums, maximums or null counts unknown.
     */
    Stats stats(List<GenericRow> rows, boolean blurred) {
        int fieldCount = rowType.fieldCount();
        GenericRow min = new GenericRow(fieldCount);
        GenericRow max = new GenericRow(fieldCount);
        long[] nullCounts = new long[fieldCount];
        for (int field = 0; field < fieldCount; field++) {
            DataType type = rowType.typeAt(field);
            RowComparator order = LiteralComparator.isOrderable(type) ? new RowComparator(rowType, new int[] {field}) : null;
            GenericRow least = null;
            GenericRow greatest = null;
            for (GenericRow row : rows) {
                if (row.isNullAt(field)) {
                    nullCounts[field]++;
                } else if (order != null) {
                    least = least == null || order.compare(row, least) < 0 ? row : least;
                    greatest = greatest == null || order.compare(row, greatest) > 0 ? row : greatest;
                }
            }
            boolean unknownRange = blurred && random.nextInt(6) == 0;
            if (least != null && !unknownRange) {
                min.setField(field, random.nextInt(8) == 0 && blurred ? null : least.getField(field));
                max.setField(field, random.nextInt(8) == 0 && blurred ? null : greatest.getField(field));
            }
            if (blurred && random.nextInt(6) == 0) {
                nullCounts[field] = -1;
            }
        }
        boolean noNullCounts = blurred && random.nextInt(10) == 0;
        return new Stats(rows.size(), min, max, noNullCounts ? null : nullCounts);
    }

    static String describe(List<GenericRow> rows) {
        return Arrays.toString(rows.toArray());
    }
}
