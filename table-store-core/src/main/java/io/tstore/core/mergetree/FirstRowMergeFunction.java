package io.tstore.core.mergetree;

import io.tstore.core.data.BinaryRow;
import io.tstore.core.data.InternalRow;
import io.tstore.core.data.InternalRows;
import io.tstore.core.types.RowType;
import io.tstore.lsm.KeyValue;
import io.tstore.lsm.merge.MergeFunction;

import static java.util.Objects.requireNonNull;

/**
 * The first-row merge engine: the first version of a key is its row for good; later versions are ignored. The
 * result is that version as written.
 *
 * <p>A retraction (-U, -D) fails. It cannot delete the key: a merged run carries no mark of a delete, so once the
 * run were compacted, the next version after the delete would look like a later version of the older row and be
 * ignored, and the deleted row would come back. With {@code ignore-delete} the factory skips retractions before they
 * get here, which is what a deduplicating stream into a first-row table wants.
 */
public final class FirstRowMergeFunction implements MergeFunction<BinaryRow, InternalRow> {
    private final RowType rowType;
    private KeyValue<BinaryRow, InternalRow> first;

    public FirstRowMergeFunction(RowType rowType) {
        this.rowType = requireNonNull(rowType, "rowType is null");
    }

    @Override
    public void reset() {
        first = null;
    }

    @Override
    public void add(KeyValue<BinaryRow, InternalRow> kv) {
        requireNonNull(kv, "kv is null");
        if (kv.kind().isRetract()) {
            throw new UnsupportedOperationException(String.format(
                    "Merge engine 'first-row' cannot apply %s row %s: the first row of a key is kept for good. "
                            + "Set 'ignore-delete' = 'true' to skip -U/-D rows, or use merge-engine 'deduplicate'",
                    kv.kind().shortString(), InternalRows.toString(kv.value(), rowType)));
        }
        if (first == null) {
            first = kv;
        }
    }

    @Override
    public KeyValue<BinaryRow, InternalRow> getResult() {
        return first;
    }
}
