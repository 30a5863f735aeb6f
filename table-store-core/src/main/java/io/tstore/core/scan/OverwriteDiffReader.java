package io.tstore.core.scan;

import io.tstore.core.data.BinaryRow;
import io.tstore.core.data.InternalRow;
import io.tstore.core.data.InternalRows;
import io.tstore.core.types.RowType;
import io.tstore.lsm.KeyValue;
import io.tstore.lsm.RecordReader;
import io.tstore.lsm.RowKind;

import java.io.IOException;
import java.util.Comparator;

import static java.util.Objects.requireNonNull;

/**
 * What an overwrite changed in one bucket of a primary-key table: walks the bucket's merged rows before and after
 * it (each sorted by key, one live row per key) side by side, and returns -D of each row that went or changed and
 * +I of each row that came or changed. A key whose row is the same before and after gives nothing, so a reader
 * that applies the changes in order holds exactly the rows after the overwrite.
 */
public final class OverwriteDiffReader implements RecordReader<InternalRow> {
    private final RecordReader<KeyValue<BinaryRow, InternalRow>> before;
    private final RecordReader<KeyValue<BinaryRow, InternalRow>> after;
    private final Comparator<BinaryRow> keyComparator;
    private final RowType rowType;
    private KeyValue<BinaryRow, InternalRow> nextBefore;
    private KeyValue<BinaryRow, InternalRow> nextAfter;
    private boolean started;
    /** The +I of a changed row, returned after its -D. */
    private InternalRow pendingInsert;

    /**
     * @param before the merged live rows before the overwrite, in key order
     * @param after the merged live rows after it, in key order
     * @param rowType the type of the values, to compare rows by their binary form
     */
    public OverwriteDiffReader(
            RecordReader<KeyValue<BinaryRow, InternalRow>> before,
            RecordReader<KeyValue<BinaryRow, InternalRow>> after,
            Comparator<BinaryRow> keyComparator,
            RowType rowType) {
        this.before = requireNonNull(before, "before is null");
        this.after = requireNonNull(after, "after is null");
        this.keyComparator = requireNonNull(keyComparator, "keyComparator is null");
        this.rowType = requireNonNull(rowType, "rowType is null");
    }

    @Override
    public InternalRow read() throws IOException {
        if (pendingInsert != null) {
            InternalRow insert = pendingInsert;
            pendingInsert = null;
            return insert;
        }
        if (!started) {
            nextBefore = before.read();
            nextAfter = after.read();
            started = true;
        }
        while (nextBefore != null || nextAfter != null) {
            int order = nextBefore == null ? 1 : nextAfter == null ? -1 : keyComparator.compare(nextBefore.key(), nextAfter.key());
            if (order < 0) {
                InternalRow deleted = with(nextBefore.value(), RowKind.DELETE);
                nextBefore = before.read();
                return deleted;
            }
            if (order > 0) {
                InternalRow inserted = with(nextAfter.value(), RowKind.INSERT);
                nextAfter = after.read();
                return inserted;
            }
            InternalRow old = nextBefore.value();
            InternalRow fresh = nextAfter.value();
            boolean unchanged = InternalRows.toBinaryRow(old, rowType).equals(InternalRows.toBinaryRow(fresh, rowType));
            nextBefore = before.read();
            nextAfter = after.read();
            if (!unchanged) {
                pendingInsert = with(fresh, RowKind.INSERT);
                return with(old, RowKind.DELETE);
            }
        }
        return null;
    }

    private static InternalRow with(InternalRow row, RowKind kind) {
        row.setRowKind(kind);
        return row;
    }

    @Override
    public void close() throws IOException {
        try {
            before.close();
        } finally {
            after.close();
        }
    }
}
