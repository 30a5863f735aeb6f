package io.tstore.core.data;

/**
 * A row that gives a range of its fields as a row of its own without copying them: how the value columns of a
 * primary-key data file's rows become the records' values.
 */
public interface SliceableRow extends InternalRow {

    /**
     * The fields {@code [from, to)} of this row as a row of kind INSERT, sharing their values. Changing the kind of
     * either row does not change the other's.
     */
    InternalRow slice(int from, int to);
}
