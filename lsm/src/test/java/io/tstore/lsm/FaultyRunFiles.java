package io.tstore.lsm;

import io.tstore.lsm.file.LsmFile;
import io.tstore.lsm.file.RunFiles;
import io.tstore.lsm.file.RunWriter;

import java.io.IOException;
import java.util.List;
import java.util.Random;

/** Wraps real run files and fails reads and writes at random, to test that failures lose nothing committed. */
public final class FaultyRunFiles<K, V> implements RunFiles<K, V> {
    private final RunFiles<K, V> delegate;
    private final Random random;
    private final double failureProbability;
    private volatile boolean armed = true;
    private volatile int failures;

    public FaultyRunFiles(RunFiles<K, V> delegate, long seed, double failureProbability) {
        this.delegate = delegate;
        this.random = new Random(seed);
        this.failureProbability = failureProbability;
    }

    public void disarm() {
        armed = false;
    }

    public int failures() {
        return failures;
    }

    private void maybeFail(String what) throws IOException {
        boolean fail;
        synchronized (random) {
            fail = armed && random.nextDouble() < failureProbability;
        }
        if (fail) {
            failures++;
            throw new InjectedFailure("injected failure: " + what);
        }
    }

    @Override
    public RecordReader<KeyValue<K, V>> read(LsmFile<K> file) throws IOException {
        maybeFail("open " + file.fileName());
        RecordReader<KeyValue<K, V>> reader = delegate.read(file);
        return new RecordReader<>() {
            @Override
            public KeyValue<K, V> read() throws IOException {
                maybeFail("read " + file.fileName());
                return reader.read();
            }

            @Override
            public void close() throws IOException {
                reader.close();
            }
        };
    }

    @Override
    public RunWriter<K, V> newWriter(int level) {
        return wrap(delegate.newWriter(level));
    }

    @Override
    public RunWriter<K, V> newChangelogWriter() {
        return wrap(delegate.newChangelogWriter());
    }

    private RunWriter<K, V> wrap(RunWriter<K, V> writer) {
        return new RunWriter<>() {
            @Override
            public void write(KeyValue<K, V> record) throws IOException {
                maybeFail("write");
                writer.write(record);
            }

            @Override
            public List<LsmFile<K>> close() throws IOException {
                maybeFail("close");
                return writer.close();
            }

            @Override
            public void abort() {
                writer.abort();
            }
        };
    }

    @Override
    public void delete(LsmFile<K> file) {
        delegate.delete(file);
    }

    /** The exception an injected failure throws, so tests can tell it from a real bug. */
    public static final class InjectedFailure extends IOException {
        public InjectedFailure(String message) {
            super(message);
        }
    }
}
