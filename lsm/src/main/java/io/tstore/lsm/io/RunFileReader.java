package io.tstore.lsm.io;

import io.tstore.lsm.KeyValue;
import io.tstore.lsm.RecordReader;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads a file written by {@link RunFileWriter}, record by record. */
public final class RunFileReader<K, V> implements RecordReader<KeyValue<K, V>> {
    private final Path path;
    private final KeyValueSerializer<K, V> serializer;
    private final DataInputStream in;
    private boolean ended;

    public RunFileReader(Path path, KeyValueSerializer<K, V> serializer) throws IOException {
        this.path = path;
        this.serializer = serializer;
        this.in = new DataInputStream(new BufferedInputStream(Files.newInputStream(path), 64 * 1024));
    }

    @Override
    public KeyValue<K, V> read() throws IOException {
        if (ended) {
            return null;
        }
        int marker = in.read();
        if (marker == RunFileWriter.RECORD) {
            return serializer.read(in);
        }
        if (marker == RunFileWriter.END) {
            ended = true;
            return null;
        }
        throw new IOException("Run file " + path + " is truncated or corrupt (marker " + marker + ")");
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
