package io.tstore.core.predicate;

import io.tstore.core.types.DataField;
import io.tstore.core.types.DataTypeRoot;
import io.tstore.core.types.RowType;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the ORC and Parquet converters share: finding a leaf's column in the file's row type, and restating a
 * leaf so that a file format's own comparisons select at least the rows that the leaf selects.
 *
 * <p>Both formats compare FLOAT and DOUBLE in Java's total order, where -0.0 is below 0.0, and their writers keep
 * whichever zero came first as a minimum or maximum; predicates treat the two zeros as one value. A zero literal is
 * therefore widened to both zeros: {@code x = 0} becomes {@code x IN (-0.0, 0.0)}, {@code x <= 0} becomes
 * {@code x <= 0.0} and {@code x < 0} becomes {@code x < -0.0}. NaN literals are not pushed at all, because ORC
 * drops rows where a NaN literal should match.
 */
final class PushdownLeaves {
    private PushdownLeaves() {}

    /**
     * The file's field for the leaf: the field at the leaf's position, when it has the leaf's type (nullability
     * aside); a file written before a type change does not hold the leaf's values in the leaf's type.
     */
    static Optional<DataField> fileField(LeafPredicate leaf, RowType fileType) {
        if (leaf.index() >= fileType.fieldCount()) {
            return Optional.empty();
        }
        DataField field = fileType.fields().get(leaf.index());
        return field.type().copy(true).equals(leaf.type().copy(true)) ? Optional.of(field) : Optional.empty();
    }

    /** The leaf without null literals in IN; empty for NOT IN with a null, or IN of nothing but nulls. */
    static Optional<LeafPredicate> withoutNullLiterals(LeafPredicate leaf) {
        if (!leaf.literals().contains(null)) {
            return Optional.of(leaf);
        }
        if (leaf.function() != LeafFunction.IN) {
            // NOT IN (.., NULL) selects no row; leaving it to the reader's row filter is the simple, safe choice.
            return Optional.empty();
        }
        List<Object> nonNull = new ArrayList<>();
        for (Object literal : leaf.literals()) {
            if (literal != null) {
                nonNull.add(literal);
            }
        }
        return nonNull.isEmpty() ? Optional.empty() : Optional.of(leaf.with(LeafFunction.IN, nonNull));
    }

    static boolean isFloatingPoint(LeafPredicate leaf) {
        DataTypeRoot root = leaf.type().root();
        return root == DataTypeRoot.FLOAT || root == DataTypeRoot.DOUBLE;
    }

    static boolean hasNaN(LeafPredicate leaf) {
        for (Object literal : leaf.literals()) {
            if (literal instanceof Number n && Double.isNaN(n.doubleValue())) {
                return true;
            }
        }
        return false;
    }

    /** The FLOAT or DOUBLE leaf with zero literals widened for a reader that orders -0.0 before 0.0. */
    static LeafPredicate forTotalOrder(LeafPredicate leaf) {
        boolean isFloat = leaf.type().root() == DataTypeRoot.FLOAT;
        Object negativeZero = isFloat ? (Object) (-0.0f) : (Object) (-0.0d);
        Object positiveZero = isFloat ? (Object) 0.0f : (Object) 0.0d;
        switch (leaf.function()) {
            case LESS_THAN:
            case GREATER_OR_EQUAL:
                return isZero(leaf.literal()) ? leaf.with(leaf.function(), List.of(negativeZero)) : leaf;
            case LESS_OR_EQUAL:
            case GREATER_THAN:
                return isZero(leaf.literal()) ? leaf.with(leaf.function(), List.of(positiveZero)) : leaf;
            case EQUAL:
            case NOT_EQUAL:
            case IN:
            case NOT_IN: {
                List<Object> literals = new ArrayList<>();
                boolean hasZero = false;
                for (Object literal : leaf.literals()) {
                    if (isZero(literal)) {
                        hasZero = true;
                    } else {
                        literals.add(literal);
                    }
                }
                if (!hasZero) {
                    return leaf;
                }
                literals.add(negativeZero);
                literals.add(positiveZero);
                boolean negated = leaf.function() == LeafFunction.NOT_EQUAL || leaf.function() == LeafFunction.NOT_IN;
                return leaf.with(negated ? LeafFunction.NOT_IN : LeafFunction.IN, literals);
            }
            default:
                return leaf;
        }
    }

    private static boolean isZero(Object literal) {
        return literal instanceof Number n && n.doubleValue() == 0.0;
    }
}
