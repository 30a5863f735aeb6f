package io.tstore.core.mergetree;

import io.tstore.core.data.BinaryRow;
import io.tstore.core.data.InternalRow;
import io.tstore.lsm.KeyValue;
import io.tstore.lsm.merge.MergeFunction;

import java.util.ArrayList;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * Feeds the versions of a key to a merge engine in {@code sequence.field} order instead of write order, for
 * partial-update and aggregation. The versions of one key are few, so they are buffered and sorted. The result
 * carries the largest sequence number of the versions, so that it stays as new as the newest version it merged.
 *
 * <p>The result counts as one version with the largest sequence field value of its versions. So merging runs
 * first and their results later gives what merging everything at once gives only when no version of a later run
 * has a smaller sequence field value than a version of an earlier run: a field set late in field order, but early
 * in a run, wins over a later run's values that come earlier in field order. Aggregate functions that do not
 * depend on order (sum, count, min, max, bool_and, bool_or), and last_value, which the last version in field order
 * decides, do not mind; partial-update, first_value, last_non_null_value and listagg do.
 */
public final class SequenceFieldSortedMergeFunction implements MergeFunction<BinaryRow, InternalRow> {
    private final SequenceFieldOrder order;
    private final MergeFunction<BinaryRow, InternalRow> merge;
    private final List<KeyValue<BinaryRow, InternalRow>> versions = new ArrayList<>();

    public SequenceFieldSortedMergeFunction(SequenceFieldOrder order, MergeFunction<BinaryRow, InternalRow> merge) {
        this.order = requireNonNull(order, "order is null");
        this.merge = requireNonNull(merge, "merge is null");
    }

    @Override
    public void reset() {
        versions.clear();
        merge.reset();
    }

    @Override
    public void add(KeyValue<BinaryRow, InternalRow> kv) {
        versions.add(requireNonNull(kv, "kv is null"));
    }

    @Override
    public KeyValue<BinaryRow, InternalRow> getResult() {
        if (versions.isEmpty()) {
            return null;
        }
        List<KeyValue<BinaryRow, InternalRow>> sorted = new ArrayList<>(versions);
        sorted.sort(order);
        long maxSequenceNumber = Long.MIN_VALUE;
        merge.reset();
        for (KeyValue<BinaryRow, InternalRow> kv : sorted) {
            merge.add(kv);
            maxSequenceNumber = Math.max(maxSequenceNumber, kv.sequenceNumber());
        }
        KeyValue<BinaryRow, InternalRow> result = merge.getResult();
        if (result == null) {
            return null;
        }
        return new KeyValue<>(result.key(), maxSequenceNumber, result.kind(), result.value());
    }
}
