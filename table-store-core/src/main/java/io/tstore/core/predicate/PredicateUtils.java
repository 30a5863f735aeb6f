package io.tstore.core.predicate;

import io.tstore.core.types.DataField;
import io.tstore.core.types.RowType;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

import static java.util.Objects.requireNonNull;

/**
 * Operations on predicate trees: splitting and joining conjunctions, the fields a predicate reads, and moving a
 * predicate onto another row type, e.g. from a table's rows to its partition rows or to the rows of a data file
 * written under an older schema.
 *
 * <p>A field mapping is an array indexed by the position of a field in the predicate's row type, holding the
 * field's position in the target row type, or -1 when the target has no such field.
 */
public final class PredicateUtils {
    private PredicateUtils() {}

    /** The conjuncts of a predicate: the children of a top-level AND, or the predicate itself. */
    public static List<Predicate> splitAnd(Predicate predicate) {
        requireNonNull(predicate, "predicate is null");
        if (predicate instanceof CompoundPredicate compound && compound.kind() == CompoundPredicate.Kind.AND) {
            return compound.children();
        }
        return List.of(predicate);
    }

    /** The conjunction of the predicates; empty for no predicates, which is no filter at all. */
    public static Optional<Predicate> and(List<Predicate> predicates) {
        requireNonNull(predicates, "predicates is null");
        return predicates.isEmpty() ? Optional.empty() : Optional.of(PredicateBuilder.and(predicates));
    }

    /** The positions of the fields that a predicate reads, in ascending order. */
    public static Set<Integer> fieldsOf(Predicate predicate) {
        requireNonNull(predicate, "predicate is null");
        Set<Integer> fields = new TreeSet<>();
        collectFields(predicate, fields);
        return Collections.unmodifiableSet(fields);
    }

    private static void collectFields(Predicate predicate, Set<Integer> fields) {
        if (predicate instanceof LeafPredicate leaf) {
            fields.add(leaf.index());
        } else {
            for (Predicate child : ((CompoundPredicate) predicate).children()) {
                collectFields(child, fields);
            }
        }
    }

    /**
     * The whole predicate with each field moved to its position in the target row type; empty when some field
     * it reads has no position there.
     */
    public static Optional<Predicate> remap(Predicate predicate, int[] mapping) {
        requireNonNull(mapping, "mapping is null");
        for (int field : fieldsOf(predicate)) {
            if (mapped(field, mapping) < 0) {
                return Optional.empty();
            }
        }
        return project(predicate, mapping);
    }

    /**
     * The part of the predicate that can be evaluated on the target row type: the conjuncts whose fields all map
     * (at any depth: an AND inside an OR keeps its mapped conjuncts), moved to their target positions. Every row
     * that the predicate selects satisfies the result, so it can prune (partitions, files) but not replace the
     * predicate. Empty when nothing maps.
     */
    public static Optional<Predicate> project(Predicate predicate, int[] mapping) {
        requireNonNull(mapping, "mapping is null");
        return rewriteLeaves(predicate, leaf -> {
            int target = mapped(leaf.index(), mapping);
            return target < 0 ? Optional.empty() : Optional.of(leaf.withIndex(target));
        });
    }

    /**
     * The mapping from one row type to another by field id, as data files match columns: a field maps where the
     * target has a field of the same id and the same type (nullability aside); a field whose type has changed
     * does not map, because its values are read differently.
     */
    public static int[] fieldMapping(RowType from, RowType to) {
        requireNonNull(from, "from is null");
        requireNonNull(to, "to is null");
        int[] mapping = new int[from.fieldCount()];
        for (int i = 0; i < mapping.length; i++) {
            DataField field = from.fields().get(i);
            int target = to.fieldIndexById(field.id());
            boolean sameType = target >= 0 && to.typeAt(target).copy(true).equals(field.type().copy(true));
            mapping[i] = sameType ? target : -1;
        }
        return mapping;
    }

    /**
     * Replaces every leaf by what the function makes of it, or drops the leaf when the function returns empty.
     * An AND keeps the children that remain; an OR is dropped when any of its children is. So when each
     * replacement is implied by its leaf, the result is implied by the predicate: it selects every row the
     * predicate selects, perhaps more. Empty when nothing remains.
     */
    public static Optional<Predicate> rewriteLeaves(
            Predicate predicate, Function<LeafPredicate, Optional<Predicate>> rewrite) {
        requireNonNull(predicate, "predicate is null");
        requireNonNull(rewrite, "rewrite is null");
        if (predicate instanceof LeafPredicate leaf) {
            return requireNonNull(rewrite.apply(leaf), "rewrite returned null");
        }
        CompoundPredicate compound = (CompoundPredicate) predicate;
        List<Predicate> kept = new ArrayList<>(compound.children().size());
        for (Predicate child : compound.children()) {
            Optional<Predicate> rewritten = rewriteLeaves(child, rewrite);
            if (rewritten.isPresent()) {
                kept.add(rewritten.get());
            } else if (compound.kind() == CompoundPredicate.Kind.OR) {
                return Optional.empty();
            }
        }
        return kept.isEmpty() ? Optional.empty() : Optional.of(PredicateBuilder.combine(compound.kind(), kept));
    }

    private static int mapped(int field, int[] mapping) {
        return field < mapping.length ? mapping[field] : -1;
    }
}
