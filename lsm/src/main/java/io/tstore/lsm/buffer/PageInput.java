package io.tstore.lsm.buffer;

import java.io.DataInput;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.List;

/**
 * A {@link DataInput} over a range of the write buffer's pages, in the big-endian form of {@link java.io.DataOutput}.
 * Records are written across page boundaries, so every read checks whether it stays within one page: the usual
 * case reads the page directly, the rare straddling one byte by byte. Replaces a {@link DataInputStream} over an
 * {@link java.io.InputStream}, whose every {@code readLong} went through a temporary array and two divisions.
 */
final class PageInput implements DataInput {
    private static final VarHandle SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private final List<byte[]> pages;
    private final int pageSize;
    private byte[] page;
    private int pageIndex;
    private int pageOffset;
    private long remaining;

    PageInput(List<byte[]> pages, int pageSize) {
        this.pages = pages;
        this.pageSize = pageSize;
    }

    /** Positions the input at {@code start}, allowing {@code length} bytes to be read. */
    void reset(long start, long length) {
        this.pageIndex = (int) (start / pageSize);
        this.pageOffset = (int) (start % pageSize);
        this.page = pageIndex < pages.size() ? pages.get(pageIndex) : null;
        this.remaining = length;
    }

    /** The position of the next byte in the pages. */
    long position() {
        return (long) pageIndex * pageSize + pageOffset;
    }

    private void require(int n) throws EOFException {
        if (remaining < n) {
            throw new EOFException("A record of the write buffer ends " + (n - remaining) + " bytes early");
        }
        remaining -= n;
    }

    /** Reads one byte, moving to the next page at the end of one. */
    private int next() {
        if (pageOffset == pageSize) {
            page = pages.get(++pageIndex);
            pageOffset = 0;
        }
        return page[pageOffset++] & 0xFF;
    }

    /** Reads n bytes (at most 8) big-endian, byte by byte: the path of values that straddle a page boundary. */
    private long readBytes(int n) throws EOFException {
        require(n);
        long value = 0;
        for (int i = 0; i < n; i++) {
            value = (value << 8) | next();
        }
        return value;
    }

    @Override
    public void readFully(byte[] b) throws IOException {
        readFully(b, 0, b.length);
    }

    @Override
    public void readFully(byte[] b, int off, int len) throws IOException {
        require(len);
        while (len > 0) {
            if (pageOffset == pageSize) {
                page = pages.get(++pageIndex);
                pageOffset = 0;
            }
            int n = Math.min(len, pageSize - pageOffset);
            System.arraycopy(page, pageOffset, b, off, n);
            pageOffset += n;
            off += n;
            len -= n;
        }
    }

    @Override
    public int skipBytes(int n) throws IOException {
        int skipped = (int) Math.min(n, remaining);
        long target = position() + skipped;
        remaining -= skipped;
        pageIndex = (int) (target / pageSize);
        pageOffset = (int) (target % pageSize);
        // Keep the invariant that page is the page of pageIndex, or the end of the last page.
        if (pageOffset == 0 && pageIndex > 0) {
            pageIndex--;
            pageOffset = pageSize;
        }
        page = pageIndex < pages.size() ? pages.get(pageIndex) : null;
        return skipped;
    }

    @Override
    public boolean readBoolean() throws IOException {
        return readByte() != 0;
    }

    @Override
    public byte readByte() throws IOException {
        require(1);
        return (byte) next();
    }

    @Override
    public int readUnsignedByte() throws IOException {
        require(1);
        return next();
    }

    @Override
    public short readShort() throws IOException {
        if (pageSize - pageOffset >= Short.BYTES && remaining >= Short.BYTES) {
            remaining -= Short.BYTES;
            short value = (short) SHORT.get(page, pageOffset);
            pageOffset += Short.BYTES;
            return value;
        }
        return (short) readBytes(Short.BYTES);
    }

    @Override
    public int readUnsignedShort() throws IOException {
        return readShort() & 0xFFFF;
    }

    @Override
    public char readChar() throws IOException {
        return (char) readShort();
    }

    @Override
    public int readInt() throws IOException {
        if (pageSize - pageOffset >= Integer.BYTES && remaining >= Integer.BYTES) {
            remaining -= Integer.BYTES;
            int value = (int) INT.get(page, pageOffset);
            pageOffset += Integer.BYTES;
            return value;
        }
        return (int) readBytes(Integer.BYTES);
    }

    @Override
    public long readLong() throws IOException {
        if (pageSize - pageOffset >= Long.BYTES && remaining >= Long.BYTES) {
            remaining -= Long.BYTES;
            long value = (long) LONG.get(page, pageOffset);
            pageOffset += Long.BYTES;
            return value;
        }
        return readBytes(Long.BYTES);
    }

    @Override
    public float readFloat() throws IOException {
        return Float.intBitsToFloat(readInt());
    }

    @Override
    public double readDouble() throws IOException {
        return Double.longBitsToDouble(readLong());
    }

    @Override
    public String readLine() {
        throw new UnsupportedOperationException("The write buffer holds no lines of text");
    }

    @Override
    public String readUTF() throws IOException {
        return DataInputStream.readUTF(this);
    }
}
