package io.tstore.core.mergetree;

import io.tstore.core.data.BinaryRow;
import io.tstore.core.data.InternalRow;
import io.tstore.core.data.RowComparator;
import io.tstore.core.types.RowType;
import io.tstore.lsm.KeyValue;

import java.util.Comparator;

import static java.util.Objects.requireNonNull;

/**
 * Orders versions of one key by the value of the {@code sequence.field}, in the order of keys with null first,
 * then by sequence number (the write order).
 */
public final class SequenceFieldOrder implements Comparator<KeyValue<BinaryRow, InternalRow>> {
    private final String fieldName;
    private final RowComparator fieldOrder;

    public SequenceFieldOrder(RowType rowType, String fieldName) {
        requireNonNull(rowType, "rowType is null");
        this.fieldName = requireNonNull(fieldName, "fieldName is null");
        int pos = rowType.fieldIndex(fieldName);
        if (pos < 0) {
            throw new IllegalArgumentException("Sequence field '" + fieldName + "' not found; the row has fields "
                    + rowType.fieldNames());
        }
        if (!RowComparator.isOrderable(rowType.typeAt(pos))) {
            throw new IllegalArgumentException(String.format(
                    "Sequence field '%s' of type %s cannot order versions: values of that type have no order; "
                            + "use a number, string, date, time or timestamp field",
                    fieldName, rowType.typeAt(pos)));
        }
        this.fieldOrder = new RowComparator(rowType, new int[] {pos});
    }

    public String fieldName() {
        return fieldName;
    }

    @Override
    public int compare(KeyValue<BinaryRow, InternalRow> a, KeyValue<BinaryRow, InternalRow> b) {
        int c = fieldOrder.compare(a.value(), b.value());
        return c != 0 ? c : Long.compare(a.sequenceNumber(), b.sequenceNumber());
    }
}
