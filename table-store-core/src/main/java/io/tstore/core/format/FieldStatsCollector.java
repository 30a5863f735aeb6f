package io.tstore.core.format;

import io.tstore.core.data.BinaryString;
import io.tstore.core.data.GenericRow;
import io.tstore.core.data.InternalRow;
import io.tstore.core.data.RowComparator;
import io.tstore.core.types.DataField;
import io.tstore.core.types.RowType;

import java.util.ArrayList;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * Computes the {@link FieldStats} of the rows written to a file, row by row, and checks on the way that no NOT NULL
 * column gets a null.
 *
 * <p>Statistics are computed while writing rather than read back from the format's footer because the footers are
 * not exact in our order: ORC truncates long strings and keeps timestamps in milliseconds in the writer's zone,
 * Parquet drops min/max of floating point columns with NaN and truncates where configured. Here min and max come
 * from {@link RowComparator} itself, so they are exactly what the comparator would pick, for every format.
 */
public final class FieldStatsCollector {
    private final RowType rowType;
    private final InternalRow.FieldGetter[] getters;
    private final RowComparator[] comparators;
    private final long[] nullCounts;
    private final GenericRow min;
    private final GenericRow max;

    public FieldStatsCollector(RowType rowType) {
        this.rowType = requireNonNull(rowType, "rowType is null");
        int count = rowType.fieldCount();
        this.getters = new InternalRow.FieldGetter[count];
        this.comparators = new RowComparator[count];
        this.nullCounts = new long[count];
        this.min = new GenericRow(count);
        this.max = new GenericRow(count);
        for (int i = 0; i < count; i++) {
            DataField field = rowType.fields().get(i);
            getters[i] = InternalRow.createFieldGetter(field.type(), i);
            if (RowComparator.isOrderable(field.type())) {
                // Compares position i of a written row with position i of min or max, both non-null.
                comparators[i] = new RowComparator(rowType, new int[] {i});
            }
        }
    }

    /** Adds one row; fails, naming the column, when a NOT NULL column is null or the row has the wrong width. */
    public void collect(InternalRow row) {
        if (row.getFieldCount() != getters.length) {
            throw new IllegalArgumentException(String.format(
                    "Row %s has %d fields, but the file's row type %s has %d",
                    row, row.getFieldCount(), rowType, getters.length));
        }
        for (int i = 0; i < getters.length; i++) {
            if (row.isNullAt(i)) {
                DataField field = rowType.fields().get(i);
                if (!field.type().isNullable()) {
                    throw new IllegalArgumentException(String.format(
                            "Column '%s' (id %d) is %s but the row to write has null there",
                            field.name(), field.id(), field.type()));
                }
                nullCounts[i]++;
                continue;
            }
            RowComparator comparator = comparators[i];
            if (comparator == null) {
                continue;
            }
            if (min.isNullAt(i) || comparator.compare(row, min) < 0) {
                min.setField(i, copy(getters[i].getFieldOrNull(row)));
            }
            if (max.isNullAt(i) || comparator.compare(row, max) > 0) {
                max.setField(i, copy(getters[i].getFieldOrNull(row)));
            }
        }
    }

    /** The statistics of the rows collected so far, one per column. */
    public List<FieldStats> result() {
        List<FieldStats> stats = new ArrayList<>(getters.length);
        for (int i = 0; i < getters.length; i++) {
            stats.add(new FieldStats(min.getField(i), max.getField(i), nullCounts[i]));
        }
        return stats;
    }

    /** A copy that the caller's buffers do not share: strings and byte arrays may be views that change later. */
    private static Object copy(Object value) {
        if (value instanceof BinaryString string) {
            return BinaryString.fromBytes(string.toBytes());
        }
        if (value instanceof byte[] bytes) {
            return bytes.clone();
        }
        return value;
    }
}
