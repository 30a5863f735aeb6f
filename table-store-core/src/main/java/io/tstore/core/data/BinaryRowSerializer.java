package io.tstore.core.data;

import io.tstore.lsm.io.Serializer;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Writes {@link BinaryRow}s of a fixed field count as a 4-byte length and the row's bytes; the key serializer
 * of the LSM tree. The row kind is not written (keys have none): rows read back are INSERT.
 */
public final class BinaryRowSerializer implements Serializer<BinaryRow> {
    private final int numFields;
    private final int minSize;

    public BinaryRowSerializer(int numFields) {
        if (numFields < 0) {
            throw new IllegalArgumentException("A row cannot have " + numFields + " fields");
        }
        this.numFields = numFields;
        this.minSize = BinaryRow.fixedPartSize(numFields);
    }

    public int numFields() {
        return numFields;
    }

    @Override
    public void write(BinaryRow row, DataOutput out) throws IOException {
        if (row.getFieldCount() != numFields) {
            throw new IllegalArgumentException("Cannot write a row of " + row.getFieldCount()
                    + " fields with a serializer for rows of " + numFields + " fields");
        }
        out.writeInt(row.sizeInBytes());
        row.writeTo(out);
    }

    @Override
    public BinaryRow read(DataInput in) throws IOException {
        int size = in.readInt();
        if (size < minSize) {
            throw new IOException("Corrupt binary row: length " + size + " is less than the " + minSize
                    + " bytes of a row of " + numFields + " fields");
        }
        byte[] bytes = new byte[size];
        in.readFully(bytes);
        return BinaryRow.fromBytes(bytes, numFields);
    }
}
