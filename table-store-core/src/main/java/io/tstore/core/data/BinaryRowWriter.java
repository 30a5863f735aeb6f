package io.tstore.core.data;

import java.util.Arrays;

/**
 * Builds {@link BinaryRow}s: write every field once, in order (a value or {@link #setNullAt}), then
 * {@link #complete()}. The writer reuses its buffer from row to row, and is not thread-safe.
 *
 * <pre>
 * BinaryRowWriter writer = new BinaryRowWriter(2);
 * writer.writeInt(0, 42);
 * writer.writeString(1, BinaryString.fromString("a"));
 * BinaryRow row = writer.complete();
 * </pre>
 */
public final class BinaryRowWriter extends BinaryWriter {
    private final int numFields;

    public BinaryRowWriter(int numFields) {
        super(0, numFields);
        this.numFields = numFields;
    }

    /** Drops what was written so far and starts a new row. */
    public void reset() {
        start(numFields);
    }

    /** The row written since the last reset, with its own bytes; the writer then starts a new row. */
    public BinaryRow complete() {
        int size = finish();
        BinaryRow row = BinaryRow.fromBytes(Arrays.copyOf(buffer, size), numFields);
        reset();
        return row;
    }
}
