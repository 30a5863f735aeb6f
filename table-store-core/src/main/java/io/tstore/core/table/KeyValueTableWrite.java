package io.tstore.core.table;

import io.tstore.core.commit.CommitMessage;
import io.tstore.core.data.BinaryRow;
import io.tstore.core.data.BinaryRowSerializer;
import io.tstore.core.data.InternalRow;
import io.tstore.core.data.InternalRowSerializer;
import io.tstore.core.data.KeyProjection;
import io.tstore.core.data.NormalizedKeys;
import io.tstore.core.data.RowComparator;
import io.tstore.core.file.DataFileMeta;
import io.tstore.core.file.RowRouter;
import io.tstore.core.file.TablePaths;
import io.tstore.core.format.FileFormat;
import io.tstore.core.fs.Path;
import io.tstore.core.io.KeyValueFileSchema;
import io.tstore.core.io.KeyValueRunFiles;
import io.tstore.core.lifecycle.WriteOnly;
import io.tstore.core.mergetree.MergeFunctions;
import io.tstore.core.mergetree.RowEquality;
import io.tstore.core.mergetree.SharedLookupCache;
import io.tstore.core.options.ChangelogOptions;
import io.tstore.core.options.ChangelogProducer;
import io.tstore.core.options.CoreOptions;
import io.tstore.core.options.MergeEngine;
import io.tstore.core.schema.TableSchema;
import io.tstore.lsm.CommitIncrement;
import io.tstore.lsm.MergeTreeWriter;
import io.tstore.lsm.RowKind;
import io.tstore.lsm.buffer.MemoryPool;
import io.tstore.lsm.buffer.NormalizedKey;
import io.tstore.lsm.buffer.WriteBufferOptions;
import io.tstore.lsm.compact.CompactManager;
import io.tstore.lsm.compact.CompactRewriter;
import io.tstore.lsm.compact.CompactStrategy;
import io.tstore.lsm.compact.CompactionOptions;
import io.tstore.lsm.compact.ForceLevel0Compaction;
import io.tstore.lsm.compact.FullCompactionChangelogRewriter;
import io.tstore.lsm.compact.LookupChangelogRewriter;
import io.tstore.lsm.compact.MergeTreeCompactRewriter;
import io.tstore.lsm.file.Levels;
import io.tstore.lsm.file.LsmFile;
import io.tstore.lsm.io.KeyValueSerializer;
import io.tstore.lsm.lookup.LookupLevels;
import io.tstore.lsm.lookup.LookupOptions;
import io.tstore.lsm.merge.MergeFunctionFactory;
import io.tstore.options.Options;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicInteger;

import static java.util.Objects.requireNonNull;

/**
 * Writes a primary-key table: one LSM tree per partition and bucket, restored from the latest snapshot when it
 * is first written, with the table's merge engine, file format and compaction options.
 *
 * <p>The {@code changelog-producer} decides what each bucket's writer adds to its commits (docs/changelog.md):
 * <ul>
 *   <li>{@code input}: every flush also writes the records it was given as changelog files;</li>
 *   <li>{@code full-compaction}: every {@code full-compaction.delta-commits} commits, each bucket that is not fully
 *       compacted is (the first time, also those the latest snapshot left so, written or not), and compactions
 *       into the max level write the changelog ({@link FullCompactionChangelogRewriter});</li>
 *   <li>{@code lookup}: level 0 is compacted as soon as it holds files and always before a commit, and those
 *       compactions write the changelog, looking old rows up through {@link LookupLevels}
 *       ({@link LookupChangelogRewriter}).</li>
 * </ul>
 * A writer of an overwrite produces no changelog: its commit is an OVERWRITE snapshot of new files only.
 */
