package io.tstore.core.predicate;

import io.tstore.core.data.InternalRow;
import io.tstore.core.types.DataType;

import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

import static java.util.Objects.requireNonNull;

/**
 * A predicate on one field: the field's position in the row type the predicate was built on, its name and type,
 * a {@link LeafFunction} and the function's literals in the internal form of the field's type.
 *
 * <p>Leaves are made by {@link PredicateBuilder}, which checks and converts the literals. The position is what
 * evaluation reads; the name is what file formats look the column up by; {@link PredicateUtils#remap} moves a leaf
 * to another row type.
 */
public final class LeafPredicate implements Predicate {
    private static final long serialVersionUID = 1L;

    private final LeafFunction function;
    private final int index;
    private final String fieldName;
    private final DataType type;
    private final List<Object> literals;
    private final transient Comparator<Object> order;
    private final transient InternalRow.FieldGetter getter;

    LeafPredicate(LeafFunction function, int index, String fieldName, DataType type, List<Object> literals) {
        this.function = requireNonNull(function, "function is null");
        this.fieldName = requireNonNull(fieldName, "fieldName is null");
        this.type = requireNonNull(type, "type is null");
        if (index < 0) {
            throw new IllegalArgumentException("Field index must not be negative, but was " + index + " for field '" + fieldName + "'");
        }
        this.index = index;
        this.literals = Collections.unmodifiableList(new ArrayList<>(requireNonNull(literals, "literals is null")));
        checkLiterals();
        this.order = function.arity() == LeafFunction.Arity.NONE ? null : LiteralComparator.forType(type);
        this.getter = InternalRow.createFieldGetter(type, index);
    }

    private void checkLiterals() {
        int count = literals.size();
        switch (function.arity()) {
            case NONE:
                if (count != 0) {
                    throw new IllegalArgumentException(function.symbol() + " on field '" + fieldName + "' takes no literal, but got " + count);
                }
                break;
            case ONE:
                if (count != 1 || literals.get(0) == null) {
                    throw new IllegalArgumentException(function.symbol() + " on field '" + fieldName
                            + "' takes one literal that is not null, but got " + literals
                            + "; use IS NULL to find nulls: a comparison with NULL is never true");
                }
                break;
            case SOME:
                if (count == 0) {
                    throw new IllegalArgumentException(function.symbol() + " on field '" + fieldName + "' takes at least one literal");
                }
                break;
            default:
                throw new AssertionError(function.arity());
        }
    }

    public LeafFunction function() {
        return function;
    }

    /** The position of the field in the row type the predicate was built on. */
    public int index() {
        return index;
    }

    public String fieldName() {
        return fieldName;
    }

    public DataType type() {
        return type;
    }

    /** The literals in internal form: none, one, or a list for IN and NOT IN (which may hold nulls). */
    public List<Object> literals() {
        return literals;
    }

    /** The single literal of a comparison. */
    public Object literal() {
        if (function.arity() != LeafFunction.Arity.ONE) {
            throw new IllegalStateException(function.symbol() + " has no single literal; use literals()");
        }
        return literals.get(0);
    }

    /** The same test on the field at another position, e.g. of a projected row. */
    public LeafPredicate withIndex(int newIndex) {
        return new LeafPredicate(function, newIndex, fieldName, type, literals);
    }

    /** The same field with another function and literals, which must be in the field type's internal form. */
    LeafPredicate with(LeafFunction newFunction, List<Object> newLiterals) {
        return new LeafPredicate(newFunction, index, fieldName, type, newLiterals);
    }

    @Override
    public boolean test(InternalRow row) {
        return function.test(order, getter.getFieldOrNull(row), literals);
    }

    @Override
    public boolean test(long rowCount, InternalRow minValues, InternalRow maxValues, long[] nullCounts) {
        if (rowCount == 0) {
            return false;
        }
        Object min = minValues == null ? null : getter.getFieldOrNull(minValues);
        Object max = maxValues == null ? null : getter.getFieldOrNull(maxValues);
        long nullCount = nullCounts == null ? -1 : nullCounts[index];
        return function.test(order, new FieldStats(rowCount, min, max, nullCount), literals);
    }

    @Override
    public Optional<Predicate> negate() {
        return Optional.of(with(function.negate(), literals));
    }

    @Override
    public <R> R visit(PredicateVisitor<R> visitor) {
        return visitor.visit(this);
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        return o instanceof LeafPredicate other
                && function == other.function
                && index == other.index
                && fieldName.equals(other.fieldName)
                && type.equals(other.type)
                && Arrays.deepEquals(literals.toArray(), other.literals.toArray());
    }

    @Override
    public int hashCode() {
        return Objects.hash(function, index, fieldName, type, Arrays.deepHashCode(literals.toArray()));
    }

    /** SQL-like, e.g. {@code price >= 10.50}, {@code name IN ('a', 'b')}, {@code note IS NULL}. */
    @Override
    public String toString() {
        switch (function.arity()) {
            case NONE:
                return fieldName + " " + function.symbol();
            case ONE:
                return fieldName + " " + function.symbol() + " " + Literals.format(type, literals.get(0));
            default:
                return literals.stream()
                        .map(literal -> Literals.format(type, literal))
                        .collect(Collectors.joining(", ", fieldName + " " + function.symbol() + " (", ")"));
        }
    }

    private Object writeReplace() {
        return new SerializedLeaf(this);
    }

    private void readObject(ObjectInputStream in) throws InvalidObjectException {
        throw new InvalidObjectException("A LeafPredicate is read through its serialized form");
    }
}
