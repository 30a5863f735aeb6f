package io.tstore.core.predicate;

import io.tstore.core.data.BinaryString;
import io.tstore.core.data.Decimal;
import io.tstore.core.data.GenericArray;
import io.tstore.core.data.GenericRow;
import io.tstore.core.data.InternalRow;
import io.tstore.core.data.InternalRows;
import io.tstore.core.data.Timestamp;
import io.tstore.core.types.RowType;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

import static io.tstore.core.types.DataTypes.ARRAY;
import static io.tstore.core.types.DataTypes.BIGINT;
import static io.tstore.core.types.DataTypes.BOOLEAN;
import static io.tstore.core.types.DataTypes.BYTES;
import static io.tstore.core.types.DataTypes.DATE;
import static io.tstore.core.types.DataTypes.DECIMAL;
import static io.tstore.core.types.DataTypes.DOUBLE;
import static io.tstore.core.types.DataTypes.INT;
import static io.tstore.core.types.DataTypes.STRING;
import static io.tstore.core.types.DataTypes.TIMESTAMP;
import static org.assertj.core.api.Assertions.assertThat;

/** Each function on rows, with nulls, in SQL's three-valued logic: a row is selected only where the test is true. */
class PredicateEvaluationTest {
    private static final RowType ROW = RowType.builder()
            .field("id", INT())
            .field("big", BIGINT())
            .field("name", STRING())
            .field("score", DOUBLE())
            .field("price", DECIMAL(10, 2))
            .field("at", TIMESTAMP(9))
            .field("day", DATE())
            .field("flag", BOOLEAN())
            .field("raw", BYTES())
            .field("tags", ARRAY(INT()))
            .build();
    private static final PredicateBuilder B = new PredicateBuilder(ROW);

    private static final GenericRow NULLS = new GenericRow(ROW.fieldCount());
    private static final GenericRow ONE = GenericRow.of(
            1, 10L, BinaryString.fromString("b"), 1.5, decimal("9.99"),
            Timestamp.fromLocalDateTime(LocalDateTime.of(2024, 5, 1, 12, 0, 0, 123_456_789)),
            (int) LocalDate.of(2024, 5, 1).toEpochDay(), true, new byte[] {1, 2}, new GenericArray(new Object[] {1}));

    private static Decimal decimal(String value) {
        return Decimal.fromBigDecimal(new BigDecimal(value), 10, 2);
    }

    /** The rows of ONE's shape where only {@code field} is set, to {@code value}. */
    private static GenericRow with(String field, Object value) {
        GenericRow row = new GenericRow(ROW.fieldCount());
        row.setField(ROW.fieldIndex(field), value);
        return row;
    }

    @Test
    void comparisonsOnIntegers() {
        assertSelects(B.equal("id", 1), ONE);
        assertSelects(B.notEqual("id", 2), ONE);
        assertSelects(B.lessThan("id", 2), ONE);
        assertSelects(B.lessOrEqual("id", 1), ONE);
        assertSelects(B.greaterThan("id", 0), ONE);
        assertSelects(B.greaterOrEqual("id", 1), ONE);
        assertRejects(B.equal("id", 2), ONE);
        assertRejects(B.notEqual("id", 1), ONE);
        assertRejects(B.lessThan("id", 1), ONE);
        assertRejects(B.lessOrEqual("id", 0), ONE);
        assertRejects(B.greaterThan("id", 1), ONE);
        assertRejects(B.greaterOrEqual("id", 2), ONE);
        assertSelects(B.greaterThan("big", 9), ONE); // an Integer literal on a BIGINT field
    }

    @Test
    void everyFunctionButTheNullTestsRejectsANullField() {
        for (LeafFunction function : LeafFunction.values()) {
            Predicate predicate = leaf(function, "id", 1);
            boolean selectsNull = predicate.test(NULLS);
            assertThat(selectsNull).as("%s on a null field", predicate).isEqualTo(function == LeafFunction.IS_NULL);
            assertThat(predicate.negate().orElseThrow().test(NULLS))
                    .as("negation of %s on a null field", predicate)
                    .isEqualTo(function == LeafFunction.IS_NOT_NULL);
        }
    }

