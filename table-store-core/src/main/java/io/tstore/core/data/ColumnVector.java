package io.tstore.core.data;

import io.tstore.core.types.DataType;

/**
 * One column of a {@link ColumnBatch}: the value of row {@code i} of the batch is read with the getters at position
 * {@code i}, as {@link InternalArray} reads its elements. Like Spark's {@code ColumnVector}: an engine fills its own
 * columnar structures (a Spark {@code ColumnarBatch}, a Trino {@code Page}) column by column, with the getter of
 * the column's type ({@link ValueGetters#forType}, {@link ValueGetters#converting}) and {@link #isNullAt} first.
 */
public interface ColumnVector extends DataGetters {

    /** The type of the column's values. */
    DataType type();

    /** The value at row {@code row} in its internal form, or null. */
    default Object getOrNull(int row) {
        return isNullAt(row) ? null : ValueGetters.forType(type()).get(this, row);
    }
}
