package io.tstore.lsm;

import io.tstore.lsm.buffer.MemoryOwner;
import io.tstore.lsm.buffer.MemoryPool;
import io.tstore.lsm.buffer.WriteBuffer;
import io.tstore.lsm.compact.CompactManager;
import io.tstore.lsm.compact.CompactResult;
import io.tstore.lsm.file.LsmFile;
import io.tstore.lsm.file.RunFiles;
import io.tstore.lsm.file.RunWriter;
import io.tstore.lsm.io.KeyValueSerializer;
import io.tstore.lsm.merge.MergeFunctionFactory;
import io.tstore.lsm.merge.MergeFunctionReader;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;

import static java.util.Objects.requireNonNull;

/**
 * Writes one LSM tree: records get increasing sequence numbers and go into the write buffer; a full buffer is
 * sorted, merged per key and flushed as level-0 files; compaction runs beside the writer and writes stall only
 * when the tree has more sorted runs than the stop trigger. {@link #prepareCommit} returns what changed since
 * the last commit.
 *
 * <p>Thread-safe: the methods lock the writer, so another writer sharing the memory pool may make this one
 * flush from its own thread.
 */
public final class MergeTreeWriter<K, V> implements MemoryOwner, Closeable {
    private final ReentrantLock lock = new ReentrantLock();
    private final MemoryPool pool;
    private final WriteBuffer<K, V> buffer;
    private final Comparator<K> keyComparator;
    private final MergeFunctionFactory<K, V> mergeFunctionFactory;
    private final RunFiles<K, V> files;
    private final CompactManager<K, V> compactManager;
    private final boolean writeInputChangelog;
    private final boolean compactLevel0BeforeCommit;

    private final List<LsmFile<K>> newFiles = new ArrayList<>();
    private final List<LsmFile<K>> changelogFiles = new ArrayList<>();
    private final Map<String, LsmFile<K>> compactBefore = new LinkedHashMap<>();
    private final Map<String, LsmFile<K>> compactAfter = new LinkedHashMap<>();
    private final List<LsmFile<K>> compactChangelog = new ArrayList<>();
    /** Names of files that compactions since the last commit wrote (not merely moved). */
    private final Set<String> writtenByCompaction = new HashSet<>();
    private long sequenceNumber;
    private boolean closed;

    /**
     * @param spillDirectory local directory for spill files, or null when the buffer must not spill
     * @param writeInputChangelog whether each flush also writes the input records as changelog files
     */
    public MergeTreeWriter(
            MemoryPool pool,
            KeyValueSerializer<K, V> serializer,
            Comparator<K> keyComparator,
            Path spillDirectory,
            int maxSpillFiles,
            MergeFunctionFactory<K, V> mergeFunctionFactory,
            RunFiles<K, V> files,
            CompactManager<K, V> compactManager,
            boolean writeInputChangelog) {
        this(pool, serializer, keyComparator, spillDirectory, maxSpillFiles, mergeFunctionFactory, files, compactManager,
                writeInputChangelog, null);
    }

    /** @param normalizedKey speeds up sorting the write buffer; null to sort with the comparator alone */
    public MergeTreeWriter(
            MemoryPool pool,
            KeyValueSerializer<K, V> serializer,
            Comparator<K> keyComparator,
            Path spillDirectory,
            int maxSpillFiles,
            MergeFunctionFactory<K, V> mergeFunctionFactory,
            RunFiles<K, V> files,
            CompactManager<K, V> compactManager,
            boolean writeInputChangelog,
            io.tstore.lsm.buffer.NormalizedKey<K> normalizedKey) {
        this(pool, serializer, keyComparator, spillDirectory, maxSpillFiles, mergeFunctionFactory, files, compactManager,
                writeInputChangelog, normalizedKey, false);
    }

