package io.tstore.core.predicate;

import io.tstore.core.data.GenericRow;
import io.tstore.core.types.RowType;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static io.tstore.core.types.DataTypes.DOUBLE;
import static io.tstore.core.types.DataTypes.INT;
import static org.assertj.core.api.Assertions.assertThat;

/** What each function concludes from statistics, on the cases that decide pruning. */
class PredicateStatisticsTest {
    private static final RowType ROW = RowType.builder().field("x", INT()).field("d", DOUBLE()).build();
    private static final PredicateBuilder B = new PredicateBuilder(ROW);

    /** 10 rows, x from 5 to 8 with 2 nulls; d from -0.0 to 0.0. */
    private static boolean test(Predicate predicate) {
        return predicate.test(10, GenericRow.of(5, -0.0), GenericRow.of(8, 0.0), new long[] {2, 0});
    }

    @Test
    void rangesPruneComparisons() {
        assertThat(test(B.equal("x", 4))).isFalse();
        assertThat(test(B.equal("x", 5))).isTrue();
        assertThat(test(B.equal("x", 9))).isFalse();
        assertThat(test(B.lessThan("x", 5))).isFalse();
        assertThat(test(B.lessOrEqual("x", 5))).isTrue();
        assertThat(test(B.greaterThan("x", 8))).isFalse();
        assertThat(test(B.greaterOrEqual("x", 8))).isTrue();
        assertThat(test(B.in("x", List.of(1, 9)))).isFalse();
        assertThat(test(B.in("x", List.of(1, 6)))).isTrue();
        assertThat(test(B.notEqual("x", 5))).isTrue();
        assertThat(test(B.notIn("x", List.of(5, 6, 7, 8)))).isTrue(); // the range has other values, perhaps
        assertThat(test(B.isNull("x"))).isTrue();
        assertThat(test(B.isNull("d"))).isFalse();
        assertThat(test(B.isNotNull("x"))).isTrue();
    }

    @Test
    void zerosOfEitherSignAreOneValue() {
        assertThat(test(B.equal("d", 0.0))).isTrue();
        assertThat(test(B.equal("d", -0.0))).isTrue();
        assertThat(test(B.lessThan("d", 0.0))).isFalse();
        assertThat(test(B.greaterThan("d", -0.0))).isFalse();
        assertThat(test(B.notEqual("d", 0.0))).isFalse();
    }

    @Test
    void aSingleValuePrunesNotEqualAndNotIn() {
        GenericRow sevens = GenericRow.of(7, 1.0);
        assertThat(B.notEqual("x", 7).test(3, sevens, sevens, new long[] {1, 0})).isFalse();
        assertThat(B.notIn("x", List.of(1, 7)).test(3, sevens, sevens, new long[] {1, 0})).isFalse();
        assertThat(B.notEqual("x", 6).test(3, sevens, sevens, new long[] {1, 0})).isTrue();
        assertThat(B.notIn("x", Arrays.asList(6, null)).test(3, sevens, sevens, new long[] {1, 0})).isFalse();
    }

    @Test
    void allNullColumnsMatchOnlyIsNull() {
        GenericRow nulls = new GenericRow(2);
        long[] allNull = {4, 4};
        for (Predicate predicate : List.of(B.equal("x", 1), B.notEqual("x", 1), B.lessThan("x", 1), B.greaterThan("x", 1),
                B.in("x", List.of(1)), B.notIn("x", List.of(1)), B.isNotNull("x"))) {
            assertThat(predicate.test(4, nulls, nulls, allNull)).as("%s", predicate).isFalse();
        }
        assertThat(B.isNull("x").test(4, nulls, nulls, allNull)).isTrue();
    }

    @Test
    void unknownStatisticsNeverPrune() {
        GenericRow nulls = new GenericRow(2);
        for (Predicate predicate : List.of(B.equal("x", 1), B.notEqual("x", 1), B.lessThan("x", 1), B.greaterThan("x", 1),
                B.in("x", List.of(1)), B.notIn("x", List.of(1)), B.isNotNull("x"), B.isNull("x"))) {
            assertThat(predicate.test(4, nulls, nulls, null)).as("%s", predicate).isTrue();
            assertThat(predicate.test(4, null, null, new long[] {-1, -1})).as("%s", predicate).isTrue();
            assertThat(predicate.test(-1, nulls, nulls, new long[] {3, 3})).as("%s with an unknown row count", predicate).isTrue();
        }
        // Only a maximum is known: it still bounds the range from above.
        assertThat(B.greaterThan("x", 8).test(10, nulls, GenericRow.of(8, null), null)).isFalse();
        assertThat(B.lessThan("x", 8).test(10, nulls, GenericRow.of(8, null), null)).isTrue();
    }

    @Test
    void noRowsMatchNothing() {
        GenericRow nulls = new GenericRow(2);
        assertThat(B.isNull("x").test(0, nulls, nulls, new long[] {0, 0})).isFalse();
        assertThat(PredicateBuilder.or(B.isNull("x"), B.isNotNull("x")).test(0, nulls, nulls, null)).isFalse();
    }

    @Test
    void compoundsCombineTheirChildren() {
        Predicate inRange = B.between("x", 6, 7);
        Predicate outOfRange = B.greaterThan("x", 100);
        assertThat(test(PredicateBuilder.and(inRange, outOfRange))).isFalse();
        assertThat(test(PredicateBuilder.or(inRange, outOfRange))).isTrue();
        assertThat(test(PredicateBuilder.or(outOfRange, B.lessThan("x", 0)))).isFalse();
    }
}
