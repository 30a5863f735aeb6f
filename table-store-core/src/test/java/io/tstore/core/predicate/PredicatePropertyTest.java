package io.tstore.core.predicate;

import io.tstore.core.data.GenericRow;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The invariants of predicates, checked on random rows and random predicate trees over every atomic type. */
class PredicatePropertyTest {

    @Test
    void statisticsNeverRuleOutARowThatMatches() {
        int pruned = 0;
        int checked = 0;
        for (int seed = 0; seed < 300; seed++) {
            RandomPredicates random = new RandomPredicates(seed);
            List<GenericRow> rows = random.rows(random.random().nextInt(12));
            RandomPredicates.Stats exact = random.stats(rows, false);
            RandomPredicates.Stats blurred = random.stats(rows, true);
            for (int i = 0; i < 60; i++) {
                Predicate predicate = random.predicate(2, true);
                boolean matches = rows.stream().anyMatch(predicate::test);
                checked++;
                if (matches) {
                    assertThat(exact.test(predicate))
                            .as("%s on %s with exact statistics", predicate, RandomPredicates.describe(rows))
                            .isTrue();
                    assertThat(blurred.test(predicate))
                            .as("%s on %s with partial statistics", predicate, RandomPredicates.describe(rows))
                            .isTrue();
                } else if (!exact.test(predicate)) {
                    pruned++;
                }
            }
        }
        // The test would pass for statistics that never prune; make sure they do, and often.
        assertThat(pruned).isGreaterThan(checked / 10);
    }

    @Test
    void negationIsTrueExactlyWhereThePredicateIsFalse() {
        int decided = 0;
        for (int seed = 0; seed < 300; seed++) {
            RandomPredicates random = new RandomPredicates(seed);
            for (int i = 0; i < 50; i++) {
                Predicate predicate = random.predicate(2, true);
                Predicate negated = predicate.negate().orElseThrow();
                GenericRow row = random.row();
                assertThat(predicate.test(row) && negated.test(row))
                        .as("%s and its negation %s on %s", predicate, negated, row)
                        .isFalse();
                if (isDecided(predicate, row)) {
                    decided++;
                    assertThat(negated.test(row))
                            .as("negation %s of %s on %s", negated, predicate, row)
                            .isEqualTo(!predicate.test(row));
                }
            }
        }
        assertThat(decided).isGreaterThan(1000);
    }

    /** Whether two-valued logic applies: every field the predicate reads is set and no IN list holds a null. */
    private static boolean isDecided(Predicate predicate, GenericRow row) {
        boolean fieldsSet = PredicateUtils.fieldsOf(predicate).stream().noneMatch(row::isNullAt);
        return fieldsSet && PredicateUtils.rewriteLeaves(predicate, leaf -> java.util.Optional.of(leaf))
                .map(PredicatePropertyTest::hasNoNullLiteral).orElse(true);
    }

    private static boolean hasNoNullLiteral(Predicate predicate) {
        if (predicate instanceof LeafPredicate leaf) {
            return !leaf.literals().contains(null);
        }
        return ((CompoundPredicate) predicate).children().stream().allMatch(PredicatePropertyTest::hasNoNullLiteral);
    }

    @Test
    void negatingTwiceGivesThePredicateBack() {
        for (int seed = 0; seed < 200; seed++) {
            RandomPredicates random = new RandomPredicates(seed);
            Predicate predicate = random.predicate(3, true);
            Predicate twice = predicate.negate().orElseThrow().negate().orElseThrow();
            assertThat(twice).isEqualTo(predicate);
        }
    }

    @Test
    void serializedPredicatesReadBackEqualAndSelectTheSameRows() throws Exception {
        for (int seed = 0; seed < 200; seed++) {
            RandomPredicates random = new RandomPredicates(seed);
            Predicate predicate = random.predicate(3, true);
            Predicate copy = roundTrip(predicate);
            assertThat(copy).isEqualTo(predicate).hasSameHashCodeAs(predicate);
            assertThat(copy.toString()).isEqualTo(predicate.toString());
            for (GenericRow row : random.rows(20)) {
                assertThat(copy.test(row)).as("%s on %s", predicate, row).isEqualTo(predicate.test(row));
            }
        }
    }

    static Predicate roundTrip(Predicate predicate) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(predicate);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (Predicate) in.readObject();
        }
    }
}