public final class KeyValueTableWrite implements TableWrite {
    private final FileStoreTable table;
    private final TableSchema schema;
    private final Options options;
    private final RowValidator validator;
    private final RowRouter router;
    private final KeyProjection keyProjection;
    private final int numBuckets;
    private final boolean ignoreDelete;
    private final FileFormat format;
    private final TablePaths paths;
    private final KeyValueFileSchema fileSchema;
    private final Comparator<BinaryRow> keyComparator;
    private final NormalizedKey<BinaryRow> normalizedKey;
    private final MergeFunctionFactory<BinaryRow, InternalRow> mergeFunctionFactory;
    private final KeyValueSerializer<BinaryRow, InternalRow> serializer;
    private final MemoryPool memoryPool;
    private final ExecutorService compactExecutor;
    private final boolean ownsExecutor;
    private final java.nio.file.Path spillDirectory;
    private final Map<Long, KeyValueFileSchema> fileSchemas = new HashMap<>();
    private final Map<BinaryRow, Map<Integer, MergeTreeWriter<BinaryRow, InternalRow>>> writers = new LinkedHashMap<>();
    private final LatestFiles latestFiles;
    private final ChangelogProducer changelogProducer;
    private final int fullCompactionDeltaCommits;
    private final RowEquality changelogRowEquality;
    private final int numLevels;
    private final List<LookupLevels<BinaryRow, InternalRow>> lookupLevels = new ArrayList<>();
    private java.nio.file.Path lookupDirectory;
    private long preparedCommits;
    private boolean restoredBucketsCompacted;
    /** Messages of buckets that a failed {@link #prepareCommit} had prepared: see there. */
    private final List<CommitMessage> preparedBeforeFailure = new ArrayList<>();
    /** Flushes buckets beside the committing thread; made on first use, see {@link #flushExecutor}. */
    private ExecutorService flushExecutor;
    /** Whether this writer made {@link #flushExecutor} (and shuts it down), or it is shared. */
    private final boolean ownsFlushExecutor;

    /**
     * @param ignorePreviousFiles start every bucket empty, for an overwrite that replaces the existing files
     * @param compactExecutor runs compactions; null for a thread of this writer's own
     */
    public KeyValueTableWrite(FileStoreTable table, boolean ignorePreviousFiles, MemoryPool memoryPool, ExecutorService compactExecutor) {
        this(table, ignorePreviousFiles, memoryPool, compactExecutor, null);
    }

    /**
     * A writer on resources shared with other writers of the process: their memory budget, compaction and flush
     * threads. Closing it leaves the shared ones running.
     *
     * @param memoryPool the write buffers' memory budget; null for a pool of this writer's own ({@code write-buffer-size})
     * @param compactExecutor runs compactions; null for a thread of this writer's own
     * @param flushExecutor helps flush buckets at a commit; null for threads of this writer's own ({@code write.flush-threads})
     */
    public KeyValueTableWrite(FileStoreTable table, boolean ignorePreviousFiles, MemoryPool memoryPool, ExecutorService compactExecutor,
            ExecutorService flushExecutor) {
        this.table = requireNonNull(table, "table is null");
        this.schema = table.schema();
        this.options = schema.options();
        this.validator = new RowValidator(table.name(), schema.rowType());
        this.keyProjection = KeyProjection.of(schema.rowType(), schema.trimmedPrimaryKeys());
        this.numBuckets = options.get(CoreOptions.BUCKET);
        this.router = new RowRouter(schema.rowType(), schema.partitionKeys(), schema.bucketKeys(), numBuckets);
        this.ignoreDelete = options.get(CoreOptions.IGNORE_DELETE);
        this.latestFiles = new LatestFiles(table, numBuckets, ignorePreviousFiles);
        this.format = FileFormat.fromOptions(options);
        this.paths = new TablePaths(table.location(), schema.logicalPartitionType());
        this.fileSchema = new KeyValueFileSchema(keyProjection.keyType(), schema.rowType());
        RowComparator keyOrder = new RowComparator(keyProjection.keyType());
        this.keyComparator = keyOrder::compare;
        this.normalizedKey = NormalizedKeys.forKeyType(keyProjection.keyType());
        this.mergeFunctionFactory = MergeFunctions.factory(schema.rowType(), schema.primaryKeys(), options);
        this.serializer = new KeyValueSerializer<>(
                new BinaryRowSerializer(keyProjection.keyType().fieldCount()), new InternalRowSerializer(schema.rowType()));
        this.memoryPool = memoryPool != null
                ? memoryPool
                : new MemoryPool(options.get(WriteBufferOptions.WRITE_BUFFER_SIZE), options.get(WriteBufferOptions.PAGE_SIZE));
        this.ownsExecutor = compactExecutor == null;
        this.compactExecutor = compactExecutor != null ? compactExecutor : Executors.newSingleThreadExecutor(r -> {
            Thread thread = new Thread(r, "compaction-" + table.name());
            thread.setDaemon(true);
            return thread;
        });
        this.spillDirectory = options.get(WriteBufferOptions.WRITE_BUFFER_SPILLABLE) ? createTempDirectory("tstore-spill") : null;
        // An overwrite replaces files and commits only new ones (no changelog, no compaction): its followers see
        // an OVERWRITE snapshot, not changes.
        this.changelogProducer = ignorePreviousFiles ? ChangelogProducer.NONE : options.get(ChangelogOptions.CHANGELOG_PRODUCER);
        this.fullCompactionDeltaCommits = options.get(ChangelogOptions.FULL_COMPACTION_DELTA_COMMITS);
        this.changelogRowEquality = options.get(ChangelogOptions.CHANGELOG_ROW_DEDUPLICATE) ? new RowEquality(schema.rowType()) : null;
        this.numLevels = CompactionOptions.numLevels(options);
        this.flushExecutor = flushExecutor;
        this.ownsFlushExecutor = flushExecutor == null;
    }

