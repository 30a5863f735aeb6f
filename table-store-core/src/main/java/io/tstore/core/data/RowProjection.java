package io.tstore.core.data;

import io.tstore.core.types.RowType;

import java.util.Arrays;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * Turns rows of a type into {@link BinaryRow}s of some of their fields: how partition values and bucket keys are
 * taken from rows (see {@link KeyProjection} for primary keys, which must not be null).
 *
 * <p>The copy of each field is planned once, when the projection is made. Every result has its own bytes and
 * the row kind INSERT, whatever the input's kind, so that projecting an update and a delete of one row gives
 * equal keys with equal hashes. A projection reuses a buffer and is not thread-safe.
 */
public final class RowProjection {
    private final RowType rowType;
    private final int[] positions;
    private final RowType projectedType;
    private final BinaryCopiers.Copier[] copiers;
    private final BinaryRowWriter writer;

    public RowProjection(RowType rowType, int[] positions) {
        this.rowType = requireNonNull(rowType, "rowType is null");
        this.positions = requireNonNull(positions, "positions is null").clone();
        this.projectedType = rowType.project(this.positions);
        this.copiers = BinaryCopiers.forFields(projectedType);
        this.writer = new BinaryRowWriter(this.positions.length);
    }

    /** The projection of the fields with these names, in this order. */
    public static RowProjection of(RowType rowType, List<String> fieldNames) {
        requireNonNull(rowType, "rowType is null");
        requireNonNull(fieldNames, "fieldNames is null");
        return new RowProjection(rowType, positionsOf(rowType, fieldNames));
    }

    /** All fields, in order: the binary form of whole rows. */
    public static RowProjection all(RowType rowType) {
        requireNonNull(rowType, "rowType is null");
        int[] positions = new int[rowType.fieldCount()];
        Arrays.setAll(positions, i -> i);
        return new RowProjection(rowType, positions);
    }

    static int[] positionsOf(RowType rowType, List<String> fieldNames) {
        int[] positions = new int[fieldNames.size()];
        for (int i = 0; i < positions.length; i++) {
            String name = fieldNames.get(i);
            positions[i] = rowType.fieldIndex(name);
            if (positions[i] < 0) {
                rowType.field(name); // fails, naming the fields the row does have
            }
        }
        return positions;
    }

    /** The type of the input rows. */
    public RowType rowType() {
        return rowType;
    }

    /** The type of the projected rows. */
    public RowType projectedType() {
        return projectedType;
    }

    /** The positions of the projected fields in the input rows. */
    public int[] positions() {
        return positions.clone();
    }

    public BinaryRow apply(InternalRow row) {
        requireNonNull(row, "row is null");
        if (row.getFieldCount() != rowType.fieldCount()) {
            throw new IllegalArgumentException("Cannot project a row of " + row.getFieldCount()
                    + " fields: the projection is for rows of type " + rowType);
        }
        for (int i = 0; i < positions.length; i++) {
            BinaryCopiers.copy(row, positions[i], writer, i, copiers[i]);
        }
        return writer.complete();
    }
}
