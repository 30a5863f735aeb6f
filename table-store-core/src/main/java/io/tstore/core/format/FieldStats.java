package io.tstore.core.format;

import java.util.Arrays;
import java.util.Objects;

/**
 * The statistics of one top-level column of a data file: its smallest and largest non-null values and how many of
 * its values are null.
 *
 * <p>Min and max are values in their internal forms (Integer for INT, BinaryString for STRING, Decimal, Timestamp,
 * byte[]...; see {@link io.tstore.core.data.DataGetters}), ordered as {@link io.tstore.core.data.RowComparator}
 * orders them, and exact: they are values of the column, never truncated or rounded. They are null when the column
 * has no non-null value, and always for ARRAY, MAP and ROW columns, whose values have no order. The values are
 * copies that nothing else refers to.
 */
public final class FieldStats {
    private final Object min;
    private final Object max;
    private final long nullCount;

    public FieldStats(Object min, Object max, long nullCount) {
        if (nullCount < 0) {
            throw new IllegalArgumentException("nullCount must not be negative: " + nullCount);
        }
        if ((min == null) != (max == null)) {
            throw new IllegalArgumentException("min and max must both be set or both be null, but were " + min + " and " + max);
        }
        this.min = min;
        this.max = max;
        this.nullCount = nullCount;
    }

    /** The smallest non-null value, or null when there is none or the type has no order. */
    public Object min() {
        return min;
    }

    /** The largest non-null value, or null when there is none or the type has no order. */
    public Object max() {
        return max;
    }

    public long nullCount() {
        return nullCount;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FieldStats other
                && nullCount == other.nullCount
                && Objects.deepEquals(min, other.min)
                && Objects.deepEquals(max, other.max);
    }

    @Override
    public int hashCode() {
        return Arrays.deepHashCode(new Object[] {min, max, nullCount});
    }

    @Override
    public String toString() {
        return "FieldStats{min=" + show(min) + ", max=" + show(max) + ", nullCount=" + nullCount + "}";
    }

    private static String show(Object value) {
        return value instanceof byte[] bytes ? Arrays.toString(bytes) : String.valueOf(value);
    }
}
