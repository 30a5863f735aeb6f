package io.tstore.core.mergetree;

import io.tstore.core.data.InternalRow;
import io.tstore.core.data.InternalRows;
import io.tstore.core.types.RowType;

import java.util.function.BiPredicate;

import static java.util.Objects.requireNonNull;

/**
 * Whether two rows of one type hold equal values, whatever their representation (binary or generic, nested values
 * included): their binary forms are compared, which are equal exactly when the values are. The row kind does not
 * count. The changelog producers use it for {@code changelog-producer.row-deduplicate}.
 */
public final class RowEquality implements BiPredicate<InternalRow, InternalRow> {
    private final RowType rowType;

    public RowEquality(RowType rowType) {
        this.rowType = requireNonNull(rowType, "rowType is null");
    }

    @Override
    public boolean test(InternalRow a, InternalRow b) {
        if (a == b) {
            return true;
        }
        if (a == null || b == null) {
            return false;
        }
        return InternalRows.toBinaryRow(a, rowType).equals(InternalRows.toBinaryRow(b, rowType));
    }
}
