package io.tstore.core.data;

import io.tstore.core.types.DataType;

import static java.util.Objects.requireNonNull;

/**
 * A MAP value in binary form, nested in {@link BinaryRow}s: a 4-byte little-endian size of the key array, the
 * keys as a {@link BinaryArray}, then the values as a {@link BinaryArray}. Equality is that of the bytes, so it
 * depends on the order of the entries.
 */
public final class BinaryMap extends BinarySection implements InternalMap {
    private static final int HEADER_SIZE = 4;

    private final BinaryArray keys;
    private final BinaryArray values;

    private BinaryMap(byte[] bytes, int offset, int sizeInBytes, BinaryArray keys, BinaryArray values) {
        super(bytes, offset, sizeInBytes);
        this.keys = keys;
        this.values = values;
    }

    /** A map over a range of bytes, which it keeps (not copied). */
    static BinaryMap wrap(byte[] bytes, int offset, int sizeInBytes) {
        checkRange(bytes, offset, sizeInBytes);
        if (sizeInBytes < HEADER_SIZE) {
            throw new IllegalArgumentException("A binary map needs at least 4 bytes, but has " + sizeInBytes);
        }
        int keysSize = (int) INT.get(bytes, offset);
        if (keysSize < 0 || keysSize > sizeInBytes - HEADER_SIZE) {
            throw new IllegalArgumentException("Corrupt binary map: keys of " + keysSize + " bytes in " + sizeInBytes);
        }
        BinaryArray keys = BinaryArray.wrap(bytes, offset + HEADER_SIZE, keysSize);
        BinaryArray values = BinaryArray.wrap(
                bytes, offset + HEADER_SIZE + keysSize, sizeInBytes - HEADER_SIZE - keysSize);
        if (keys.size() != values.size()) {
            throw new IllegalArgumentException(
                    "Corrupt binary map: " + keys.size() + " keys but " + values.size() + " values");
        }
        return new BinaryMap(bytes, offset, sizeInBytes, keys, values);
    }

    /**
     * The binary form of any map with keys and values of these types, keeping its entry order; a BinaryMap is itself.
     */
    public static BinaryMap fromMap(InternalMap map, DataType keyType, DataType valueType) {
        requireNonNull(map, "map is null");
        requireNonNull(keyType, "keyType is null");
        requireNonNull(valueType, "valueType is null");
        if (map instanceof BinaryMap binary) {
            return binary;
        }
        return BinaryCopiers.toBinaryMap(map, BinaryCopiers.forType(keyType), BinaryCopiers.forType(valueType));
    }

    /** Joins a key array and a value array of the same size into a map. */
    static BinaryMap of(BinaryArray keys, BinaryArray values) {
        byte[] bytes = new byte[HEADER_SIZE + keys.sizeInBytes + values.sizeInBytes];
        INT.set(bytes, 0, keys.sizeInBytes);
        System.arraycopy(keys.bytes, keys.offset, bytes, HEADER_SIZE, keys.sizeInBytes);
        System.arraycopy(values.bytes, values.offset, bytes, HEADER_SIZE + keys.sizeInBytes, values.sizeInBytes);
        return wrap(bytes, 0, bytes.length);
    }

    @Override
    public int size() {
        return keys.size();
    }

    @Override
    public BinaryArray keyArray() {
        return keys;
    }

    @Override
    public BinaryArray valueArray() {
        return values;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BinaryMap other && sameBytes(other);
    }

    @Override
    public int hashCode() {
        return MurmurHash3.hash32(bytes, offset, sizeInBytes, BinaryRow.HASH_SEED);
    }

    @Override
    public String toString() {
        return "BinaryMap{" + size() + " entries, " + hex() + "}";
    }
}
