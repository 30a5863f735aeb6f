package io.tstore.core.table;

import io.tstore.core.commit.CommitMessage;
import io.tstore.core.data.BinaryRow;
import io.tstore.core.data.BinaryRowSerializer;
import io.tstore.core.data.InternalRow;
import io.tstore.core.data.InternalRowSerializer;
import io.tstore.core.data.KeyProjection;
import io.tstore.core.data.NormalizedKeys;
import io.tstore.core.data.RowComparator;
import io.tstore.core.data.RowProjection;
import io.tstore.core.file.BucketFunction;
import io.tstore.core.file.DataFileMeta;
import io.tstore.core.file.TablePaths;
import io.tstore.core.format.FileFormat;
import io.tstore.core.fs.Path;
import io.tstore.core.io.KeyValueFileSchema;
import io.tstore.core.io.KeyValueRunFiles;
import io.tstore.core.lifecycle.WriteOnly;
import io.tstore.core.mergetree.MergeFunctions;
import io.tstore.core.options.CoreOptions;
import io.tstore.core.schema.TableSchema;
import io.tstore.lsm.CommitIncrement;
import io.tstore.lsm.MergeTreeWriter;
import io.tstore.lsm.RowKind;
import io.tstore.lsm.buffer.MemoryPool;
import io.tstore.lsm.buffer.NormalizedKey;
import io.tstore.lsm.buffer.WriteBufferOptions;
import io.tstore.lsm.compact.CompactManager;
import io.tstore.lsm.compact.CompactionOptions;
import io.tstore.lsm.compact.MergeTreeCompactRewriter;
import io.tstore.lsm.file.Levels;
import io.tstore.lsm.file.LsmFile;
import io.tstore.lsm.io.KeyValueSerializer;
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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static java.util.Objects.requireNonNull;

/**
 * Writes a primary-key table: one LSM tree per partition and bucket, restored from the latest snapshot when it
 * is first written, with the table's merge engine, file format and compaction options.
 */
public final class KeyValueTableWrite implements TableWrite {
    private final FileStoreTable table;
    private final TableSchema schema;
    private final Options options;
    private final RowValidator validator;
    private final RowProjection partitionProjection;
    private final KeyProjection keyProjection;
    private final RowProjection bucketKeyProjection;
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
    /** Messages of buckets that a failed {@link #prepareCommit} had prepared: see there. */
    private final List<CommitMessage> preparedBeforeFailure = new ArrayList<>();

    /**
     * @param ignorePreviousFiles start every bucket empty, for an overwrite that replaces the existing files
     * @param compactExecutor runs compactions; null for a thread of this writer's own
     */
    public KeyValueTableWrite(FileStoreTable table, boolean ignorePreviousFiles, MemoryPool memoryPool, ExecutorService compactExecutor) {
        this.table = requireNonNull(table, "table is null");
        this.schema = table.schema();
        this.options = schema.options();
        this.validator = new RowValidator(table.name(), schema.rowType());
        this.partitionProjection = RowProjection.of(schema.rowType(), schema.partitionKeys());
        this.keyProjection = KeyProjection.of(schema.rowType(), schema.trimmedPrimaryKeys());
        this.bucketKeyProjection = RowProjection.of(schema.rowType(), schema.bucketKeys());
        this.numBuckets = options.get(CoreOptions.BUCKET);
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
        this.spillDirectory = options.get(WriteBufferOptions.WRITE_BUFFER_SPILLABLE) ? createSpillDirectory() : null;
    }

    private static java.nio.file.Path createSpillDirectory() {
        try {
            return Files.createTempDirectory("tstore-spill");
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
        BinaryRow partition = partitionProjection.apply(row);
        int bucket = BucketFunction.bucket(bucketKeyProjection.apply(row), numBuckets);
        writer(partition, bucket).write(kind, key, row);
    }

    /**
     * {@inheritDoc}
     *
     * <p>When one bucket fails, the messages of the buckets prepared before it are kept: the next call returns
     * them, and {@link #close} deletes their files. Each bucket's writer hands its changes over only once, so
     * dropping them would leave their files behind unreferenced, and a retry would not commit them.
     */
    @Override
    public List<CommitMessage> prepareCommit(boolean waitCompaction) throws IOException {
        List<CommitMessage> messages = new ArrayList<>(preparedBeforeFailure);
        preparedBeforeFailure.clear();
        try {
            for (Map.Entry<BinaryRow, Map<Integer, MergeTreeWriter<BinaryRow, InternalRow>>> partition : writers.entrySet()) {
                for (Map.Entry<Integer, MergeTreeWriter<BinaryRow, InternalRow>> bucket : partition.getValue().entrySet()) {
                    CommitIncrement<BinaryRow> increment = bucket.getValue().prepareCommit(waitCompaction);
                    CommitMessage message = new CommitMessage(
                            partition.getKey(),
                            bucket.getKey(),
                            numBuckets,
                            files(increment.newFiles()),
                            files(increment.changelogFiles()),
                            files(increment.compactBefore()),
                            files(increment.compactAfter()),
                            files(increment.compactChangelog()));
                    if (!message.isEmpty()) {
                        messages.add(message);
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            preparedBeforeFailure.addAll(messages);
            throw e;
        }
        return messages;
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
        Levels<BinaryRow> levels = new Levels<>(keyComparator, restored, CompactionOptions.numLevels(options));
        CompactManager<BinaryRow, InternalRow> compactManager = new CompactManager<>(
                compactExecutor,
                levels,
                WriteOnly.compactStrategy(options),
                new MergeTreeCompactRewriter<>(runFiles, keyComparator, mergeFunctionFactory),
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
                false,
                normalizedKey);
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
        for (CommitMessage message : preparedBeforeFailure) {
            for (DataFileMeta file : message.writtenFiles()) {
                table.fileIO().deleteQuietly(new Path(paths.bucketPath(message.partition(), message.bucket()), file.fileName()));
            }
        }
        preparedBeforeFailure.clear();
        if (ownsExecutor) {
            compactExecutor.shutdownNow();
        }
        if (spillDirectory != null) {
            try (var stream = Files.walk(spillDirectory)) {
                stream.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
