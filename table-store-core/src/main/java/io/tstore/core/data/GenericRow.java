package io.tstore.core.data;

import io.tstore.lsm.RowKind;

import java.util.Arrays;

import static java.util.Objects.requireNonNull;

/**
 * A row of Java objects in their internal forms (see {@link DataGetters}: Integer for INT, BinaryString for
 * STRING, Decimal, Timestamp, byte[], InternalArray, InternalMap, InternalRow; null for NULL). Easy to build and
 * to change; what deserialization and tests produce.
 *
 * <p>Equality compares the row kind and the field objects (byte arrays by content). A GenericRow never equals a
 * {@link BinaryRow}; compare {@link InternalRows#toGenericRow} forms to compare across representations.
 */
public final class GenericRow implements SliceableRow {
    private final Object[] fields;
    private RowKind kind;

    /** A row of this many null fields. */
    public GenericRow(int fieldCount) {
        this(RowKind.INSERT, new Object[fieldCount]);
    }

    private GenericRow(RowKind kind, Object[] fields) {
        this.kind = requireNonNull(kind, "kind is null");
        this.fields = requireNonNull(fields, "fields is null");
    }

    /** An INSERT row of these values, which it keeps (the array is not copied). */
    public static GenericRow of(Object... values) {
        return new GenericRow(RowKind.INSERT, values);
    }

    /** A row of this kind and these values, which it keeps (the array is not copied). */
    public static GenericRow ofKind(RowKind kind, Object... values) {
        return new GenericRow(kind, values);
    }

    /**
     * A row of the fields {@code [from, to)} of this one, of kind INSERT. The new row has its own array but shares
     * the field objects, which must therefore not change: fine for rows that are not changed after they are made,
     * such as those the format readers return.
     */
    public GenericRow subRow(int from, int to) {
        return new GenericRow(RowKind.INSERT, Arrays.copyOfRange(fields, from, to));
    }

    /**
     * Sets the fields from {@code pos} on to the field objects of another row, which are shared, not copied: as
     * with {@link #subRow}, they must not change.
     */
    public void setFields(int pos, GenericRow from) {
        System.arraycopy(from.fields, 0, fields, pos, from.fields.length);
    }

    /** {@link #subRow}: the field objects are shared, and must not change. */
    @Override
    public GenericRow slice(int from, int to) {
        return subRow(from, to);
    }

    public Object getField(int pos) {
        return fields[pos];
    }

    public void setField(int pos, Object value) {
        fields[pos] = value;
    }

    @Override
    public int getFieldCount() {
        return fields.length;
    }

    @Override
    public RowKind getRowKind() {
        return kind;
    }

    @Override
    public void setRowKind(RowKind kind) {
        this.kind = requireNonNull(kind, "kind is null");
    }

    @Override
    public boolean isNullAt(int pos) {
        return fields[pos] == null;
    }

    @Override
    public boolean getBoolean(int pos) {
        return (boolean) fields[pos];
    }

    @Override
    public byte getByte(int pos) {
        return (byte) fields[pos];
    }

    @Override
    public short getShort(int pos) {
        return (short) fields[pos];
    }

    @Override
    public int getInt(int pos) {
        return (int) fields[pos];
    }

    @Override
    public long getLong(int pos) {
        return (long) fields[pos];
    }

    @Override
    public float getFloat(int pos) {
        return (float) fields[pos];
    }

    @Override
    public double getDouble(int pos) {
        return (double) fields[pos];
    }

    @Override
    public BinaryString getString(int pos) {
        return (BinaryString) fields[pos];
    }

    @Override
    public Decimal getDecimal(int pos, int precision, int scale) {
        return (Decimal) fields[pos];
    }

    @Override
    public Timestamp getTimestamp(int pos, int precision) {
        return (Timestamp) fields[pos];
    }

    @Override
    public byte[] getBinary(int pos) {
        return (byte[]) fields[pos];
    }

    @Override
    public InternalArray getArray(int pos) {
        return (InternalArray) fields[pos];
    }

    @Override
    public InternalMap getMap(int pos) {
        return (InternalMap) fields[pos];
    }

    @Override
    public InternalRow getRow(int pos, int numFields) {
        return (InternalRow) fields[pos];
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        return o instanceof GenericRow other && kind == other.kind && Arrays.deepEquals(fields, other.fields);
    }

    @Override
    public int hashCode() {
        return 31 * kind.hashCode() + Arrays.deepHashCode(fields);
    }

    /** The kind and the fields, e.g. {@code +I(1, abc, null)}; {@link InternalRows#toString} also names the fields. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(kind.shortString()).append('(');
        for (int i = 0; i < fields.length; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            Object field = fields[i];
            sb.append(field instanceof byte[] bytes ? Arrays.toString(bytes) : String.valueOf(field));
        }
        return sb.append(')').toString();
    }
}
