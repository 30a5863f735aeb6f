package io.tstore.core.mergetree;

import io.tstore.core.data.BinaryRow;
import io.tstore.core.data.InternalRow;
import io.tstore.lsm.KeyValue;
import io.tstore.lsm.merge.MergeFunction;

import static java.util.Objects.requireNonNull;

/**
 * The deduplicate merge engine with a {@code sequence.field}: the version with the largest sequence field value
 * wins, ties going to the largest sequence number, deletes included. The result is that version as written.
 *
 * <p>The winner of some versions is the winner of their winners, so merging runs first and their results later
 * gives what merging everything at once gives.
 */
public final class SequenceFieldDeduplicateMergeFunction implements MergeFunction<BinaryRow, InternalRow> {
    private final SequenceFieldOrder order;
    private KeyValue<BinaryRow, InternalRow> latest;

    public SequenceFieldDeduplicateMergeFunction(SequenceFieldOrder order) {
        this.order = requireNonNull(order, "order is null");
    }

    @Override
    public void reset() {
        latest = null;
    }

    @Override
    public void add(KeyValue<BinaryRow, InternalRow> kv) {
        requireNonNull(kv, "kv is null");
        if (latest == null || order.compare(kv, latest) >= 0) {
            latest = kv;
        }
    }

    @Override
    public KeyValue<BinaryRow, InternalRow> getResult() {
        return latest;
    }
}
