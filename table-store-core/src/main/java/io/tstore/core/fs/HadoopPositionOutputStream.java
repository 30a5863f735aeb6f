package io.tstore.core.fs;

import org.apache.hadoop.fs.FSDataOutputStream;

import java.io.IOException;

import static java.util.Objects.requireNonNull;

/** A {@link PositionOutputStream} over a Hadoop stream. */
final class HadoopPositionOutputStream extends PositionOutputStream {
    private final FSDataOutputStream out;

    HadoopPositionOutputStream(FSDataOutputStream out) {
        this.out = requireNonNull(out, "out is null");
    }

    @Override
    public void write(int b) throws IOException {
        out.write(b);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        out.write(bytes, offset, length);
    }

    @Override
    public long getPos() {
        return out.getPos();
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
