package io.tstore.core.format;

import io.tstore.core.fs.FileIO;
import io.tstore.core.fs.FileStatus;
import io.tstore.core.fs.Path;
import io.tstore.core.fs.PositionOutputStream;
import io.tstore.core.fs.PublishResult;
import io.tstore.core.fs.SeekableInputStream;

import java.io.ByteArrayOutputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A {@link FileIO} that keeps files in memory under a scheme no Hadoop file system knows ({@code mem://}): formats
 * that work on it do all their I/O through the {@code FileIO}. Files appear when their stream is closed, as on an
 * object store. Counts the input streams it opens and those not closed yet.
 */
final class InMemoryFileIO implements FileIO {
    private final Map<Path, byte[]> files = new ConcurrentHashMap<>();
    final AtomicInteger openedInputs = new AtomicInteger();
    /** The input streams opened and not closed yet. */
    final AtomicInteger openInputs = new AtomicInteger();

    @Override
    public SeekableInputStream newInputStream(Path path) throws IOException {
        byte[] content = files.get(path);
        if (content == null) {
            throw new FileNotFoundException("No file " + path);
        }
        openedInputs.incrementAndGet();
        openInputs.incrementAndGet();
        return new SeekableInputStream() {
            private int pos;
            private boolean closed;

            @Override
            public void close() {
                if (!closed) {
                    closed = true;
                    openInputs.decrementAndGet();
                }
            }

            @Override
            public void seek(long position) {
                pos = (int) position;
            }

            @Override
            public long getPos() {
                return pos;
            }

            @Override
            public int read() {
                return pos < content.length ? content[pos++] & 0xff : -1;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) {
                if (length == 0) {
                    return 0;
                }
                if (pos >= content.length) {
                    return -1;
                }
                int n = Math.min(length, content.length - pos);
                System.arraycopy(content, pos, buffer, offset, n);
                pos += n;
                return n;
            }
        };
    }

    @Override
    public PositionOutputStream newOutputStream(Path path, boolean overwrite) throws IOException {
        if (!overwrite && files.containsKey(path)) {
            throw new FileAlreadyExistsException(path.toString());
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        return new PositionOutputStream() {
            private boolean closed;

            @Override
            public long getPos() {
                return bytes.size();
            }

            @Override
            public void write(int b) throws IOException {
                checkOpen();
                bytes.write(b);
            }

            @Override
            public void write(byte[] buffer, int offset, int length) throws IOException {
                checkOpen();
                bytes.write(buffer, offset, length);
            }

            private void checkOpen() throws IOException {
                if (closed) {
                    throw new IOException("Stream of " + path + " is closed");
                }
            }

            @Override
            public void close() {
                if (!closed) {
                    closed = true;
                    files.put(path, bytes.toByteArray());
                }
            }

            @Override
            public String toString() {
                return path.toString();
            }
        };
    }

    @Override
    public FileStatus getFileStatus(Path path) throws IOException {
        byte[] content = files.get(path);
        if (content == null) {
            throw new FileNotFoundException("No file " + path);
        }
        return new FileStatus(path, content.length, false, 0);
    }

    @Override
    public FileStatus[] listStatus(Path path) {
        return files.keySet().stream()
                .filter(p -> path.equals(p.getParent()))
                .sorted()
                .map(p -> new FileStatus(p, files.get(p).length, false, 0))
                .toArray(FileStatus[]::new);
    }

    @Override
    public boolean exists(Path path) {
        return files.containsKey(path);
    }

    @Override
    public boolean delete(Path path, boolean recursive) {
        return files.remove(path) != null;
    }

    @Override
    public boolean mkdirs(Path path) {
        return true;
    }

    @Override
    public boolean rename(Path src, Path dst) throws IOException {
        byte[] content = files.get(src);
        if (content == null) {
            throw new FileNotFoundException("No file " + src);
        }
        if (files.putIfAbsent(dst, content) != null) {
            return false;
        }
        files.remove(src);
        return true;
    }

    @Override
    public PublishResult publish(Path target, byte[] content) {
        return files.putIfAbsent(target, content.clone()) == null ? PublishResult.PUBLISHED : PublishResult.ALREADY_EXISTS;
    }

    @Override
    public boolean isObjectStore() {
        return true;
    }

    @Override
    public boolean supportsAtomicPublish() {
        return true;
    }

    @Override
    public String toString() {
        return "InMemoryFileIO";
    }
}
