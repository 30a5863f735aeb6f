package io.tstore.core.predicate;

import io.tstore.core.data.BinaryString;
import io.tstore.core.data.GenericRow;
import io.tstore.core.types.DataField;
import io.tstore.core.types.RowType;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static io.tstore.core.types.DataTypes.BIGINT;
import static io.tstore.core.types.DataTypes.INT;
import static io.tstore.core.types.DataTypes.STRING;
import static org.assertj.core.api.Assertions.assertThat;

class PredicateUtilsTest {
    /** A table partitioned by (dt, hr). */
    private static final RowType TABLE = RowType.builder()
            .field("id", BIGINT())
            .field("dt", STRING())
            .field("v", INT())
            .field("hr", INT())
            .build();
    private static final RowType PARTITION = TABLE.project(new int[] {1, 3});
    private static final PredicateBuilder B = new PredicateBuilder(TABLE);

    @Test
    void splitsAndJoinsConjunctions() {
        Predicate a = B.equal("dt", "2024-05-01");
        Predicate b = B.greaterThan("v", 3);
        Predicate or = PredicateBuilder.or(a, b);
        assertThat(PredicateUtils.splitAnd(PredicateBuilder.and(a, b))).containsExactly(a, b);
        assertThat(PredicateUtils.splitAnd(or)).containsExactly(or);
        assertThat(PredicateUtils.and(List.of(a, b))).contains(PredicateBuilder.and(a, b));
        assertThat(PredicateUtils.and(List.of())).isEmpty();
    }

    @Test
    void listsTheFieldsAPredicateReads() {
        Predicate predicate = PredicateBuilder.and(B.equal("hr", 1), PredicateBuilder.or(B.isNull("id"), B.equal("hr", 2)));
        assertThat(PredicateUtils.fieldsOf(predicate)).containsExactly(0, 3);
    }

    @Test
    void projectsOntoPartitionRowsKeepingTheConjunctsThatMap() {
        int[] mapping = PredicateUtils.fieldMapping(TABLE, PARTITION);
        assertThat(mapping).containsExactly(-1, 0, -1, 1);

        Predicate predicate = PredicateBuilder.and(
                B.equal("dt", "2024-05-01"),
                B.greaterThan("v", 3),
                PredicateBuilder.or(B.lessThan("hr", 6), PredicateBuilder.and(B.equal("hr", 12), B.equal("id", 7L))),
                PredicateBuilder.or(B.equal("hr", 20), B.equal("id", 8L)));
        Predicate projected = PredicateUtils.project(predicate, mapping).orElseThrow();
        assertThat(projected).hasToString("(dt = '2024-05-01' AND (hr < 6 OR hr = 12))");
        assertThat(PredicateUtils.fieldsOf(projected)).containsExactly(0, 1);

        assertThat(projected.test(GenericRow.of(BinaryString.fromString("2024-05-01"), 12))).isTrue();
        assertThat(projected.test(GenericRow.of(BinaryString.fromString("2024-05-01"), 13))).isFalse();
        assertThat(PredicateUtils.project(B.greaterThan("v", 3), mapping)).isEmpty();
    }

    @Test
    void remapsAWholePredicateOrNothing() {
        int[] mapping = PredicateUtils.fieldMapping(TABLE, PARTITION);
        Predicate onPartition = PredicateBuilder.or(B.equal("dt", "x"), B.isNull("hr"));
        Predicate remapped = PredicateUtils.remap(onPartition, mapping).orElseThrow();
        assertThat(((LeafPredicate) PredicateUtils.splitAnd(remapped).get(0).visit(new FirstLeaf())).index()).isEqualTo(0);
        assertThat(PredicateUtils.fieldsOf(remapped)).containsExactly(0, 1);
        assertThat(PredicateUtils.remap(PredicateBuilder.and(B.equal("dt", "x"), B.equal("v", 1)), mapping)).isEmpty();
    }

    @Test
    void fieldsMapByIdAndOnlyWhileTheirTypeIsTheSame() {
        // A data file written before "v" widened from INT to BIGINT and before "hr" was renamed "hour".
        RowType file = new RowType(List.of(
                new DataField(3, "hour", INT().notNull()),
                new DataField(2, "v", INT()),
                new DataField(0, "id", BIGINT())));
        RowType table = new RowType(List.of(
                new DataField(0, "id", BIGINT()),
                new DataField(2, "v", BIGINT()),
                new DataField(3, "hr", INT())));
        assertThat(PredicateUtils.fieldMapping(table, file)).containsExactly(2, -1, 0);
    }

    @Test
    void rewritingLeavesDropsWhatCannotBeKeptSafely() {
        Predicate a = B.equal("id", 1L);
        Predicate b = B.equal("v", 1);
        Predicate c = B.equal("hr", 1);
        Optional<Predicate> withoutV = PredicateUtils.rewriteLeaves(
                PredicateBuilder.and(a, PredicateBuilder.or(b, c), PredicateBuilder.or(a, PredicateBuilder.and(b, c))),
                leaf -> leaf.fieldName().equals("v") ? Optional.empty() : Optional.of(leaf));
        assertThat(withoutV).map(Object::toString).contains("(id = 1 AND (id = 1 OR hr = 1))");
        assertThat(PredicateUtils.rewriteLeaves(b, leaf -> Optional.empty())).isEmpty();
    }

    /** The first leaf of a tree, found with the visitor. */
    private static final class FirstLeaf implements PredicateVisitor<Predicate> {
        @Override
        public Predicate visit(LeafPredicate leaf) {
            return leaf;
        }

        @Override
        public Predicate visit(CompoundPredicate compound) {
            return compound.children().get(0).visit(this);
        }
    }
}