    private static Predicate leaf(LeafFunction function, String field, Object literal) {
        switch (function) {
            case EQUAL:
                return B.equal(field, literal);
            case NOT_EQUAL:
                return B.notEqual(field, literal);
            case LESS_THAN:
                return B.lessThan(field, literal);
            case LESS_OR_EQUAL:
                return B.lessOrEqual(field, literal);
            case GREATER_THAN:
                return B.greaterThan(field, literal);
            case GREATER_OR_EQUAL:
                return B.greaterOrEqual(field, literal);
            case IN:
                return B.in(field, List.of(literal));
            case NOT_IN:
                return B.notIn(field, List.of(literal));
            case IS_NULL:
                return B.isNull(field);
            default:
                return B.isNotNull(field);
        }
    }

    @Test
    void inAndNotInFollowSqlWithNullLiterals() {
        assertSelects(B.in("id", List.of(3, 1)), ONE);
        assertRejects(B.in("id", List.of(3, 4)), ONE);
        assertSelects(B.in("id", Arrays.asList(null, 1)), ONE);
        assertRejects(B.in("id", Arrays.asList(null, 3)), ONE);
        assertSelects(B.notIn("id", List.of(3, 4)), ONE);
        assertRejects(B.notIn("id", List.of(3, 1)), ONE);
        // x NOT IN (3, NULL) is unknown for x = 1: NULL might be 1.
        assertRejects(B.notIn("id", Arrays.asList(3, null)), ONE);
        assertRejects(B.in("id", List.of(1)), NULLS);
        assertRejects(B.notIn("id", List.of(1)), NULLS);
    }

    @Test
    void nullTestsApplyToEveryTypeIncludingNestedOnes() {
        for (String field : ROW.fieldNames()) {
            assertSelects(B.isNull(field), NULLS);
            assertRejects(B.isNotNull(field), NULLS);
            assertRejects(B.isNull(field), ONE);
            assertSelects(B.isNotNull(field), ONE);
        }
    }

    @Test
    void stringsCompareByCodePoint() {
        assertSelects(B.equal("name", "b"), ONE);
        assertSelects(B.equal("name", BinaryString.fromString("b")), ONE);
        assertSelects(B.greaterThan("name", "a"), ONE);
        assertSelects(B.lessThan("name", "ba"), ONE);
        assertRejects(B.greaterThan("name", "b"), ONE);
        // In UTF-16 order U+FFFF sorts after the surrogate pair of U+1F600; by code point it is before.
        assertSelects(B.lessThan("name", "\uD83D\uDE00"), with("name", BinaryString.fromString("\uFFFF")));
    }

    @Test
    void doublesTreatZerosAsEqualAndNanAsTheGreatest() {
        GenericRow negativeZero = with("score", -0.0);
        assertSelects(B.equal("score", 0.0), negativeZero);
        assertSelects(B.lessOrEqual("score", 0.0), negativeZero);
        assertRejects(B.lessThan("score", 0.0), negativeZero);
        assertRejects(B.notEqual("score", 0.0), negativeZero);
        assertSelects(B.in("score", List.of(1.0, 0.0)), negativeZero);

        GenericRow nan = with("score", Double.NaN);
        assertSelects(B.equal("score", Double.NaN), nan);
        assertSelects(B.greaterThan("score", Double.POSITIVE_INFINITY), nan);
        assertRejects(B.lessThan("score", Double.NaN), nan);
        assertRejects(B.lessThan("score", Double.POSITIVE_INFINITY), nan);
        assertSelects(B.lessThan("score", Double.NaN), ONE);
    }