    /**
     * @param compactLevel0BeforeCommit whether every commit first compacts all level-0 files into higher levels
     *     (the compact manager's strategy must then pick level 0 whenever it is not empty, like
     *     {@link io.tstore.lsm.compact.ForceLevel0Compaction}). The {@code lookup} changelog producer writes the
     *     changelog of new records in that compaction, so new records reach a commit only through compaction:
     *     a level-0 file flushed and compacted away within one commit is never reported, and its data and its
     *     changelog arrive together in the compaction's output.
     */
    public MergeTreeWriter(
            MemoryPool pool,
            KeyValueSerializer<K, V> serializer,
            Comparator<K> keyComparator,
            Path spillDirectory,
            int maxSpillFiles,
            MergeFunctionFactory<K, V> mergeFunctionFactory,
            RunFiles<K, V> files,
            CompactManager<K, V> compactManager,
            boolean writeInputChangelog,
            io.tstore.lsm.buffer.NormalizedKey<K> normalizedKey,
            boolean compactLevel0BeforeCommit) {
        this.compactLevel0BeforeCommit = compactLevel0BeforeCommit;
        this.pool = requireNonNull(pool, "pool is null");
        this.keyComparator = requireNonNull(keyComparator, "keyComparator is null");
        this.mergeFunctionFactory = requireNonNull(mergeFunctionFactory, "mergeFunctionFactory is null");
        this.files = requireNonNull(files, "files is null");
        this.compactManager = requireNonNull(compactManager, "compactManager is null");
        this.writeInputChangelog = writeInputChangelog;
        this.buffer = new WriteBuffer<>(pool, this, serializer, keyComparator, spillDirectory, maxSpillFiles, normalizedKey);
        this.sequenceNumber = compactManager.levels().maxSequenceNumber();
        pool.register(this);
    }

    public CompactManager<K, V> compactManager() {
        return compactManager;
    }

    /** Adds a record with the next sequence number. */
    public void write(RowKind kind, K key, V value) throws IOException {
        lock.lock();
        try {
            checkOpen();
            KeyValue<K, V> kv = new KeyValue<>(key, sequenceNumber + 1, kind, value);
            if (!buffer.put(kv)) {
                flushWriteBuffer(false);
                if (!buffer.put(kv)) {
                    throw new IllegalStateException("The write buffer cannot take a record even when empty");
                }
            }
            sequenceNumber++;
        } finally {
            lock.unlock();
        }
    }

    /** The sequence number of the last record written. */
    public long sequenceNumber() {
        return sequenceNumber;
    }

    /** Records in the write buffer, in memory or spilled. */
    public long bufferedRecords() {
        return buffer.size();
    }

    /**
     * Flushes the write buffer and returns everything that changed since the last call.
     *
     * @param waitCompaction whether to wait for the running compaction so its result is part of this commit
     */
    public CommitIncrement<K> prepareCommit(boolean waitCompaction) throws IOException {
        lock.lock();
        try {
            checkOpen();
            flushWriteBuffer(waitCompaction || compactLevel0BeforeCommit);
            if (compactLevel0BeforeCommit) {
                compactLevel0();
            } else if (waitCompaction) {
                collectCompaction(true);
            }
            CommitIncrement<K> increment = new CommitIncrement<>(
                    newFiles,
                    changelogFiles,
                    new ArrayList<>(compactBefore.values()),
                    new ArrayList<>(compactAfter.values()),
                    compactChangelog);
            newFiles.clear();
            changelogFiles.clear();
            compactBefore.clear();
            compactAfter.clear();
            compactChangelog.clear();
            writtenByCompaction.clear();
            return increment;
        } finally {
            lock.unlock();
        }
    }

