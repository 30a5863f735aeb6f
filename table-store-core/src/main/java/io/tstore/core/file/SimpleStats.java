package io.tstore.core.file;

import io.tstore.core.data.BinaryRow;

import java.util.Arrays;
import java.util.Objects;

import static java.util.Objects.requireNonNull;

/**
 * Per-column statistics of a data file or a partition: the minimum and maximum values as rows of the columns
 * (a column's min/max is null where unknown, for example for nested types) and the null count of each column
 * (null when unknown). Used to prune files and partitions during planning.
 */
public final class SimpleStats {
    public static final SimpleStats EMPTY = new SimpleStats(BinaryRow.EMPTY_ROW, BinaryRow.EMPTY_ROW, new long[0]);

    private final BinaryRow minValues;
    private final BinaryRow maxValues;
    private final long[] nullCounts;

    public SimpleStats(BinaryRow minValues, BinaryRow maxValues, long[] nullCounts) {
        this.minValues = requireNonNull(minValues, "minValues is null");
        this.maxValues = requireNonNull(maxValues, "maxValues is null");
        this.nullCounts = nullCounts == null ? null : nullCounts.clone();
        if (minValues.getFieldCount() != maxValues.getFieldCount()
                || (nullCounts != null && nullCounts.length != minValues.getFieldCount())) {
            throw new IllegalArgumentException(String.format(
                    "stats columns disagree: %d min values, %d max values, %s null counts",
                    minValues.getFieldCount(), maxValues.getFieldCount(), nullCounts == null ? "no" : nullCounts.length));
        }
    }

    public BinaryRow minValues() {
        return minValues;
    }

    public BinaryRow maxValues() {
        return maxValues;
    }

    /** Null counts per column, or null when unknown. */
    public long[] nullCounts() {
        return nullCounts == null ? null : nullCounts.clone();
    }

    public int columnCount() {
        return minValues.getFieldCount();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SimpleStats s
                && minValues.equals(s.minValues)
                && maxValues.equals(s.maxValues)
                && Arrays.equals(nullCounts, s.nullCounts);
    }

    @Override
    public int hashCode() {
        return Objects.hash(minValues, maxValues, Arrays.hashCode(nullCounts));
    }
}
