package io.tstore.core.data;

import io.tstore.core.types.DataType;
import io.tstore.core.types.RowType;

import java.util.Arrays;

import static io.tstore.core.data.BinarySection.INT;
import static io.tstore.core.data.BinarySection.LONG;
import static io.tstore.core.data.BinarySection.SHORT;
import static io.tstore.core.data.BinarySection.TIMESTAMP_VAR_SIZE;
import static java.util.Objects.requireNonNull;

/**
 * Writes values into the layout of {@link BinarySection}; the common part of {@link BinaryRowWriter} and
 * {@link BinaryArrayWriter}.
 *
 * <p>Every position is written exactly once (a value or {@link #setNullAt}), in increasing order. That is what
 * makes the bytes canonical: the variable-length region then holds the values in position order without gaps,
 * and every byte of the fixed part is either written or zero, so the same values always give the same bytes.
 * The writer fails on any other order rather than produce bytes that would hash differently.
 */
public abstract sealed class BinaryWriter permits BinaryRowWriter, BinaryArrayWriter {
    private final int headerSize;
    private int count;
    private int slotsStart;
    private int nextPos;
    byte[] buffer = new byte[64];
    int cursor;

    BinaryWriter(int headerSize, int count) {
        this.headerSize = headerSize;
        start(count);
    }

    /** Starts a new section of this many positions, reusing the buffer. */
    final void start(int count) {
        if (count < 0) {
            throw new IllegalArgumentException("Cannot write " + count + " positions");
        }
        this.count = count;
        this.slotsStart = headerSize + BinarySection.nullBitsSize(count);
        int fixedEnd = slotsStart + 8 * count;
        ensureCapacity(fixedEnd);
        Arrays.fill(buffer, 0, fixedEnd, (byte) 0);
        if (headerSize == 4) {
            INT.set(buffer, 0, count);
        }
        this.cursor = fixedEnd;
        this.nextPos = 0;
    }

    /** Checks that every position was written and gives the size of the section. */
    final int finish() {
        if (nextPos != count) {
            throw new IllegalStateException("Only " + nextPos + " of " + count
                    + " positions were written; write a value or setNullAt for every position, in order");
        }
        return cursor;
    }

    private int claim(int pos) {
        if (pos != nextPos || pos >= count) {
            throw new IllegalStateException(pos >= 0 && pos < count
                    ? "Position " + pos + " written out of order: expected position " + nextPos
                            + "; write every position once, in order, so that equal values give equal bytes"
                    : "Position " + pos + " is outside the " + count + " positions being written");
        }
        nextPos++;
        return slotsStart + 8 * pos;
    }

    public final void setNullAt(int pos) {
        claim(pos);
        buffer[headerSize + (pos >>> 3)] |= (byte) (1 << (pos & 7));
    }

    public final void writeBoolean(int pos, boolean value) {
        buffer[claim(pos)] = (byte) (value ? 1 : 0);
    }

    public final void writeByte(int pos, byte value) {
        buffer[claim(pos)] = value;
    }

    public final void writeShort(int pos, short value) {
        SHORT.set(buffer, claim(pos), value);
    }

    public final void writeInt(int pos, int value) {
        INT.set(buffer, claim(pos), value);
    }

    public final void writeLong(int pos, long value) {
        LONG.set(buffer, claim(pos), value);
    }

    /** Writes the float's bits; every NaN is written as the one canonical NaN. */
    public final void writeFloat(int pos, float value) {
        INT.set(buffer, claim(pos), Float.floatToIntBits(value));
    }

    /** Writes the double's bits; every NaN is written as the one canonical NaN. */
    public final void writeDouble(int pos, double value) {
        LONG.set(buffer, claim(pos), Double.doubleToLongBits(value));
    }

    public final void writeString(int pos, BinaryString value) {
        int slot = claim(pos);
        int length = value.numBytes();
        ensureCapacity(cursor + length);
        value.copyTo(buffer, cursor);
        pointTo(slot, length);
    }

    public final void writeBinary(int pos, byte[] value) {
        writeVar(claim(pos), value, 0, value.length);
    }

    /** Writes a decimal of exactly this type; convert (round or widen) values before writing them. */
    public final void writeDecimal(int pos, Decimal value, int precision, int scale) {
        if (value.precision() != precision || value.scale() != scale) {
            throw new IllegalArgumentException(String.format(
                    "Decimal %s of type DECIMAL(%d, %d) cannot be written at position %d of type DECIMAL(%d, %d)",
                    value, value.precision(), value.scale(), pos, precision, scale));
        }
        if (Decimal.isCompact(precision)) {
            LONG.set(buffer, claim(pos), value.toUnscaledLong());
        } else {
            byte[] unscaled = value.toUnscaledBytes();
            writeVar(claim(pos), unscaled, 0, unscaled.length);
        }
    }

    /** Writes a timestamp of this precision; at precision 3 or less only its milliseconds are kept. */
    public final void writeTimestamp(int pos, Timestamp value, int precision) {
        int slot = claim(pos);
        if (precision <= 3) {
            LONG.set(buffer, slot, value.millisecond());
        } else {
            ensureCapacity(cursor + TIMESTAMP_VAR_SIZE);
            LONG.set(buffer, cursor, value.millisecond());
            INT.set(buffer, cursor + 8, value.nanoOfMillisecond());
            pointTo(slot, TIMESTAMP_VAR_SIZE);
        }
    }

    public final void writeArray(int pos, InternalArray value, DataType elementType) {
        writeSection(pos, BinaryArray.fromArray(value, elementType));
    }

    public final void writeMap(int pos, InternalMap value, DataType keyType, DataType valueType) {
        writeSection(pos, BinaryMap.fromMap(value, keyType, valueType));
    }

    /** Writes a nested row of this type; its row kind is not kept. */
    public final void writeRow(int pos, InternalRow value, RowType rowType) {
        requireNonNull(rowType, "rowType is null");
        if (value instanceof BinaryRow binary && binary.getFieldCount() == rowType.fieldCount()) {
            writeSection(pos, binary);
        } else {
            writeSection(pos, BinaryCopiers.toBinaryRow(value, BinaryCopiers.forFields(rowType)));
        }
    }

    /** Writes a nested value that is already in binary form, copying its bytes. */
    final void writeSection(int pos, BinarySection section) {
        writeVar(claim(pos), section.bytes, section.offset, section.sizeInBytes);
    }

    private void writeVar(int slot, byte[] source, int offset, int length) {
        ensureCapacity(cursor + length);
        System.arraycopy(source, offset, buffer, cursor, length);
        pointTo(slot, length);
    }

    /** Points a slot at the {@code length} bytes just written at the cursor, and moves the cursor past them. */
    private void pointTo(int slot, int length) {
        LONG.set(buffer, slot, ((long) cursor << 32) | length);
        cursor += length;
    }

    private void ensureCapacity(int needed) {
        if (needed < 0) {
            throw new IllegalStateException("A binary row or array cannot exceed 2 GB");
        }
        if (needed > buffer.length) {
            int newLength = (int) Math.min(Integer.MAX_VALUE - 8, Math.max(needed, 2L * buffer.length));
            buffer = Arrays.copyOf(buffer, Math.max(newLength, needed));
        }
    }
}
