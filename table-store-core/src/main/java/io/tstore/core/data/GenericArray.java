package io.tstore.core.data;

import java.util.Arrays;

import static java.util.Objects.requireNonNull;

/**
 * An array of Java objects in their internal forms (see {@link GenericRow}), null for a null element.
 * Equality compares elements, byte arrays by content.
 */
public final class GenericArray implements InternalArray {
    private final Object[] elements;

    /** An array over these elements, which it keeps (not copied). */
    public GenericArray(Object[] elements) {
        this.elements = requireNonNull(elements, "elements is null");
    }

    public static GenericArray of(Object... elements) {
        return new GenericArray(elements);
    }

    public Object get(int pos) {
        return elements[pos];
    }

    @Override
    public int size() {
        return elements.length;
    }

    @Override
    public boolean isNullAt(int pos) {
        return elements[pos] == null;
    }

    @Override
    public boolean getBoolean(int pos) {
        return (boolean) elements[pos];
    }

    @Override
    public byte getByte(int pos) {
        return (byte) elements[pos];
    }

    @Override
    public short getShort(int pos) {
        return (short) elements[pos];
    }

    @Override
    public int getInt(int pos) {
        return (int) elements[pos];
    }

    @Override
    public long getLong(int pos) {
        return (long) elements[pos];
    }

    @Override
    public float getFloat(int pos) {
        return (float) elements[pos];
    }

    @Override
    public double getDouble(int pos) {
        return (double) elements[pos];
    }

    @Override
    public BinaryString getString(int pos) {
        return (BinaryString) elements[pos];
    }

    @Override
    public Decimal getDecimal(int pos, int precision, int scale) {
        return (Decimal) elements[pos];
    }

    @Override
    public Timestamp getTimestamp(int pos, int precision) {
        return (Timestamp) elements[pos];
    }

    @Override
    public byte[] getBinary(int pos) {
        return (byte[]) elements[pos];
    }

    @Override
    public InternalArray getArray(int pos) {
        return (InternalArray) elements[pos];
    }

    @Override
    public InternalMap getMap(int pos) {
        return (InternalMap) elements[pos];
    }

    @Override
    public InternalRow getRow(int pos, int numFields) {
        return (InternalRow) elements[pos];
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        return o instanceof GenericArray other && Arrays.deepEquals(elements, other.elements);
    }

    @Override
    public int hashCode() {
        return Arrays.deepHashCode(elements);
    }

    @Override
    public String toString() {
        return Arrays.deepToString(elements);
    }
}
