package io.tstore.core.fs;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

import static java.util.Objects.checkFromIndexSize;
import static java.util.Objects.requireNonNull;

/**
 * Writes a local file through a buffer, and forces it to disk on close: a snapshot published after a file was
 * written must never refer to bytes that a crash of the machine could still lose.
 */
final class LocalPositionOutputStream extends PositionOutputStream {
    private static final int BUFFER_SIZE = 64 * 1024;

    private final FileChannel channel;
    private final String path;
    private final ByteBuffer buffer = ByteBuffer.allocate(BUFFER_SIZE);
    private long flushed;
    private boolean closed;

    LocalPositionOutputStream(FileChannel channel, String path) {
        this.channel = requireNonNull(channel, "channel is null");
        this.path = requireNonNull(path, "path is null");
    }

    @Override
    public void write(int b) throws IOException {
        ensureOpen();
        if (!buffer.hasRemaining()) {
            flushBuffer();
        }
        buffer.put((byte) b);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        checkFromIndexSize(offset, length, bytes.length);
        ensureOpen();
        if (length >= BUFFER_SIZE) {
            flushBuffer();
            writeFully(ByteBuffer.wrap(bytes, offset, length));
            return;
        }
        if (length > buffer.remaining()) {
            flushBuffer();
        }
        buffer.put(bytes, offset, length);
    }

    @Override
    public long getPos() {
        return flushed + buffer.position();
    }

    @Override
    public void flush() throws IOException {
        ensureOpen();
        flushBuffer();
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try (channel) {
            flushBuffer();
            LocalFileIO.force(channel);
        }
    }

    private void flushBuffer() throws IOException {
        buffer.flip();
        writeFully(buffer);
        buffer.clear();
    }

    private void writeFully(ByteBuffer bytes) throws IOException {
        while (bytes.hasRemaining()) {
            flushed += channel.write(bytes);
        }
    }

    private void ensureOpen() throws IOException {
        if (closed) {
            throw new IOException("Stream of " + path + " is closed");
        }
    }
}
