package io.tstore.core.data;

import io.tstore.core.types.RowType;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * Takes the primary key of rows as a {@link BinaryRow}: a {@link RowProjection} that also checks, when it is
 * made, that the key fields can be ordered (the LSM tree sorts by key) and, for every row, that no key field is
 * null.
 */
public final class KeyProjection {
    private final RowProjection projection;
    private final int[] positions;

    public KeyProjection(RowType rowType, int[] keyPositions) {
        requireNonNull(rowType, "rowType is null");
        requireNonNull(keyPositions, "keyPositions is null");
        if (keyPositions.length == 0) {
            throw new IllegalArgumentException("A primary key needs at least one field; the row has fields "
                    + rowType.fieldNames());
        }
        this.projection = new RowProjection(rowType, keyPositions);
        this.positions = projection.positions();
        RowComparator.checkOrderable(projection.projectedType(), "primary key");
    }

    /** The projection of the key fields with these names, in this order. */
    public static KeyProjection of(RowType rowType, List<String> keyNames) {
        requireNonNull(rowType, "rowType is null");
        requireNonNull(keyNames, "keyNames is null");
        return new KeyProjection(rowType, RowProjection.positionsOf(rowType, keyNames));
    }

    public RowType keyType() {
        return projection.projectedType();
    }

    /** The key of a row, of kind INSERT; fails when a key field is null, naming the field and the row. */
    public BinaryRow apply(InternalRow row) {
        requireNonNull(row, "row is null");
        for (int i = 0; i < positions.length; i++) {
            int pos = positions[i];
            if (pos < row.getFieldCount() && row.isNullAt(pos)) {
                RowType rowType = projection.rowType();
                throw new IllegalArgumentException("Primary key field '" + rowType.fields().get(pos).name()
                        + "' is null in row " + InternalRows.toString(row, rowType)
                        + "; every primary key field must have a value");
            }
        }
        return projection.apply(row);
    }
}
