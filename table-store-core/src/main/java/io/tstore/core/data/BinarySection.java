package io.tstore.core.data;

import java.io.DataOutput;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * A range of a byte array holding values in the binary layout shared by {@link BinaryRow} and
 * {@link BinaryArray}: a null bit per position, then one 8-byte little-endian slot per position, then a
 * variable-length region. A slot holds a fixed-length value itself, or points into the variable-length region
 * with {@code offset << 32 | length}, the offset counted from the start of the section, so that a section can be
 * copied as it is into another one.
 *
 * <p>The bytes of a section never change once written, so views into them (strings, nested values) are safe.
 */
public abstract sealed class BinarySection permits BinaryRow, BinaryArray, BinaryMap {
    static final VarHandle SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    /** Bytes in the variable-length region of a timestamp with precision above 3: millis, then nanos. */
    static final int TIMESTAMP_VAR_SIZE = 12;

    final byte[] bytes;
    final int offset;
    final int sizeInBytes;

    BinarySection(byte[] bytes, int offset, int sizeInBytes) {
        this.bytes = bytes;
        this.offset = offset;
        this.sizeInBytes = sizeInBytes;
    }

    static int nullBitsSize(int count) {
        return (count + 7) >>> 3;
    }

    static void checkRange(byte[] bytes, int offset, int sizeInBytes) {
        if (offset < 0 || sizeInBytes < 0 || offset > bytes.length - sizeInBytes) {
            throw new IndexOutOfBoundsException(
                    "Range [" + offset + ", " + offset + " + " + sizeInBytes + ") is outside an array of " + bytes.length);
        }
    }

    public int sizeInBytes() {
        return sizeInBytes;
    }

    /** A copy of the bytes. */
    public byte[] toBytes() {
        return Arrays.copyOfRange(bytes, offset, offset + sizeInBytes);
    }

    /** Writes the bytes, without a length. */
    public void writeTo(DataOutput out) throws IOException {
        out.write(bytes, offset, sizeInBytes);
    }

    final boolean sameBytes(BinarySection other) {
        return Arrays.equals(
                bytes, offset, offset + sizeInBytes, other.bytes, other.offset, other.offset + other.sizeInBytes);
    }

    final String hex() {
        return HexFormat.of().formatHex(bytes, offset, offset + sizeInBytes);
    }

    /** Whether the null bit of a position is set, in a bit set starting at {@code nullBitsStart}. */
    final boolean nullBit(int nullBitsStart, int pos) {
        return (bytes[offset + nullBitsStart + (pos >>> 3)] & (1 << (pos & 7))) != 0;
    }

    final boolean readBoolean(int slot) {
        return bytes[offset + slot] != 0;
    }

    final byte readByte(int slot) {
        return bytes[offset + slot];
    }

    final short readShort(int slot) {
        return (short) SHORT.get(bytes, offset + slot);
    }

    final int readInt(int slot) {
        return (int) INT.get(bytes, offset + slot);
    }

    final long readLong(int slot) {
        return (long) LONG.get(bytes, offset + slot);
    }

    final float readFloat(int slot) {
        return Float.intBitsToFloat(readInt(slot));
    }

    final double readDouble(int slot) {
        return Double.longBitsToDouble(readLong(slot));
    }

    private int varOffset(int slot) {
        return (int) (readLong(slot) >>> 32);
    }

    private int varLength(int slot) {
        return (int) readLong(slot);
    }

    final BinaryString readString(int slot) {
        return BinaryString.fromBytes(bytes, offset + varOffset(slot), varLength(slot));
    }

    /** Compares the strings (or binary values) in a slot of two sections as unsigned bytes, without views. */
    final int compareVarBytes(int slot, BinarySection other, int otherSlot) {
        int start = offset + varOffset(slot);
        int otherStart = other.offset + other.varOffset(otherSlot);
        return Arrays.compareUnsigned(
                bytes, start, start + varLength(slot), other.bytes, otherStart, otherStart + other.varLength(otherSlot));
    }

    final byte[] readBinary(int slot) {
        int start = offset + varOffset(slot);
        return Arrays.copyOfRange(bytes, start, start + varLength(slot));
    }

    final Decimal readDecimal(int slot, int precision, int scale) {
        if (Decimal.isCompact(precision)) {
            return Decimal.fromUnscaledLong(readLong(slot), precision, scale);
        }
        return Decimal.fromUnscaledBytes(readBinary(slot), precision, scale);
    }

    final Timestamp readTimestamp(int slot, int precision) {
        if (precision <= 3) {
            return Timestamp.fromEpochMillis(readLong(slot));
        }
        int start = varOffset(slot);
        return Timestamp.fromEpochMillis(readLong(start), readInt(start + 8));
    }

    final BinaryArray readArray(int slot) {
        return BinaryArray.wrap(bytes, offset + varOffset(slot), varLength(slot));
    }

    final BinaryMap readMap(int slot) {
        return BinaryMap.wrap(bytes, offset + varOffset(slot), varLength(slot));
    }

    final BinaryRow readRow(int slot, int numFields) {
        return BinaryRow.wrap(bytes, offset + varOffset(slot), varLength(slot), numFields);
    }
}