    /** Flushes the buffer and starts a compaction (a full one if asked); the result comes with a later commit. */
    public void compact(boolean fullCompaction) throws IOException {
        lock.lock();
        try {
            checkOpen();
            flushWriteBuffer(true);
            collectCompaction(true);
            compactManager.triggerCompaction(fullCompaction);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public long memoryOccupancy() {
        return buffer.memoryOccupancy();
    }

    @Override
    public boolean tryFlushMemory() throws IOException {
        if (!lock.tryLock()) {
            return false;
        }
        try {
            if (closed || buffer.memoryOccupancy() == 0) {
                return false;
            }
            if (buffer.canSpill()) {
                buffer.spill();
            } else {
                flushWriteBuffer(false);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Compacts until level 0 is empty, waiting for each compaction. */
    private void compactLevel0() throws IOException {
        collectCompaction(true);
        while (!compactManager.levels().level0().isEmpty()) {
            compactManager.triggerCompaction(false);
            if (!compactManager.isCompacting()) {
                throw new IllegalStateException("The compaction strategy picked nothing although level 0 holds "
                        + compactManager.levels().level0().size() + " files; it must compact level 0 before a commit");
            }
            collectCompaction(true);
        }
    }

    private void flushWriteBuffer(boolean waitForLatestCompaction) throws IOException {
        if (!buffer.isEmpty()) {
            if (writeInputChangelog) {
                writeChangelog();
            }
            RunWriter<K, V> writer = files.newWriter(0);
            List<LsmFile<K>> flushed;
            try (MergeFunctionReader<K, V> reader = new MergeFunctionReader<>(
                    buffer.sortedReader(), keyComparator, mergeFunctionFactory.create(), false)) {
                for (KeyValue<K, V> kv = reader.read(); kv != null; kv = reader.read()) {
                    writer.write(kv);
                }
                flushed = writer.close();
            } catch (Throwable t) {
                writer.abort();
                throw t;
            }
            buffer.clear();
            for (LsmFile<K> file : flushed) {
                newFiles.add(file);
                compactManager.addNewFile(file);
            }
        }
        collectCompaction(waitForLatestCompaction || compactManager.shouldWaitForLatestCompaction());
        compactManager.triggerCompaction(false);
    }

    private void writeChangelog() throws IOException {
        RunWriter<K, V> writer = files.newChangelogWriter();
        try (RecordReader<KeyValue<K, V>> reader = buffer.sortedReader()) {
            for (KeyValue<K, V> kv = reader.read(); kv != null; kv = reader.read()) {
                writer.write(kv);
            }
            changelogFiles.addAll(writer.close());
        } catch (Throwable t) {
            writer.abort();
            throw t;
        }
    }

    /**
     * Applies a finished compaction to what this commit reports. Files are identified by name and level, since a
     * compaction may move a file to another level under the same name. A file that an earlier compaction of this
     * commit wrote and a later one removed was never committed: it leaves the report and the disk. Committed and
     * newly flushed files are never deleted here: a snapshot refers to them until expiry removes them.
     */
    private void collectCompaction(boolean blocking) throws IOException {
        Optional<CompactResult<K>> maybeResult = compactManager.getCompactionResult(blocking);
        if (maybeResult.isEmpty()) {
            return;
        }
        CompactResult<K> result = maybeResult.get();
        Set<String> beforeNames = new HashSet<>();
        for (LsmFile<K> file : result.before()) {
            beforeNames.add(file.fileName());
        }
        Set<String> afterNames = new HashSet<>();
        for (LsmFile<K> file : result.after()) {
            afterNames.add(file.fileName());
        }
        Set<String> movedNewFiles = new HashSet<>();
        for (LsmFile<K> file : result.before()) {
            if (compactLevel0BeforeCommit && file.level() == 0 && removeNewFile(file.fileName())) {
                // Flushed in this commit and compacted already: it never reaches the commit. Moved, it is the
                // compaction's own output now; rewritten, it is gone.
                if (afterNames.contains(file.fileName())) {
                    movedNewFiles.add(file.fileName());
                } else {
                    files.delete(file);
                }
            } else if (compactAfter.remove(identity(file)) != null) {
                if (writtenByCompaction.contains(file.fileName()) && !afterNames.contains(file.fileName())) {
                    writtenByCompaction.remove(file.fileName());
                    files.delete(file);
                }
            } else {
                compactBefore.put(identity(file), file);
            }
        }
        for (LsmFile<K> file : result.after()) {
            compactAfter.put(identity(file), file);
            if (!beforeNames.contains(file.fileName()) || movedNewFiles.remove(file.fileName())) {
                writtenByCompaction.add(file.fileName());
            }
        }
        compactChangelog.addAll(result.changelog());
    }

    private boolean removeNewFile(String fileName) {
        return newFiles.removeIf(f -> f.fileName().equals(fileName));
    }

    private static String identity(LsmFile<?> file) {
        return file.fileName() + "@" + file.level();
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("The writer is closed");
        }
    }

    /**
     * Stops compaction and drops the buffer. Files written since the last commit are deleted: no snapshot refers
     * to them.
     */
    @Override
    public void close() throws IOException {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            pool.unregister(this);
            compactManager.cancelCompaction();
            buffer.clear();
            for (LsmFile<K> file : newFiles) {
                files.delete(file);
            }
            for (LsmFile<K> file : compactAfter.values()) {
                if (writtenByCompaction.contains(file.fileName())) {
                    files.delete(file);
                }
            }
            for (LsmFile<K> file : changelogFiles) {
                files.delete(file);
            }
            for (LsmFile<K> file : compactChangelog) {
                files.delete(file);
            }
        } finally {
            lock.unlock();
        }
    }
}
