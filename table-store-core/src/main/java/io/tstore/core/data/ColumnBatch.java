package io.tstore.core.data;

import io.tstore.core.types.RowType;
import io.tstore.lsm.RowKind;

/**
 * A batch of rows held column by column ({@link ColumnVector}s), as batch readers return them. The rows are the
 * batch's positions {@code 0 .. rowCount() - 1}. A batch stays valid after its reader moved on: readers read each
 * batch into vectors of its own.
 */
public interface ColumnBatch {

    /** The type of the rows: one field per column. */
    RowType rowType();

    int rowCount();

    ColumnVector column(int field);

    /** The row kind of a row: batches of a snapshot's rows hold inserts only, batches of changes any kind. */
    default RowKind rowKind(int row) {
        return RowKind.INSERT;
    }

    /** A view of row {@code row} of the batch. */
    default InternalRow row(int row) {
        return new ColumnarRow(this, row);
    }

    /** The batch of the rows at these positions, in this order (a view). */
    default ColumnBatch select(int[] rows, int count) {
        return ColumnBatches.select(this, rows, count);
    }

    /** The batch of the columns at these positions, in this order (a view). */
    default ColumnBatch project(int[] fields) {
        return ColumnBatches.project(this, fields);
    }
}
