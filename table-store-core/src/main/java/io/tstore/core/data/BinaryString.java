package io.tstore.core.data;

import java.io.DataOutput;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static java.util.Objects.requireNonNull;

/**
 * A string as UTF-8 bytes: the internal form of CHAR, VARCHAR and STRING values.
 *
 * <p>Keeping the bytes avoids decoding when rows are copied, hashed, compared and written. Order is unsigned
 * byte order, which for UTF-8 is exactly code point order (unlike {@link String#compareTo}, which orders UTF-16
 * units). A BinaryString may be a view into a larger array (a field of a {@link BinaryRow}); it never changes
 * the array, and the creator of a view must not change it either.
 */
public final class BinaryString implements Comparable<BinaryString> {
    public static final BinaryString EMPTY = new BinaryString(new byte[0], 0, 0);

    private final byte[] bytes;
    private final int offset;
    private final int numBytes;

    private BinaryString(byte[] bytes, int offset, int numBytes) {
        this.bytes = bytes;
        this.offset = offset;
        this.numBytes = numBytes;
    }

    /** The UTF-8 encoding of a Java string, or null for null. */
    public static BinaryString fromString(String value) {
        return value == null ? null : fromBytes(value.getBytes(StandardCharsets.UTF_8));
    }

    /** A string over these UTF-8 bytes, without copying them: the caller must not change the array afterwards. */
    public static BinaryString fromBytes(byte[] utf8) {
        requireNonNull(utf8, "utf8 is null");
        return new BinaryString(utf8, 0, utf8.length);
    }

    /** A string over a range of UTF-8 bytes, without copying them: the caller must not change the range afterwards. */
    public static BinaryString fromBytes(byte[] utf8, int offset, int numBytes) {
        requireNonNull(utf8, "utf8 is null");
        if (offset < 0 || numBytes < 0 || offset > utf8.length - numBytes) {
            throw new IndexOutOfBoundsException(
                    "Range [" + offset + ", " + offset + " + " + numBytes + ") is outside an array of " + utf8.length);
        }
        return new BinaryString(utf8, offset, numBytes);
    }

    public int numBytes() {
        return numBytes;
    }

    /** A copy of the UTF-8 bytes. */
    public byte[] toBytes() {
        return Arrays.copyOfRange(bytes, offset, offset + numBytes);
    }

    /** Copies the UTF-8 bytes into an array. */
    public void copyTo(byte[] target, int targetOffset) {
        System.arraycopy(bytes, offset, target, targetOffset, numBytes);
    }

    /** Writes the UTF-8 bytes, without a length. */
    public void writeTo(DataOutput out) throws IOException {
        out.write(bytes, offset, numBytes);
    }

    @Override
    public int compareTo(BinaryString other) {
        return Arrays.compareUnsigned(
                bytes, offset, offset + numBytes, other.bytes, other.offset, other.offset + other.numBytes);
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        return o instanceof BinaryString other
                && Arrays.equals(bytes, offset, offset + numBytes, other.bytes, other.offset, other.offset + other.numBytes);
    }

    @Override
    public int hashCode() {
        int hash = 1;
        for (int i = offset; i < offset + numBytes; i++) {
            hash = 31 * hash + bytes[i];
        }
        return hash;
    }

    @Override
    public String toString() {
        return new String(bytes, offset, numBytes, StandardCharsets.UTF_8);
    }
}