    private static java.nio.file.Path createTempDirectory(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void write(InternalRow row) throws IOException {
        validator.validate(row);
        RowKind kind = row.getRowKind();
        if (ignoreDelete && kind.isRetract()) {
            return;
        }
        BinaryRow key;
        try {
            key = keyProjection.apply(row);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Table " + table.name() + ": " + e.getMessage(), e);
        }
        BinaryRow partition = router.partition(row);
        int bucket = router.bucket(row);
        writer(partition, bucket).write(kind, key, row);
    }

    /**
     * {@inheritDoc}
     *
     * <p>The buckets are flushed in parallel, on this thread and up to one flush thread per further core: each flush
     * sorts its bucket's write buffer and writes its files, alone on its tree.
     *
     * <p>When a bucket fails, the messages of the other buckets are kept: the next call returns them, and
     * {@link #close} deletes their files. Each bucket's writer hands its changes over only once, so dropping them
     * would leave their files behind unreferenced, and a retry would not commit them.
     */
    @Override
    public List<CommitMessage> prepareCommit(boolean waitCompaction) throws IOException {
        List<CommitMessage> messages = new ArrayList<>(preparedBeforeFailure);
        preparedBeforeFailure.clear();
        boolean fullCompaction = changelogProducer == ChangelogProducer.FULL_COMPACTION
                && ++preparedCommits % fullCompactionDeltaCommits == 0;
        try {
            if (fullCompaction && !restoredBucketsCompacted) {
                // Buckets that an earlier writer left with changes below the max level have no changelog for
                // them yet: compact them too, written by this writer or not.
                for (Map.Entry<BinaryRow, Integer> bucket : latestFiles.bucketsBelowLevel(numLevels - 1)) {
                    writer(bucket.getKey(), bucket.getValue());
                }
                restoredBucketsCompacted = true;
            }
        } catch (IOException | RuntimeException e) {
            preparedBeforeFailure.addAll(messages);
            throw e;
        }
        List<BucketFlush> flushes = new ArrayList<>();
        for (Map.Entry<BinaryRow, Map<Integer, MergeTreeWriter<BinaryRow, InternalRow>>> partition : writers.entrySet()) {
            for (Map.Entry<Integer, MergeTreeWriter<BinaryRow, InternalRow>> bucket : partition.getValue().entrySet()) {
                flushes.add(new BucketFlush(partition.getKey(), bucket.getKey(), bucket.getValue(), waitCompaction, fullCompaction));
            }
        }
        Throwable failure = runFlushes(flushes);
        for (BucketFlush flush : flushes) {
            if (flush.message != null && !flush.message.isEmpty()) {
                messages.add(flush.message);
            }
        }
        if (failure != null) {
            preparedBeforeFailure.addAll(messages);
            if (failure instanceof IOException e) {
                throw e;
            }
            if (failure instanceof RuntimeException e) {
                throw e;
            }
            throw (Error) failure;
        }
        return messages;
    }

    /**
     * The flush threads, made on first use: one fewer than {@code write.flush-threads} (by default the cores), as the
     * committing thread flushes too.
     */
    private synchronized ExecutorService flushExecutor() {
        if (flushExecutor == null) {
            int threads = options.getOptional(CoreOptions.WRITE_FLUSH_THREADS).orElse(Runtime.getRuntime().availableProcessors()) - 1;
            if (threads < 1) {
                return null;
            }
            AtomicInteger count = new AtomicInteger();
            flushExecutor = Executors.newFixedThreadPool(threads, r -> {
                Thread thread = new Thread(r, "flush-" + table.name() + "-" + count.incrementAndGet());
                thread.setDaemon(true);
                return thread;
            });
        }
        return flushExecutor;
    }

    /**
     * Runs every flush, on this thread and the executor's threads, each taking the next flush not yet taken, and
     * returns the first failure (later ones suppressed into it), or null. Every flush runs even when one fails.
     * Waits for all of them even when interrupted, since they change the writers; the interrupt is kept.
     */
    private Throwable runFlushes(List<BucketFlush> flushes) {
        AtomicInteger next = new AtomicInteger();
        List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        Runnable worker = () -> {
            for (int i = next.getAndIncrement(); i < flushes.size(); i = next.getAndIncrement()) {
                try {
                    flushes.get(i).run();
                } catch (Throwable t) {
                    failures.add(t);
                }
            }
        };
        List<Future<?>> helpers = new ArrayList<>();
        ExecutorService threads = flushes.size() > 1 ? flushExecutor() : null;
        if (threads != null) {
            int poolSize = threads instanceof ThreadPoolExecutor pool ? pool.getMaximumPoolSize() : flushes.size() - 1;
            int helperCount = Math.min(flushes.size() - 1, poolSize);
            for (int i = 0; i < helperCount; i++) {
                helpers.add(threads.submit(worker));
            }
        }
        worker.run();
        boolean interrupted = false;
        for (Future<?> helper : helpers) {
            while (true) {
                try {
                    helper.get();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    failures.add(e.getCause()); // the worker catches everything; only an Error could get here
                    break;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (failures.isEmpty()) {
            return null;
        }
        Throwable first = failures.get(0);
        for (Throwable other : failures.subList(1, failures.size())) {
            first.addSuppressed(other);
        }
        return first;
    }

    /** The flush of one bucket's writer in {@link #prepareCommit}, and its message once done. */
    private final class BucketFlush {
        final BinaryRow partition;
        final int bucket;
        final MergeTreeWriter<BinaryRow, InternalRow> writer;
        final boolean waitCompaction;
        final boolean fullCompaction;
        CommitMessage message;

        BucketFlush(BinaryRow partition, int bucket, MergeTreeWriter<BinaryRow, InternalRow> writer, boolean waitCompaction,
                boolean fullCompaction) {
            this.partition = partition;
            this.bucket = bucket;
            this.writer = writer;
            this.waitCompaction = waitCompaction;
            this.fullCompaction = fullCompaction;
        }

        void run() throws IOException {
            if (fullCompaction) {
                // The full-compaction changelog producer: the compaction's changelog comes with this commit.
                writer.compact(true);
            }
            CommitIncrement<BinaryRow> increment = writer.prepareCommit(waitCompaction || fullCompaction);
            message = new CommitMessage(
                    partition,
                    bucket,
                    numBuckets,
                    files(increment.newFiles()),
                    files(increment.changelogFiles()),
                    files(increment.compactBefore()),
                    files(increment.compactAfter()),
                    files(increment.compactChangelog()));
        }
    }

    @Override
    public void compact(BinaryRow partition, int bucket, boolean fullCompaction) throws IOException {
        writer(partition, bucket).compact(fullCompaction);
    }

    private static List<DataFileMeta> files(List<LsmFile<BinaryRow>> files) {
        List<DataFileMeta> metas = new ArrayList<>(files.size());
        for (LsmFile<BinaryRow> file : files) {
            metas.add((DataFileMeta) file);
        }
        return metas;
    }

    private MergeTreeWriter<BinaryRow, InternalRow> writer(BinaryRow partition, int bucket) throws IOException {
        Map<Integer, MergeTreeWriter<BinaryRow, InternalRow>> buckets = writers.get(partition);
        MergeTreeWriter<BinaryRow, InternalRow> writer = buckets == null ? null : buckets.get(bucket);
        if (writer == null) {
            BinaryRow partitionCopy = partition.copy();
            writer = createWriter(partitionCopy, bucket, latestFiles.of(partitionCopy, bucket));
            writers.computeIfAbsent(partitionCopy, k -> new HashMap<>()).put(bucket, writer);
        }
        return writer;
    }

    private MergeTreeWriter<BinaryRow, InternalRow> createWriter(BinaryRow partition, int bucket, List<DataFileMeta> restored) {
        KeyValueRunFiles runFiles = new KeyValueRunFiles(
                table.fileIO(),
                paths.bucketPath(partition, bucket),
                format,
                fileSchema,
                schema.id(),
                this::fileSchemaOf,
                keyComparator,
                options.get(CoreOptions.TARGET_FILE_SIZE).bytes(),
                () -> paths.newDataFileName(format.type()),
                () -> paths.newChangelogFileName(format.type()),
                System::currentTimeMillis);
        Levels<BinaryRow> levels = new Levels<>(keyComparator, restored, numLevels);
        // A write-only writer never compacts on its own; with the lookup producer, the separate compactor's
        // compaction of level 0 writes the changelog.
        boolean writeOnly = WriteOnly.isWriteOnly(options);
        CompactStrategy strategy = WriteOnly.compactStrategy(options);
        CompactRewriter<BinaryRow, InternalRow> rewriter;
        switch (changelogProducer) {
            case LOOKUP: {
                LookupLevels<BinaryRow, InternalRow> lookup = newLookupLevels(levels, runFiles, partition, bucket);
                // The latest version alone is the row only for deduplicate without a sequence field.
                boolean latestWins = options.get(CoreOptions.MERGE_ENGINE) == MergeEngine.DEDUPLICATE
                        && options.get(CoreOptions.SEQUENCE_FIELD) == null;
                rewriter = new LookupChangelogRewriter<>(
                        runFiles, keyComparator, mergeFunctionFactory, lookup, latestWins, changelogRowEquality);
                if (!writeOnly) {
                    strategy = new ForceLevel0Compaction(strategy);
                }
                break;
            }
            case FULL_COMPACTION:
                rewriter = new FullCompactionChangelogRewriter<>(
                        runFiles, keyComparator, mergeFunctionFactory, numLevels, changelogRowEquality);
                break;
            default:
                rewriter = new MergeTreeCompactRewriter<>(runFiles, keyComparator, mergeFunctionFactory);
                break;
        }
        CompactManager<BinaryRow, InternalRow> compactManager = new CompactManager<>(
                compactExecutor,
                levels,
                strategy,
                rewriter,
                runFiles,
                WriteOnly.stopTrigger(options),
                options.get(CoreOptions.TARGET_FILE_SIZE).bytes() / 2);
        return new MergeTreeWriter<>(
                memoryPool,
                serializer,
                keyComparator,
                spillDirectory,
                options.get(WriteBufferOptions.MAX_SPILL_FILES),
                mergeFunctionFactory,
                runFiles,
                compactManager,
                changelogProducer == ChangelogProducer.INPUT,
                normalizedKey,
                changelogProducer == ChangelogProducer.LOOKUP && !writeOnly);
    }

    private LookupLevels<BinaryRow, InternalRow> newLookupLevels(
            Levels<BinaryRow> levels, KeyValueRunFiles runFiles, BinaryRow partition, int bucket) {
        if (lookupDirectory == null) {
            lookupDirectory = createTempDirectory("tstore-lookup");
        }
        // Unique among the open lookup levels of the process, which share one cache.
        String namespace = paths.bucketPath(partition, bucket) + "#" + UUID.randomUUID();
        LookupLevels<BinaryRow, InternalRow> lookup = new LookupLevels<>(
                levels,
                keyComparator,
                runFiles,
                serializer,
                SharedLookupCache.get(options),
                namespace,
                lookupDirectory.resolve("bucket-" + lookupLevels.size()),
                options.get(LookupOptions.LOCAL_FILE_BLOCK_SIZE));
        lookupLevels.add(lookup);
        return lookup;
    }

    /** The file layout of an older schema, for reading files written with it. */
    private synchronized KeyValueFileSchema fileSchemaOf(long schemaId) {
        return fileSchemas.computeIfAbsent(schemaId, id -> {
            try {
                TableSchema old = table.schemaManager().schema(id);
                return new KeyValueFileSchema(old.logicalTrimmedPrimaryKeyType(), old.rowType());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    @Override
    public void close() throws IOException {
        IOException failure = null;
        for (Map<Integer, MergeTreeWriter<BinaryRow, InternalRow>> buckets : writers.values()) {
            for (MergeTreeWriter<BinaryRow, InternalRow> writer : buckets.values()) {
                try {
                    writer.close();
                } catch (IOException e) {
                    if (failure == null) {
                        failure = e;
                    } else {
                        failure.addSuppressed(e);
                    }
                }
            }
        }
        writers.clear();
        // After the writers: their compactions, which look up, have stopped.
        for (LookupLevels<BinaryRow, InternalRow> lookup : lookupLevels) {
            lookup.close();
        }
        lookupLevels.clear();
        for (CommitMessage message : preparedBeforeFailure) {
            for (DataFileMeta file : message.writtenFiles()) {
                table.fileIO().deleteQuietly(new Path(paths.bucketPath(message.partition(), message.bucket()), file.fileName()));
            }
        }
        preparedBeforeFailure.clear();
        if (ownsExecutor) {
            compactExecutor.shutdownNow();
        }
        synchronized (this) {
            if (flushExecutor != null && ownsFlushExecutor) {
                flushExecutor.shutdown();
            }
        }
        for (java.nio.file.Path directory : new java.nio.file.Path[] {spillDirectory, lookupDirectory}) {
            if (directory != null && Files.exists(directory)) {
                try (var stream = Files.walk(directory)) {
                    stream.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