    @Test
    void decimalsTimestampsDatesBooleansAndBytes() {
        assertSelects(B.equal("price", new BigDecimal("9.990")), ONE);
        assertSelects(B.lessThan("price", 10), ONE);
        assertRejects(B.greaterThan("price", decimal("9.99")), ONE);

        assertSelects(B.greaterThan("at", LocalDateTime.of(2024, 5, 1, 12, 0, 0, 123_456_788)), ONE);
        assertRejects(B.greaterThan("at", LocalDateTime.of(2024, 5, 1, 12, 0, 0, 123_456_789)), ONE);
        assertSelects(B.equal("at", Timestamp.fromEpochMillis(
                Timestamp.fromLocalDateTime(LocalDateTime.of(2024, 5, 1, 12, 0)).millisecond() + 123, 456_789)), ONE);

        assertSelects(B.between("day", LocalDate.of(2024, 4, 30), LocalDate.of(2024, 5, 1)), ONE);
        assertRejects(B.lessThan("day", LocalDate.of(2024, 5, 1)), ONE);

        assertSelects(B.equal("flag", true), ONE);
        assertSelects(B.greaterThan("flag", false), ONE);
        assertRejects(B.notEqual("flag", true), ONE);

        assertSelects(B.equal("raw", new byte[] {1, 2}), ONE);
        assertSelects(B.lessThan("raw", new byte[] {(byte) 0xFF}), ONE); // unsigned bytes
        assertRejects(B.lessThan("raw", new byte[] {1, 2}), ONE);
    }

    @Test
    void andOrCombineAsInSql() {
        Predicate idIsOne = B.equal("id", 1);
        Predicate nameIsZ = B.equal("name", "z");
        assertSelects(PredicateBuilder.or(idIsOne, nameIsZ), ONE);
        assertRejects(PredicateBuilder.and(idIsOne, nameIsZ), ONE);
        assertSelects(PredicateBuilder.and(idIsOne, PredicateBuilder.or(nameIsZ, B.isNotNull("at"))), ONE);
        // Unknown OR true is true; unknown AND true is unknown.
        assertSelects(PredicateBuilder.or(B.equal("id", 1), B.equal("big", 1)), with("id", 1));
        assertRejects(PredicateBuilder.and(B.equal("id", 1), B.notEqual("big", 1)), with("id", 1));
    }

    @Test
    void worksOnBinaryRowsToo() {
        for (GenericRow row : List.of(ONE, NULLS)) {
            InternalRow binary = InternalRows.toBinaryRow(row, ROW);
            for (int seed = 0; seed < 50; seed++) {
                Predicate predicate = onThisRow(seed);
                assertThat(predicate.test(binary)).as("%s on %s", predicate, row).isEqualTo(predicate.test(row));
            }
        }
    }

    private static Predicate onThisRow(int seed) {
        List<Function<Integer, Predicate>> makers = List.of(
                s -> B.greaterThan("id", s % 3),
                s -> B.lessOrEqual("price", BigDecimal.valueOf(s, 1)),
                s -> B.in("name", List.of("a", "b", String.valueOf(s))),
                s -> B.greaterOrEqual("at", Timestamp.fromEpochMillis(s * 100_000_000_000L)),
                s -> B.notEqual("raw", new byte[] {s.byteValue()}),
                s -> PredicateBuilder.or(B.equal("flag", s % 2 == 0), B.lessThan("score", (double) s / 10)));
        return makers.get(seed % makers.size()).apply(seed);
    }

    @Test
    void printsAsSql() {
        Predicate predicate = PredicateBuilder.and(
                B.greaterOrEqual("price", new BigDecimal("10.5")),
                PredicateBuilder.or(B.in("name", Arrays.asList("it's", null)), B.isNull("day")),
                B.equal("day", LocalDate.of(2024, 5, 1)),
                B.notEqual("raw", new byte[] {10, -1}));
        assertThat(predicate).hasToString(
                "(price >= 10.50 AND (name IN ('it''s', NULL) OR day IS NULL) AND day = DATE '2024-05-01' AND raw <> X'0aff')");
    }

    private static void assertSelects(Predicate predicate, InternalRow row) {
        assertThat(predicate.test(row)).as("%s on %s", predicate, row).isTrue();
    }

    private static void assertRejects(Predicate predicate, InternalRow row) {
        assertThat(predicate.test(row)).as("%s on %s", predicate, row).isFalse();
    }
}
