package io.tstore.lsm.buffer;

import java.io.DataOutput;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UTFDataFormatException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * A growable byte array that a record is serialized into before it is copied to the pages, in the big-endian form
 * of {@link DataOutputStream}. Unlike a {@code DataOutputStream} over a {@code ByteArrayOutputStream}, a
 * {@code writeLong} is one store, not eight bytes through a synchronized stream.
 */
final class ScratchOutput implements DataOutput {
    private static final VarHandle SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private byte[] buffer = new byte[256];
    private int size;

    void reset() {
        size = 0;
    }

    int size() {
        return size;
    }

    byte[] buffer() {
        return buffer;
    }

    private void ensure(int more) {
        if (buffer.length - size < more) {
            long needed = (long) size + more;
            if (needed > Integer.MAX_VALUE - 8) {
                throw new IllegalStateException("A record of " + needed + " bytes is too large for the write buffer");
            }
            buffer = Arrays.copyOf(buffer, (int) Math.max(needed, Math.min(2L * buffer.length, Integer.MAX_VALUE - 8)));
        }
    }

    @Override
    public void write(int b) {
        ensure(1);
        buffer[size++] = (byte) b;
    }

    @Override
    public void write(byte[] b) {
        write(b, 0, b.length);
    }

    @Override
    public void write(byte[] b, int off, int len) {
        ensure(len);
        System.arraycopy(b, off, buffer, size, len);
        size += len;
    }

    @Override
    public void writeBoolean(boolean v) {
        write(v ? 1 : 0);
    }

    @Override
    public void writeByte(int v) {
        write(v);
    }

    @Override
    public void writeShort(int v) {
        ensure(Short.BYTES);
        SHORT.set(buffer, size, (short) v);
        size += Short.BYTES;
    }

    @Override
    public void writeChar(int v) {
        writeShort(v);
    }

    @Override
    public void writeInt(int v) {
        ensure(Integer.BYTES);
        INT.set(buffer, size, v);
        size += Integer.BYTES;
    }

    @Override
    public void writeLong(long v) {
        ensure(Long.BYTES);
        LONG.set(buffer, size, v);
        size += Long.BYTES;
    }

    @Override
    public void writeFloat(float v) {
        writeInt(Float.floatToIntBits(v));
    }

    @Override
    public void writeDouble(double v) {
        writeLong(Double.doubleToLongBits(v));
    }

    @Override
    public void writeBytes(String s) {
        int length = s.length();
        ensure(length);
        for (int i = 0; i < length; i++) {
            buffer[size++] = (byte) s.charAt(i);
        }
    }

    @Override
    public void writeChars(String s) {
        int length = s.length();
        for (int i = 0; i < length; i++) {
            writeChar(s.charAt(i));
        }
    }

    @Override
    public void writeUTF(String s) throws IOException {
        // Modified UTF-8 as DataOutputStream writes it; only the length limit needs the same check.
        int start = size;
        writeShort(0);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 0x0001 && c <= 0x007F) {
                write(c);
            } else if (c > 0x07FF) {
                write(0xE0 | ((c >> 12) & 0x0F));
                write(0x80 | ((c >> 6) & 0x3F));
                write(0x80 | (c & 0x3F));
            } else {
                write(0xC0 | ((c >> 6) & 0x1F));
                write(0x80 | (c & 0x3F));
            }
        }
        int encoded = size - start - Short.BYTES;
        if (encoded > 65535) {
            size = start;
            throw new UTFDataFormatException("encoded string too long: " + encoded + " bytes");
        }
        SHORT.set(buffer, start, (short) encoded);
    }
}
