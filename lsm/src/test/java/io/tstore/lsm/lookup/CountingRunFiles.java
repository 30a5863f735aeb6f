package io.tstore.lsm.lookup;

import io.tstore.lsm.KeyValue;
import io.tstore.lsm.RecordReader;
import io.tstore.lsm.file.LsmFile;
import io.tstore.lsm.file.RunFiles;
import io.tstore.lsm.file.RunWriter;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Wraps {@link RunFiles} and records which data files are read, in order. */
final class CountingRunFiles<K, V> implements RunFiles<K, V> {
    private final RunFiles<K, V> delegate;
    private final List<LsmFile<K>> reads = new ArrayList<>();

    CountingRunFiles(RunFiles<K, V> delegate) {
        this.delegate = delegate;
    }

    @Override
    public RecordReader<KeyValue<K, V>> read(LsmFile<K> file) throws IOException {
        synchronized (reads) {
            reads.add(file);
        }
        return delegate.read(file);
    }

    @Override
    public RunWriter<K, V> newWriter(int level) {
        return delegate.newWriter(level);
    }

    @Override
    public void delete(LsmFile<K> file) {
        delegate.delete(file);
    }

    /** Every read so far, oldest first. */
    List<LsmFile<K>> reads() {
        synchronized (reads) {
            return List.copyOf(reads);
        }
    }

    int readCount() {
        synchronized (reads) {
            return reads.size();
        }
    }

    /** The reads after the first {@code from}. */
    List<LsmFile<K>> readsSince(int from) {
        synchronized (reads) {
            return List.copyOf(reads.subList(from, reads.size()));
        }
    }
}
