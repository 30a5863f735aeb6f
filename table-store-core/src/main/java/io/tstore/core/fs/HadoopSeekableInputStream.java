package io.tstore.core.fs;

import org.apache.hadoop.fs.FSDataInputStream;

import java.io.IOException;

import static java.util.Objects.checkFromIndexSize;
import static java.util.Objects.requireNonNull;

/** A {@link SeekableInputStream} over a Hadoop stream, using its positional reads. */
final class HadoopSeekableInputStream extends SeekableInputStream {
    private final FSDataInputStream in;

    HadoopSeekableInputStream(FSDataInputStream in) {
        this.in = requireNonNull(in, "in is null");
    }

    @Override
    public int read() throws IOException {
        return in.read();
    }

    @Override
    public int read(byte[] bytes, int offset, int length) throws IOException {
        return in.read(bytes, offset, length);
    }

    @Override
    public void readFully(long position, byte[] bytes, int offset, int length) throws IOException {
        checkFromIndexSize(offset, length, bytes.length);
        in.readFully(position, bytes, offset, length);
    }

    @Override
    public void seek(long position) throws IOException {
        in.seek(position);
    }

    @Override
    public long getPos() throws IOException {
        return in.getPos();
    }

    @Override
    public long skip(long n) throws IOException {
        return in.skip(n);
    }

    @Override
    public int available() throws IOException {
        return in.available();
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
