package io.tstore.core.predicate;

/** Walks a {@link Predicate} tree: converters to file formats and rewrites of predicates dispatch with this. */
public interface PredicateVisitor<R> {

    R visit(LeafPredicate leaf);

    R visit(CompoundPredicate compound);
}
