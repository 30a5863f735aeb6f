package io.tstore.core.data;

import io.tstore.core.types.DataType;

import static java.util.Objects.requireNonNull;

/**
 * An ARRAY value in binary form, nested in {@link BinaryRow}s: a 4-byte little-endian element count, then the
 * layout of {@link BinarySection} with one null bit and one 8-byte slot per element. Equality is that of the
 * bytes.
 */
public final class BinaryArray extends BinarySection implements InternalArray {
    private static final int HEADER_SIZE = 4;

    private final int size;
    private final int slotsStart;

    private BinaryArray(byte[] bytes, int offset, int sizeInBytes, int size) {
        super(bytes, offset, sizeInBytes);
        this.size = size;
        this.slotsStart = HEADER_SIZE + nullBitsSize(size);
    }

    static int fixedPartSize(int size) {
        return HEADER_SIZE + nullBitsSize(size) + 8 * size;
    }

    /** An array over a range of bytes, which it keeps (not copied). */
    static BinaryArray wrap(byte[] bytes, int offset, int sizeInBytes) {
        checkRange(bytes, offset, sizeInBytes);
        if (sizeInBytes < HEADER_SIZE) {
            throw new IllegalArgumentException("A binary array needs at least 4 bytes, but has " + sizeInBytes);
        }
        int size = (int) INT.get(bytes, offset);
        if (size < 0 || sizeInBytes < fixedPartSize(size)) {
            throw new IllegalArgumentException("Corrupt binary array: " + size + " elements in " + sizeInBytes + " bytes");
        }
        return new BinaryArray(bytes, offset, sizeInBytes, size);
    }

    /** The binary form of any array of elements of this type; a BinaryArray is itself. */
    public static BinaryArray fromArray(InternalArray array, DataType elementType) {
        requireNonNull(array, "array is null");
        requireNonNull(elementType, "elementType is null");
        if (array instanceof BinaryArray binary) {
            return binary;
        }
        return BinaryCopiers.toBinaryArray(array, BinaryCopiers.forType(elementType));
    }

    private int slot(int pos) {
        if (pos < 0 || pos >= size) {
            throw new IndexOutOfBoundsException("Element " + pos + " of an array of " + size);
        }
        return slotsStart + 8 * pos;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public boolean isNullAt(int pos) {
        slot(pos);
        return nullBit(HEADER_SIZE, pos);
    }

    @Override
    public boolean getBoolean(int pos) {
        return readBoolean(slot(pos));
    }

    @Override
    public byte getByte(int pos) {
        return readByte(slot(pos));
    }

    @Override
    public short getShort(int pos) {
        return readShort(slot(pos));
    }

    @Override
    public int getInt(int pos) {
        return readInt(slot(pos));
    }

    @Override
    public long getLong(int pos) {
        return readLong(slot(pos));
    }

    @Override
    public float getFloat(int pos) {
        return readFloat(slot(pos));
    }

    @Override
    public double getDouble(int pos) {
        return readDouble(slot(pos));
    }

    @Override
    public BinaryString getString(int pos) {
        return readString(slot(pos));
    }

    @Override
    public Decimal getDecimal(int pos, int precision, int scale) {
        return readDecimal(slot(pos), precision, scale);
    }

    @Override
    public Timestamp getTimestamp(int pos, int precision) {
        return readTimestamp(slot(pos), precision);
    }

    @Override
    public byte[] getBinary(int pos) {
        return readBinary(slot(pos));
    }

    @Override
    public BinaryArray getArray(int pos) {
        return readArray(slot(pos));
    }

    @Override
    public BinaryMap getMap(int pos) {
        return readMap(slot(pos));
    }

    @Override
    public BinaryRow getRow(int pos, int numFields) {
        return readRow(slot(pos), numFields);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BinaryArray other && sameBytes(other);
    }

    @Override
    public int hashCode() {
        return MurmurHash3.hash32(bytes, offset, sizeInBytes, BinaryRow.HASH_SEED);
    }

    @Override
    public String toString() {
        return "BinaryArray{" + size + " elements, " + hex() + "}";
    }
}
