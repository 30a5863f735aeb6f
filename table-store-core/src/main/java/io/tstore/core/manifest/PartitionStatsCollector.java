package io.tstore.core.manifest;

import io.tstore.core.data.BinaryRow;
import io.tstore.core.data.GenericRow;
import io.tstore.core.data.InternalRow;
import io.tstore.core.data.InternalRows;
import io.tstore.core.data.RowComparator;
import io.tstore.core.file.SimpleStats;
import io.tstore.core.types.RowType;

/** Collects the min, max and null count of each partition field over the partitions a manifest touches. */
final class PartitionStatsCollector {
    private final RowType partitionType;
    private final RowComparator[] comparators;
    private final InternalRow.FieldGetter[] getters;
    private final BinaryRow[] min;
    private final BinaryRow[] max;
    private final long[] nullCounts;

    PartitionStatsCollector(RowType partitionType) {
        this.partitionType = partitionType;
        int n = partitionType.fieldCount();
        this.comparators = new RowComparator[n];
        this.getters = new InternalRow.FieldGetter[n];
        for (int i = 0; i < n; i++) {
            comparators[i] = new RowComparator(partitionType, new int[] {i});
            getters[i] = InternalRow.createFieldGetter(partitionType.typeAt(i), i);
        }
        this.min = new BinaryRow[n];
        this.max = new BinaryRow[n];
        this.nullCounts = new long[n];
    }

    void collect(BinaryRow partition) {
        for (int i = 0; i < comparators.length; i++) {
            if (partition.isNullAt(i)) {
                nullCounts[i]++;
                continue;
            }
            if (min[i] == null || comparators[i].compare(partition, min[i]) < 0) {
                min[i] = partition;
            }
            if (max[i] == null || comparators[i].compare(partition, max[i]) > 0) {
                max[i] = partition;
            }
        }
    }

    SimpleStats result() {
        int n = comparators.length;
        if (n == 0) {
            return SimpleStats.EMPTY;
        }
        GenericRow minRow = new GenericRow(n);
        GenericRow maxRow = new GenericRow(n);
        for (int i = 0; i < n; i++) {
            minRow.setField(i, min[i] == null ? null : getters[i].getFieldOrNull(min[i]));
            maxRow.setField(i, max[i] == null ? null : getters[i].getFieldOrNull(max[i]));
        }
        return new SimpleStats(
                InternalRows.toBinaryRow(minRow, partitionType), InternalRows.toBinaryRow(maxRow, partitionType), nullCounts.clone());
    }
}
