package io.tstore.core.predicate;

import io.tstore.core.data.InternalRow;

import java.io.Serializable;
import java.util.Optional;

/**
 * A filter over the rows of one row type, in the table format's own terms: what connectors translate their
 * engines' filters to, what scans prune partitions and files with, and what file readers push down to ORC and
 * Parquet.
 *
 * <p>A predicate is a tree of {@link LeafPredicate}s (one field, one {@link LeafFunction}) under AND and OR
 * ({@link CompoundPredicate}); there is no NOT node, because {@link #negate()} pushes a negation down to the leaves.
 * Evaluation follows SQL's three-valued logic, and a predicate answers whether it is <em>true</em>: a comparison
 * with a null field is unknown, so it does not select the row, and neither does its negation.
 *
 * <p>Predicates are immutable values with {@code equals}, and serializable, so that a connector can build one
 * on its coordinator and ship it to its workers. Build them with {@link PredicateBuilder}.
 */
public sealed interface Predicate extends Serializable permits LeafPredicate, CompoundPredicate {

    /** Whether the predicate is true for this row, a row of the type the predicate was built on. */
    boolean test(InternalRow row);

    /**
     * Whether some row of a file or partition may satisfy the predicate, judged from its statistics; false only
     * when no row can. The statistics are rows of the type the predicate was built on, with the minimum and the
     * maximum value of each field in the order of {@link LiteralComparator} (NaN above every number; a minimum or
     * maximum that is null is unknown, and so never prunes).
     *
     * @param rowCount the number of rows, negative where unknown
     * @param minValues the least non-null value of each field, or null for a field whose minimum is unknown
     * @param maxValues the greatest non-null value of each field, or null for a field whose maximum is unknown
     * @param nullCounts the number of null values of each field, negative where unknown; null when all are unknown
     */
    boolean test(long rowCount, InternalRow minValues, InternalRow maxValues, long[] nullCounts);

    /**
     * The predicate that is true exactly where this one is false, in three-valued logic: both are unknown (and
     * select nothing) where a compared field is null. Empty when some leaf function has no negation that can be
     * expressed; every function of {@link LeafFunction} has one today.
     */
    Optional<Predicate> negate();

    <R> R visit(PredicateVisitor<R> visitor);
}
