package io.tstore.lsm.io;

import io.tstore.lsm.KeyValue;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes records to one local file in the engine's binary run format: each record is a marker byte {@code 1}
 * followed by the serialized record, and the file ends with a marker byte {@code 0}. Spill files, local run
 * files and tests use this format; it is local to a process and never part of a table.
 */
public final class RunFileWriter<K, V> implements AutoCloseable {
    static final int RECORD = 1;
    static final int END = 0;

    private final Path path;
    private final KeyValueSerializer<K, V> serializer;
    private final CountingOutputStream counter;
    private final DataOutputStream out;
    private long recordCount;
    private boolean closed;

    public RunFileWriter(Path path, KeyValueSerializer<K, V> serializer) throws IOException {
        this.path = path;
        this.serializer = serializer;
        this.counter = new CountingOutputStream(new BufferedOutputStream(Files.newOutputStream(path), 64 * 1024));
        this.out = new DataOutputStream(counter);
    }

    public void write(KeyValue<K, V> kv) throws IOException {
        out.writeByte(RECORD);
        serializer.write(kv, out);
        recordCount++;
    }

    public long bytesWritten() {
        return counter.count;
    }

    public long recordCount() {
        return recordCount;
    }

    public Path path() {
        return path;
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        out.writeByte(END);
        out.close();
    }

    private static final class CountingOutputStream extends FilterOutputStream {
        private long count;

        CountingOutputStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }
    }
}
