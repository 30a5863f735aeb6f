package io.tstore.core.fs;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

import static java.util.Objects.checkFromIndexSize;
import static java.util.Objects.requireNonNull;

/**
 * Reads a local file through a {@link FileChannel} with a small buffer, so that a seek within the buffer costs
 * nothing and positional reads never move the stream.
 */
final class LocalSeekableInputStream extends SeekableInputStream {
    private static final int BUFFER_SIZE = 8192;

    private final FileChannel channel;
    private final String path;
    private final byte[] buffer = new byte[BUFFER_SIZE];
    private long bufferStart;
    private int bufferLength;
    private int bufferPosition;
    private boolean closed;

    LocalSeekableInputStream(FileChannel channel, String path) {
        this.channel = requireNonNull(channel, "channel is null");
        this.path = requireNonNull(path, "path is null");
    }

    @Override
    public int read() throws IOException {
        if (bufferPosition == bufferLength && !fill()) {
            return -1;
        }
        return buffer[bufferPosition++] & 0xFF;
    }

    @Override
    public int read(byte[] bytes, int offset, int length) throws IOException {
        checkFromIndexSize(offset, length, bytes.length);
        if (length == 0) {
            return 0;
        }
        if (bufferPosition == bufferLength) {
            if (length >= BUFFER_SIZE) {
                // A large read goes straight to the caller's array; the buffer would only add a copy.
                ensureOpen();
                long position = getPos();
                int n = channel.read(ByteBuffer.wrap(bytes, offset, length), position);
                if (n > 0) {
                    bufferStart = position + n;
                    bufferLength = 0;
                    bufferPosition = 0;
                }
                return n;
            }
            if (!fill()) {
                return -1;
            }
        }
        int n = Math.min(length, bufferLength - bufferPosition);
        System.arraycopy(buffer, bufferPosition, bytes, offset, n);
        bufferPosition += n;
        return n;
    }

    @Override
    public void readFully(long position, byte[] bytes, int offset, int length) throws IOException {
        checkFromIndexSize(offset, length, bytes.length);
        if (position < 0) {
            throw new IllegalArgumentException("position must not be negative: " + position);
        }
        ensureOpen();
        ByteBuffer target = ByteBuffer.wrap(bytes, offset, length);
        while (target.hasRemaining()) {
            int n = channel.read(target, position + target.position() - offset);
            if (n < 0) {
                throw new EOFException(String.format("Reached the end of %s reading %d bytes at position %d: only %d bytes left",
                        path, length, position, target.position() - offset));
            }
        }
    }

    @Override
    public void seek(long position) throws IOException {
        ensureOpen();
        if (position < 0) {
            throw new EOFException("Cannot seek to a negative position in " + path + ": " + position);
        }
        if (position >= bufferStart && position <= bufferStart + bufferLength) {
            bufferPosition = (int) (position - bufferStart);
        } else {
            bufferStart = position;
            bufferLength = 0;
            bufferPosition = 0;
        }
    }

    @Override
    public long getPos() {
        return bufferStart + bufferPosition;
    }

    @Override
    public long skip(long n) throws IOException {
        if (n <= 0) {
            return 0;
        }
        long position = getPos();
        long target = Math.min(position + n, Math.max(position, channel.size()));
        seek(target);
        return target - position;
    }

    @Override
    public int available() throws IOException {
        ensureOpen();
        return (int) Math.min(Integer.MAX_VALUE, Math.max(0, channel.size() - getPos()));
    }

    @Override
    public void close() throws IOException {
        if (!closed) {
            closed = true;
            channel.close();
        }
    }

    private boolean fill() throws IOException {
        ensureOpen();
        long position = getPos();
        int n = channel.read(ByteBuffer.wrap(buffer), position);
        if (n <= 0) {
            return false;
        }
        bufferStart = position;
        bufferLength = n;
        bufferPosition = 0;
        return true;
    }

    private void ensureOpen() throws IOException {
        if (closed) {
            throw new IOException("Stream of " + path + " is closed");
        }
    }
}
