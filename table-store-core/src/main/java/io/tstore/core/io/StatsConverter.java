package io.tstore.core.io;

import io.tstore.core.data.GenericRow;
import io.tstore.core.data.InternalRows;
import io.tstore.core.file.SimpleStats;
import io.tstore.core.format.FieldStats;
import io.tstore.core.types.DataField;
import io.tstore.core.types.RowType;

import java.util.ArrayList;
import java.util.List;

/** Turns the per-column statistics a format writer reports into the {@link SimpleStats} manifests keep. */
public final class StatsConverter {
    private final RowType statsType;

    /** @param columns the columns whose statistics are kept, in order */
    public StatsConverter(RowType columns) {
        // Min and max rows hold nulls for unknown statistics, so every column is nullable there.
        List<DataField> fields = new ArrayList<>();
        for (DataField field : columns.fields()) {
            fields.add(field.withType(field.type().copy(true)));
        }
        this.statsType = new RowType(fields);
    }

    public RowType statsType() {
        return statsType;
    }

    /** The statistics of {@code count} columns starting at {@code offset} of a written file. */
    public SimpleStats convert(List<FieldStats> fileStats, int offset) {
        int n = statsType.fieldCount();
        GenericRow min = new GenericRow(n);
        GenericRow max = new GenericRow(n);
        long[] nullCounts = new long[n];
        for (int i = 0; i < n; i++) {
            FieldStats stats = fileStats.get(offset + i);
            min.setField(i, stats.min());
            max.setField(i, stats.max());
            nullCounts[i] = stats.nullCount();
        }
        return new SimpleStats(InternalRows.toBinaryRow(min, statsType), InternalRows.toBinaryRow(max, statsType), nullCounts);
    }
}
