package io.tstore.core.mergetree.aggregate;

import io.tstore.core.types.DataType;

import static java.util.Objects.requireNonNull;

/**
 * Folds the values of one field across the versions of a key, for the aggregation merge engine. An aggregator is
 * stateful and belongs to one merge function: per key it gets {@link #reset()}, then {@link #add} or
 * {@link #retract} for each version in order, then {@link #result()}. Values are in their internal forms (see
 * {@link io.tstore.core.data.DataGetters}), null for SQL NULL.
 *
 * <p>Every aggregator keeps one law that the LSM tree relies on: from any state, adding the result of some
 * versions (folded from a reset state) as one inserted version gives the same state as folding those versions
 * themselves. Compaction merges runs that were merged before, and a retraction often sits in a newer run than the
 * value it retracts, so the merged row of a run must stand for the run exactly. Sums and counts keep the law by
 * carrying negative partial results; functions that cannot keep it refuse retractions.
 */
public abstract class FieldAggregator {
    private final String fieldName;
    private final DataType type;
    private final AggregateFunction function;

    protected FieldAggregator(String fieldName, DataType type, AggregateFunction function) {
        this.fieldName = requireNonNull(fieldName, "fieldName is null");
        this.type = requireNonNull(type, "type is null");
        this.function = function;
    }

    public String fieldName() {
        return fieldName;
    }

    public DataType type() {
        return type;
    }

    /** The configured function, or null for fields that are not aggregated (key and sequence fields). */
    public AggregateFunction function() {
        return function;
    }

    /** Forgets the previous key. */
    public abstract void reset();

    /** Folds in the value of an inserted (+I) or updated (+U) version. */
    public abstract void add(Object value);

    /**
     * Takes out the value of a retracted (-U, -D) version. Only called when {@link #canRetract()}; the merge function
     * checks every field before it changes any, so that a retraction no function can take fails as a whole.
     */
    public void retract(Object value) {
        throw new UnsupportedOperationException(
                "Aggregate function '" + function + "' of field '" + fieldName + "' cannot retract");
    }

    public boolean canRetract() {
        return false;
    }

    /** The folded value, or null. Never a value that a later call changes. */
    public abstract Object result();
}
