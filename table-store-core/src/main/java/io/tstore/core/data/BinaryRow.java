package io.tstore.core.data;

import io.tstore.lsm.RowKind;

import static java.util.Objects.requireNonNull;

/**
 * A row in one compact byte range: the form of primary keys, partition values and bucket keys, which are
 * hashed, compared and kept in memory in great numbers.
 *
 * <h2>Layout</h2>
 * For a row of n fields:
 * <pre>
 * [null bits: (n + 7) / 8 bytes, bit (i % 8) of byte (i / 8) set when field i is null]
 * [n slots of 8 bytes, little-endian]
 * [variable-length region]
 * </pre>
 * BOOLEAN, TINYINT, SMALLINT, INT, DATE, TIME, FLOAT (its int bits), BIGINT, DOUBLE (its long bits), DECIMAL of
 * precision up to 18 (the unscaled long) and TIMESTAMP/TIMESTAMP_LTZ of precision up to 3 (epoch millis) live in
 * their slot; unused slot bytes are zero. Strings (UTF-8), binary values, larger decimals (unscaled big-endian
 * two's complement bytes), finer timestamps (8 bytes of millis, 4 of nanos) and nested arrays, maps and rows
 * (their own binary forms) live in the variable-length region, in field order and without gaps, and their slot
 * holds {@code offset << 32 | length}. A null field has a zero slot.
 *
 * <h2>Canonical bytes</h2>
 * Equality and {@link #hashCode()} are those of the bytes, so the writer must produce canonical bytes: the same
 * values always give the same bytes. {@link BinaryRowWriter} does so by writing every field exactly once, in
 * order. The hash routes rows to buckets: neither the layout nor the hash may ever change.
 *
 * <p>The row kind is kept beside the bytes, not in them: it is no part of equality or hash, and
 * {@link BinaryRowSerializer} does not keep it. Keys and partition values have no kind.
 */
public final class BinaryRow extends BinarySection implements InternalRow {
    /** The seed of the hash; part of the table format. */
    static final int HASH_SEED = 42;

    /** The row of no fields: the partition of an unpartitioned table. */
    public static final BinaryRow EMPTY_ROW = new BinaryRow(new byte[0], 0, 0, 0);

    private final int numFields;
    private final int slotsStart;
    private RowKind kind = RowKind.INSERT;

    private BinaryRow(byte[] bytes, int offset, int sizeInBytes, int numFields) {
        super(bytes, offset, sizeInBytes);
        this.numFields = numFields;
        this.slotsStart = nullBitsSize(numFields);
    }

    /** The size of the null bits and slots of a row of this many fields, the least a row can have. */
    public static int fixedPartSize(int numFields) {
        return nullBitsSize(numFields) + 8 * numFields;
    }

    /** A row over these bytes, which it keeps (not copied): the caller must not change them afterwards. */
    public static BinaryRow fromBytes(byte[] bytes, int numFields) {
        requireNonNull(bytes, "bytes is null");
        return wrap(bytes, 0, bytes.length, numFields);
    }

    /** A row over a range of bytes, which it keeps (not copied): the caller must not change them afterwards. */
    public static BinaryRow wrap(byte[] bytes, int offset, int sizeInBytes, int numFields) {
        requireNonNull(bytes, "bytes is null");
        checkRange(bytes, offset, sizeInBytes);
        if (numFields < 0) {
            throw new IllegalArgumentException("A row cannot have " + numFields + " fields");
        }
        if (sizeInBytes < fixedPartSize(numFields)) {
            throw new IllegalArgumentException("A binary row of " + numFields + " fields needs at least "
                    + fixedPartSize(numFields) + " bytes, but has " + sizeInBytes);
        }
        return new BinaryRow(bytes, offset, sizeInBytes, numFields);
    }

    /** A row with its own copy of the bytes, and the same kind. */
    public BinaryRow copy() {
        BinaryRow copy = new BinaryRow(toBytes(), 0, sizeInBytes, numFields);
        copy.kind = kind;
        return copy;
    }

    private int slot(int pos) {
        if (pos < 0 || pos >= numFields) {
            throw new IndexOutOfBoundsException("Field " + pos + " of a row with " + numFields + " fields");
        }
        return slotsStart + 8 * pos;
    }

    @Override
    public int getFieldCount() {
        return numFields;
    }

    @Override
    public RowKind getRowKind() {
        return kind;
    }

    @Override
    public void setRowKind(RowKind kind) {
        requireNonNull(kind, "kind is null");
        if (this == EMPTY_ROW) {
            throw new UnsupportedOperationException("EMPTY_ROW is shared and cannot change; copy() it first");
        }
        this.kind = kind;
    }

    @Override
    public boolean isNullAt(int pos) {
        slot(pos);
        return nullBit(0, pos);
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

    /** Compares the non-null strings at a position of this row and another, in {@link BinaryString} order. */
    int compareStringAt(int pos, BinaryRow other) {
        return compareVarBytes(slot(pos), other, other.slot(pos));
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

    /** Equal when the field counts and the bytes are equal; the row kind does not count. */
    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        return o instanceof BinaryRow other && numFields == other.numFields && sameBytes(other);
    }

    /** The 32-bit MurmurHash3 of the bytes with seed 42; stable across JVMs and versions. */
    @Override
    public int hashCode() {
        return MurmurHash3.hash32(bytes, offset, sizeInBytes, HASH_SEED);
    }

    /** The field count and bytes in hex; {@link InternalRows#toString} shows the values. */
    @Override
    public String toString() {
        return "BinaryRow{" + numFields + " fields, " + hex() + "}";
    }
}
