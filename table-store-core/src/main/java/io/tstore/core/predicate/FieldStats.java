package io.tstore.core.predicate;

/**
 * The statistics of one field over a set of rows, as a leaf sees them: min and max are non-null internal values
 * or null when unknown; a negative row count or null count is unknown.
 */
record FieldStats(long rowCount, Object min, Object max, long nullCount) {

    /** Whether every row is known to be null in this field, so that no comparison can be true. */
    boolean allNull() {
        return rowCount >= 0 && nullCount >= 0 && nullCount >= rowCount;
    }

    boolean hasRange() {
        return min != null && max != null;
    }
}
