package io.tstore.lsm.io;

import io.tstore.lsm.KeyValue;
import io.tstore.lsm.RecordReader;
import io.tstore.lsm.file.LsmFile;
import io.tstore.lsm.file.LsmFileMeta;
import io.tstore.lsm.file.RunFiles;
import io.tstore.lsm.file.RunWriter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import static java.util.Objects.requireNonNull;

/**
 * {@link RunFiles} in the local binary run format under one directory, rolling files at a target size. The
 * engine's tests, the LSM demo and the micro benchmarks use it; tables use ORC or Parquet instead.
 */
public final class LocalRunFiles<K, V> implements RunFiles<K, V> {
    private final Path directory;
    private final KeyValueSerializer<K, V> serializer;
    private final Comparator<K> keyComparator;
    private final long targetFileSize;
    private final String prefix = UUID.randomUUID().toString().substring(0, 8);
    private final AtomicLong fileCounter = new AtomicLong();

    public LocalRunFiles(Path directory, KeyValueSerializer<K, V> serializer, Comparator<K> keyComparator, long targetFileSize) {
        this.directory = requireNonNull(directory, "directory is null");
        this.serializer = requireNonNull(serializer, "serializer is null");
        this.keyComparator = requireNonNull(keyComparator, "keyComparator is null");
        if (targetFileSize <= 0) {
            throw new IllegalArgumentException("targetFileSize must be positive: " + targetFileSize);
        }
        this.targetFileSize = targetFileSize;
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path directory() {
        return directory;
    }

    public Path pathOf(LsmFile<K> file) {
        return directory.resolve(file.fileName());
    }

    @Override
    public RecordReader<KeyValue<K, V>> read(LsmFile<K> file) throws IOException {
        return new RunFileReader<>(pathOf(file), serializer);
    }

    @Override
    public RunWriter<K, V> newWriter(int level) {
        return new RollingWriter(level, "data", true);
    }

    @Override
    public RunWriter<K, V> newChangelogWriter() {
        return new RollingWriter(0, "changelog", false);
    }

    @Override
    public void delete(LsmFile<K> file) {
        try {
            Files.deleteIfExists(pathOf(file));
        } catch (IOException ignored) {
            // A file left behind is garbage, not corruption; deletion must not fail the caller.
        }
    }

    /** Names of the files currently in the directory. */
    public List<String> listFileNames() throws IOException {
        try (var stream = Files.list(directory)) {
            return stream.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private final class RollingWriter implements RunWriter<K, V> {
        private final int level;
        private final String kind;
        private final boolean sortedUnique;
        private final List<LsmFile<K>> finished = new ArrayList<>();
        private final List<Path> written = new ArrayList<>();
        private RunFileWriter<K, V> current;
        private K minKey;
        private K maxKey;
        private long minSeq;
        private long maxSeq;
        private long deletes;

        RollingWriter(int level, String kind, boolean sortedUnique) {
            this.level = level;
            this.kind = kind;
            this.sortedUnique = sortedUnique;
        }

        @Override
        public void write(KeyValue<K, V> record) throws IOException {
            if (current == null) {
                Path path = directory.resolve(kind + "-" + prefix + "-" + fileCounter.getAndIncrement() + ".run");
                written.add(path);
                current = new RunFileWriter<>(path, serializer);
                minKey = record.key();
                maxKey = record.key();
                minSeq = Long.MAX_VALUE;
                maxSeq = Long.MIN_VALUE;
                deletes = 0;
            } else if (sortedUnique && keyComparator.compare(maxKey, record.key()) >= 0) {
                throw new IllegalStateException(
                        "Records of a run must arrive in ascending key order: " + record.key() + " after " + maxKey);
            }
            current.write(record);
            if (keyComparator.compare(record.key(), minKey) < 0) {
                minKey = record.key();
            }
            if (keyComparator.compare(record.key(), maxKey) > 0) {
                maxKey = record.key();
            }
            minSeq = Math.min(minSeq, record.sequenceNumber());
            maxSeq = Math.max(maxSeq, record.sequenceNumber());
            if (record.kind().isRetract()) {
                deletes++;
            }
            if (current.bytesWritten() >= targetFileSize) {
                finishCurrent();
            }
        }

        private void finishCurrent() throws IOException {
            current.close();
            long size = Files.size(current.path());
            finished.add(new LsmFileMeta<>(
                    current.path().getFileName().toString(), size, current.recordCount(), deletes,
                    minKey, maxKey, minSeq, maxSeq, level));
            current = null;
        }

        @Override
        public List<LsmFile<K>> close() throws IOException {
            if (current != null) {
                finishCurrent();
            }
            return List.copyOf(finished);
        }

        @Override
        public void abort() {
            if (current != null) {
                try {
                    current.close();
                } catch (IOException ignored) {
                    // deleting below
                }
                current = null;
            }
            for (Path path : written) {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException ignored) {
                    // best effort: an aborted file is garbage
                }
            }
        }
    }
}
