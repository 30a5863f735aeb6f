package io.tstore.core.predicate;

import io.tstore.core.types.DataField;
import io.tstore.core.types.RowType;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * Builds predicates over the fields of one row type, by position or by name. Literals are checked against the
 * field's type and converted to its internal form (an Integer for a BIGINT field becomes a Long, a String for a
 * VARCHAR field a BinaryString); one that does not fit fails with the field, its type and the literal.
 *
 * <pre>{@code
 * PredicateBuilder b = new PredicateBuilder(rowType);
 * Predicate p = PredicateBuilder.and(b.equal("dt", "2024-05-01"), b.in("status", List.of(1, 2)), b.isNotNull("price"));
 * }</pre>
 */
public final class PredicateBuilder {
    private final RowType rowType;

    public PredicateBuilder(RowType rowType) {
        this.rowType = requireNonNull(rowType, "rowType is null");
    }

    public RowType rowType() {
        return rowType;
    }

    /** The position of a field; fails with the names that do exist. */
    public int indexOf(String fieldName) {
        requireNonNull(fieldName, "fieldName is null");
        int index = rowType.fieldIndex(fieldName);
        if (index < 0) {
            throw new IllegalArgumentException(
                    "Cannot build a predicate on field '" + fieldName + "': the row has fields " + rowType.fieldNames());
        }
        return index;
    }

    public Predicate equal(int field, Object literal) {
        return comparison(LeafFunction.EQUAL, field, literal);
    }

    public Predicate notEqual(int field, Object literal) {
        return comparison(LeafFunction.NOT_EQUAL, field, literal);
    }

    public Predicate lessThan(int field, Object literal) {
        return comparison(LeafFunction.LESS_THAN, field, literal);
    }

    public Predicate lessOrEqual(int field, Object literal) {
        return comparison(LeafFunction.LESS_OR_EQUAL, field, literal);
    }

    public Predicate greaterThan(int field, Object literal) {
        return comparison(LeafFunction.GREATER_THAN, field, literal);
    }

    public Predicate greaterOrEqual(int field, Object literal) {
        return comparison(LeafFunction.GREATER_OR_EQUAL, field, literal);
    }

    /** {@code field BETWEEN from AND to}, both ends included. */
    public Predicate between(int field, Object from, Object to) {
        return and(greaterOrEqual(field, from), lessOrEqual(field, to));
    }

    /** {@code field IN (literals)}; a null literal is allowed and never matches. */
    public Predicate in(int field, Collection<?> literals) {
        return membership(LeafFunction.IN, field, literals);
    }

    /** {@code field NOT IN (literals)}; as in SQL, a null literal makes it true for no row. */
    public Predicate notIn(int field, Collection<?> literals) {
        return membership(LeafFunction.NOT_IN, field, literals);
    }

    public Predicate isNull(int field) {
        return leaf(LeafFunction.IS_NULL, field, List.of());
    }

    public Predicate isNotNull(int field) {
        return leaf(LeafFunction.IS_NOT_NULL, field, List.of());
    }

    public Predicate equal(String field, Object literal) {
        return equal(indexOf(field), literal);
    }

    public Predicate notEqual(String field, Object literal) {
        return notEqual(indexOf(field), literal);
    }

    public Predicate lessThan(String field, Object literal) {
        return lessThan(indexOf(field), literal);
    }

    public Predicate lessOrEqual(String field, Object literal) {
        return lessOrEqual(indexOf(field), literal);
    }

    public Predicate greaterThan(String field, Object literal) {
        return greaterThan(indexOf(field), literal);
    }

    public Predicate greaterOrEqual(String field, Object literal) {
        return greaterOrEqual(indexOf(field), literal);
    }

    public Predicate between(String field, Object from, Object to) {
        return between(indexOf(field), from, to);
    }

    public Predicate in(String field, Collection<?> literals) {
        return in(indexOf(field), literals);
    }

