package io.tstore.core.fs;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

import static java.util.Objects.checkFromIndexSize;

/**
 * A stream over one file that can jump to any position: columnar readers read a footer first, then the column
 * chunks they need.
 */
public abstract class SeekableInputStream extends InputStream {

    /** Moves to {@code position} bytes from the start of the file; the next read starts there. */
    public abstract void seek(long position) throws IOException;

    /** The position of the next byte this stream reads. */
    public abstract long getPos() throws IOException;

    /**
     * Reads exactly {@code length} bytes at {@code position} into {@code buffer}, leaving {@link #getPos()} where it
     * was. Throws {@link EOFException} when the file ends first. Implementations that can read at a position without
     * moving (a file channel, HDFS) override this; the fallback seeks there and back.
     */
    public void readFully(long position, byte[] buffer, int offset, int length) throws IOException {
        checkFromIndexSize(offset, length, buffer.length);
        if (position < 0) {
            throw new IllegalArgumentException("position must not be negative: " + position);
        }
        synchronized (this) {
            long saved = getPos();
            try {
                seek(position);
                readFully(this, buffer, offset, length, position);
            } finally {
                seek(saved);
            }
        }
    }

    /** Reads exactly {@code length} bytes from the current position; {@link EOFException} when the file ends first. */
    public void readFully(byte[] buffer, int offset, int length) throws IOException {
        checkFromIndexSize(offset, length, buffer.length);
        readFully(this, buffer, offset, length, getPos());
    }

    private static void readFully(InputStream in, byte[] buffer, int offset, int length, long position) throws IOException {
        int done = 0;
        while (done < length) {
            int n = in.read(buffer, offset + done, length - done);
            if (n < 0) {
                throw new EOFException(String.format("Reached the end of the file reading %d bytes at position %d: only %d bytes left", length, position, done));
            }
            done += n;
        }
    }
}
