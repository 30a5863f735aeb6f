package io.tstore.core.mergetree;

import io.tstore.core.data.BinaryRow;
import io.tstore.core.data.GenericRow;
import io.tstore.core.data.InternalRow;
import io.tstore.core.data.InternalRows;
import io.tstore.core.types.RowType;
import io.tstore.lsm.KeyValue;
import io.tstore.lsm.RowKind;
import io.tstore.lsm.merge.MergeFunction;

import static java.util.Objects.requireNonNull;

/**
 * The partial-update merge engine: the first version of a key gives every field, and each later version
 * overwrites only the fields it has a value for (non-null). The result is an insert (+I) carrying the key and the
 * sequence number of the last version.
 *
 * <p>A retraction (-U, -D) fails: overwriting non-null fields has no inverse, and a delete that removed the key
 * would be undone by the next partial row. With {@code ignore-delete} the factory skips retractions before they
 * get here (see {@link IgnoreRetractMergeFunction}).
 */
public final class PartialUpdateMergeFunction implements MergeFunction<BinaryRow, InternalRow> {
    private final RowType rowType;
    private final InternalRow.FieldGetter[] getters;
    private Object[] fields;
    private KeyValue<BinaryRow, InternalRow> latest;

    public PartialUpdateMergeFunction(RowType rowType) {
        this.rowType = requireNonNull(rowType, "rowType is null");
        this.getters = MergeFunctions.fieldGetters(rowType);
    }

    @Override
    public void reset() {
        fields = null;
        latest = null;
    }

    @Override
    public void add(KeyValue<BinaryRow, InternalRow> kv) {
        requireNonNull(kv, "kv is null");
        if (kv.kind().isRetract()) {
            throw new UnsupportedOperationException(String.format(
                    "Merge engine 'partial-update' cannot apply %s row %s: a partial update cannot be retracted. "
                            + "Set 'ignore-delete' = 'true' to skip -U/-D rows, or use merge-engine 'deduplicate'",
                    kv.kind().shortString(), InternalRows.toString(kv.value(), rowType)));
        }
        InternalRow value = kv.value();
        if (fields == null) {
            fields = new Object[getters.length];
            for (int i = 0; i < getters.length; i++) {
                fields[i] = getters[i].getFieldOrNull(value);
            }
        } else {
            for (int i = 0; i < getters.length; i++) {
                Object field = getters[i].getFieldOrNull(value);
                if (field != null) {
                    fields[i] = field;
                }
            }
        }
        latest = kv;
    }

    @Override
    public KeyValue<BinaryRow, InternalRow> getResult() {
        if (latest == null) {
            return null;
        }
        // A copy of the fields: the next add of this key must not change a result already handed out.
        GenericRow row = GenericRow.ofKind(RowKind.INSERT, fields.clone());
        return new KeyValue<>(latest.key(), latest.sequenceNumber(), RowKind.INSERT, row);
    }
}