    public Predicate notIn(String field, Collection<?> literals) {
        return notIn(indexOf(field), literals);
    }

    public Predicate isNull(String field) {
        return isNull(indexOf(field));
    }

    public Predicate isNotNull(String field) {
        return isNotNull(indexOf(field));
    }

    /** All of the predicates; nested ANDs are flattened and a single predicate is returned as it is. */
    /** NOT of a predicate, pushed down to its leaves (De Morgan), so that readers can prune with it too. */
    public static Predicate not(Predicate predicate) {
        return predicate.negate().orElseThrow(() -> new IllegalArgumentException("Cannot negate " + predicate));
    }

    public static Predicate and(Predicate... predicates) {
        return and(Arrays.asList(predicates));
    }

    public static Predicate and(List<Predicate> predicates) {
        return combine(CompoundPredicate.Kind.AND, predicates);
    }

    /** Any of the predicates; nested ORs are flattened and a single predicate is returned as it is. */
    public static Predicate or(Predicate... predicates) {
        return or(Arrays.asList(predicates));
    }

    public static Predicate or(List<Predicate> predicates) {
        return combine(CompoundPredicate.Kind.OR, predicates);
    }

    static Predicate combine(CompoundPredicate.Kind kind, List<Predicate> predicates) {
        requireNonNull(predicates, "predicates is null");
        List<Predicate> flat = new ArrayList<>();
        for (Predicate predicate : predicates) {
            requireNonNull(predicate, "a predicate to combine with " + kind + " is null");
            if (predicate instanceof CompoundPredicate compound && compound.kind() == kind) {
                flat.addAll(compound.children());
            } else {
                flat.add(predicate);
            }
        }
        if (flat.isEmpty()) {
            throw new IllegalArgumentException(kind + " needs at least one predicate");
        }
        return flat.size() == 1 ? flat.get(0) : new CompoundPredicate(kind, flat);
    }

    private Predicate comparison(LeafFunction function, int field, Object literal) {
        DataField dataField = field(field);
        if (literal == null) {
            throw new IllegalArgumentException(String.format(
                    "Cannot build %s %s NULL on field '%s' of type %s: a comparison with NULL is never true; "
                            + "use isNull or isNotNull", dataField.name(), function.symbol(), dataField.name(), dataField.type()));
        }
        checkOrderable(function, dataField);
        return leaf(function, field, List.of(Literals.convert(dataField, literal)));
    }

    private Predicate membership(LeafFunction function, int field, Collection<?> literals) {
        DataField dataField = field(field);
        requireNonNull(literals, "literals is null");
        if (literals.isEmpty()) {
            throw new IllegalArgumentException(String.format(
                    "%s on field '%s' needs at least one literal", function.symbol(), dataField.name()));
        }
        checkOrderable(function, dataField);
        List<Object> converted = new ArrayList<>(literals.size());
        for (Object literal : literals) {
            converted.add(literal == null ? null : Literals.convert(dataField, literal));
        }
        return leaf(function, field, converted);
    }

    private Predicate leaf(LeafFunction function, int field, List<Object> literals) {
        DataField dataField = field(field);
        return new LeafPredicate(function, field, dataField.name(), dataField.type(), literals);
    }

    private DataField field(int index) {
        if (index < 0 || index >= rowType.fieldCount()) {
            throw new IndexOutOfBoundsException(String.format(
                    "Cannot build a predicate on field %d: the row has %d fields %s",
                    index, rowType.fieldCount(), rowType.fieldNames()));
        }
        return rowType.fields().get(index);
    }

    private static void checkOrderable(LeafFunction function, DataField field) {
        if (!LiteralComparator.isOrderable(field.type())) {
            throw new IllegalArgumentException(String.format(
                    "Cannot build %s %s ... on field '%s' of type %s: values of type %s cannot be compared; "
                            + "only IS NULL and IS NOT NULL apply to it",
                    field.name(), function.symbol(), field.name(), field.type(), field.type().root()));
        }
    }
}
