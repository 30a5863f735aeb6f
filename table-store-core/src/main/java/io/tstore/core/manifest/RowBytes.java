package io.tstore.core.manifest;

import io.tstore.core.data.BinaryRow;

import java.nio.ByteBuffer;

/**
 * The form of a {@link BinaryRow} inside manifests: a 4-byte big-endian field count, then the row's bytes.
 * The field count makes the value readable without the schema.
 */
final class RowBytes {
    private RowBytes() {}

    static ByteBuffer toBuffer(BinaryRow row) {
        byte[] bytes = row.toBytes();
        ByteBuffer buffer = ByteBuffer.allocate(4 + bytes.length);
        buffer.putInt(row.getFieldCount());
        buffer.put(bytes);
        buffer.flip();
        return buffer;
    }

    static BinaryRow fromBuffer(ByteBuffer buffer) {
        ByteBuffer b = buffer.duplicate();
        int numFields = b.getInt();
        if (numFields == 0 && !b.hasRemaining()) {
            return BinaryRow.EMPTY_ROW;
        }
        byte[] bytes = new byte[b.remaining()];
        b.get(bytes);
        return BinaryRow.fromBytes(bytes, numFields);
    }
}
