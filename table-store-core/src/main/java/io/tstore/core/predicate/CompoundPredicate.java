package io.tstore.core.predicate;

import io.tstore.core.data.InternalRow;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import static java.util.Objects.requireNonNull;

/**
 * AND or OR of two or more predicates. Made by {@link PredicateBuilder#and} and {@link PredicateBuilder#or}, which
 * flatten nested compounds of the same kind, so that {@code a AND (b AND c)} has three children.
 */
public final class CompoundPredicate implements Predicate {
    private static final long serialVersionUID = 1L;

    /** How the children combine. */
    public enum Kind {
        AND,
        OR;

        Kind flip() {
            return this == AND ? OR : AND;
        }
    }

    private final Kind kind;
    private final List<Predicate> children;

    CompoundPredicate(Kind kind, List<Predicate> children) {
        this.kind = requireNonNull(kind, "kind is null");
        this.children = List.copyOf(requireNonNull(children, "children is null"));
        if (this.children.size() < 2) {
            throw new IllegalArgumentException(kind + " needs at least two predicates, but got " + this.children);
        }
    }

    public Kind kind() {
        return kind;
    }

    public List<Predicate> children() {
        return children;
    }

    @Override
    public boolean test(InternalRow row) {
        for (Predicate child : children) {
            if (child.test(row) != (kind == Kind.AND)) {
                return kind == Kind.OR;
            }
        }
        return kind == Kind.AND;
    }

    @Override
    public boolean test(long rowCount, InternalRow minValues, InternalRow maxValues, long[] nullCounts) {
        for (Predicate child : children) {
            if (child.test(rowCount, minValues, maxValues, nullCounts) != (kind == Kind.AND)) {
                return kind == Kind.OR;
            }
        }
        return kind == Kind.AND;
    }

    /** De Morgan: NOT (a AND b) is (NOT a) OR (NOT b), which holds in three-valued logic too. */
    @Override
    public Optional<Predicate> negate() {
        List<Predicate> negated = new ArrayList<>(children.size());
        for (Predicate child : children) {
            Optional<Predicate> n = child.negate();
            if (n.isEmpty()) {
                return Optional.empty();
            }
            negated.add(n.get());
        }
        return Optional.of(PredicateBuilder.combine(kind.flip(), negated));
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
        return o instanceof CompoundPredicate other && kind == other.kind && children.equals(other.children);
    }

    @Override
    public int hashCode() {
        return 31 * kind.hashCode() + children.hashCode();
    }

    @Override
    public String toString() {
        return children.stream().map(Object::toString).collect(Collectors.joining(" " + kind + " ", "(", ")"));
    }
}
