package io.tstore.core.table;

import io.tstore.core.commit.CommitMessage;
import io.tstore.core.data.BinaryRow;
import io.tstore.core.data.InternalRow;
import io.tstore.core.file.DataFileMeta;
import io.tstore.core.file.FileSource;
import io.tstore.core.file.RowRouter;
import io.tstore.core.file.TablePaths;
import io.tstore.core.format.FileFormat;
import io.tstore.core.format.FileStats;
import io.tstore.core.format.FormatWriter;
import io.tstore.core.fs.Path;
import io.tstore.core.io.StatsConverter;
import io.tstore.core.lifecycle.WriteOnly;
import io.tstore.core.options.CoreOptions;
import io.tstore.core.schema.TableSchema;
import io.tstore.lsm.RecordReader;
import io.tstore.lsm.compact.CompactionOptions;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * Writes a table without primary key: rows are appended to data files of their partition and bucket, in the
 * order they arrive. Each file gets a range of sequence numbers, which orders the files of a bucket. When a
 * bucket holds {@code num-sorted-run.compaction-trigger} or more small files (under half the target size), the
 * next commit rewrites the oldest run of adjacent small files into one.
 */
public final class AppendTableWrite implements TableWrite {
    private final FileStoreTable table;
    private final TableSchema schema;
    private final RowValidator validator;
    private final RowRouter router;
    private final int numBuckets;
    private final FileFormat format;
    private final TablePaths paths;
    private final StatsConverter stats;
    private final long targetFileSize;
    private final int compactionTrigger;
    private final boolean writeOnly;
    private final Map<BinaryRow, Map<Integer, BucketWriter>> writers = new LinkedHashMap<>();
    private final LatestFiles latestFiles;
    /** Messages of buckets that a failed {@link #prepareCommit} had prepared: see there. */
    private final List<CommitMessage> preparedBeforeFailure = new ArrayList<>();

    public AppendTableWrite(FileStoreTable table, boolean ignorePreviousFiles) {
        this.table = requireNonNull(table, "table is null");
        this.schema = table.schema();
        this.validator = new RowValidator(table.name(), schema.rowType());
        this.numBuckets = schema.options().get(CoreOptions.BUCKET);
        this.router = new RowRouter(schema.rowType(), schema.partitionKeys(), schema.bucketKeys(), numBuckets);
        this.latestFiles = new LatestFiles(table, numBuckets, ignorePreviousFiles);
        this.format = FileFormat.fromOptions(schema.options());
        this.paths = new TablePaths(table.location(), schema.logicalPartitionType());
        this.stats = new StatsConverter(schema.rowType());
        this.targetFileSize = schema.options().get(CoreOptions.TARGET_FILE_SIZE).bytes();
        this.compactionTrigger = CompactionOptions.compactionTrigger(schema.options());
        this.writeOnly = WriteOnly.isWriteOnly(schema.options());
    }

    @Override
    public void write(InternalRow row) throws IOException {
        validator.validate(row);
        if (row.getRowKind().isRetract()) {
            throw new IllegalArgumentException(String.format(
                    "Table %s has no primary key, so it only takes inserts; got a %s row. Declare a primary key to update or delete rows",
                    table.name(), row.getRowKind().shortString()));
        }
        BinaryRow partition = router.partition(row);
        int bucket = router.bucket(row);
        writer(partition, bucket).write(row);
    }

    /**
     * {@inheritDoc}
     *
     * <p>When one bucket fails, the messages of the buckets prepared before it are kept: the next call returns
     * them, and {@link #close} deletes their files. Each bucket hands its files over only once, so dropping them
     * would leave the files behind unreferenced, and a retry would not commit them.
     */
    @Override
    public List<CommitMessage> prepareCommit(boolean waitCompaction) throws IOException {
        List<CommitMessage> messages = new ArrayList<>(preparedBeforeFailure);
        preparedBeforeFailure.clear();
        try {
            for (Map.Entry<BinaryRow, Map<Integer, BucketWriter>> partition : writers.entrySet()) {
                for (Map.Entry<Integer, BucketWriter> bucket : partition.getValue().entrySet()) {
                    CommitMessage message = bucket.getValue().prepareCommit(partition.getKey(), bucket.getKey());
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
        writer(partition, bucket).forceCompaction = true;
    }

    private BucketWriter writer(BinaryRow partition, int bucket) throws IOException {
        Map<Integer, BucketWriter> buckets = writers.get(partition);
        BucketWriter writer = buckets == null ? null : buckets.get(bucket);
        if (writer == null) {
            BinaryRow partitionCopy = partition.copy();
            writer = new BucketWriter(paths.bucketPath(partitionCopy, bucket), latestFiles.of(partitionCopy, bucket));
            writers.computeIfAbsent(partitionCopy, k -> new HashMap<>()).put(bucket, writer);
        }
        return writer;
    }

    @Override
    public void close() throws IOException {
        for (Map<Integer, BucketWriter> buckets : writers.values()) {
            for (BucketWriter writer : buckets.values()) {
                writer.abort();
            }
        }
        writers.clear();
        for (CommitMessage message : preparedBeforeFailure) {
            for (DataFileMeta file : message.writtenFiles()) {
                table.fileIO().deleteQuietly(new Path(paths.bucketPath(message.partition(), message.bucket()), file.fileName()));
            }
        }
        preparedBeforeFailure.clear();
    }

    /** The files of one bucket: those committed, and those written since the last commit. */
    private final class BucketWriter {
        private final Path bucketPath;
        private final List<DataFileMeta> committed;
        private final List<DataFileMeta> written = new ArrayList<>();
        private FormatWriter current;
        private String currentName;
        private long currentMinSeq;
        private long nextSequence;
        private boolean forceCompaction;
        /** Why the file being written was given up; the rows in it are lost, so this writer must not go on. */
        private Exception failure;

        BucketWriter(Path bucketPath, List<DataFileMeta> restored) {
            this.bucketPath = bucketPath;
            this.committed = new ArrayList<>(restored);
            this.committed.sort(Comparator.comparingLong(DataFileMeta::minSequenceNumber));
            long max = -1;
            for (DataFileMeta file : restored) {
                max = Math.max(max, file.maxSequenceNumber());
            }
            this.nextSequence = max + 1;
        }

        void write(InternalRow row) throws IOException {
            checkNotFailed();
            try {
                if (current == null) {
                    currentName = paths.newDataFileName(format.type());
                    current = format.writerFactory().create(table.fileIO(), new Path(bucketPath, currentName), schema.rowType());
                    currentMinSeq = nextSequence;
                }
                current.addRow(row);
                nextSequence++;
                if ((current.rowCount() & 255) == 0 && current.length() >= targetFileSize) {
                    finishCurrent();
                }
            } catch (IOException | RuntimeException e) {
                giveUpCurrent(e);
                throw e;
            }
        }

        private void finishCurrent() throws IOException {
            FileStats fileStats = current.close();
            current = null;
            written.add(meta(currentName, fileStats, currentMinSeq, nextSequence - 1, FileSource.APPEND));
        }

        /**
         * After a failure the file being written is incomplete and its rows cannot be written again: abort it, and
         * refuse to go on, since a later commit would silently miss those rows. (A failure to create a file loses
         * no row.)
         */
        private void giveUpCurrent(Exception e) {
            if (current != null) {
                current.abort();
                current = null;
                failure = e;
            }
        }

        private void checkNotFailed() {
            if (failure != null) {
                throw new IllegalStateException(String.format(
                        "A write to table %s in %s failed, and the rows of its unfinished file are lost (%s); "
                                + "close this writer and restart from the latest snapshot",
                        table.name(), bucketPath, failure), failure);
            }
        }

        private DataFileMeta meta(String name, FileStats fileStats, long minSeq, long maxSeq, FileSource source) {
            return new DataFileMeta(name, fileStats.fileSize(), fileStats.rowCount(), BinaryRow.EMPTY_ROW, BinaryRow.EMPTY_ROW,
                    stats.convert(fileStats.fieldStats(), 0), minSeq, maxSeq, schema.id(), 0, 0,
                    System.currentTimeMillis(), source);
        }

        CommitMessage prepareCommit(BinaryRow partition, int bucket) throws IOException {
            checkNotFailed();
            if (current != null) {
                try {
                    finishCurrent();
                } catch (IOException | RuntimeException e) {
                    giveUpCurrent(e);
                    throw e;
                }
            }
            // The new files stay in 'written' until the compaction succeeded: if it fails, close() deletes them.
            List<DataFileMeta> files = new ArrayList<>(committed);
            files.addAll(written);
            List<DataFileMeta> before = pickSmallFiles(files);
            List<DataFileMeta> after = before.isEmpty() ? List.of() : List.of(rewrite(before));
            List<DataFileMeta> newFiles = List.copyOf(written);
            written.clear();
            committed.clear();
            committed.addAll(files);
            committed.removeAll(before);
            committed.addAll(after);
            committed.sort(Comparator.comparingLong(DataFileMeta::minSequenceNumber));
            forceCompaction = false;
            return new CommitMessage(partition, bucket, numBuckets, newFiles, List.of(), before, after, List.of());
        }

        /**
         * The first run of adjacent small files among {@code files} (in sequence order), when the bucket has enough
         * of them (or compaction was asked for).
         */
        private List<DataFileMeta> pickSmallFiles(List<DataFileMeta> files) {
            if (writeOnly && !forceCompaction) {
                return List.of(); // a separate compaction process compacts
            }
            long small = files.stream().filter(f -> f.fileSize() < targetFileSize / 2).count();
            if (small < (forceCompaction ? 2 : compactionTrigger)) {
                return List.of();
            }
            List<DataFileMeta> run = new ArrayList<>();
            long size = 0;
            for (DataFileMeta file : files) {
                if (file.fileSize() < targetFileSize / 2 && size < targetFileSize) {
                    run.add(file);
                    size += file.fileSize();
                } else if (run.size() >= 2) {
                    break;
                } else {
                    run.clear();
                    size = 0;
                }
            }
            return run.size() >= 2 ? run : List.of();
        }

        /** Rewrites adjacent files, in sequence order, into one; its sequence range covers theirs. */
        private DataFileMeta rewrite(List<DataFileMeta> files) throws IOException {
            String name = paths.newDataFileName(format.type());
            FormatWriter writer = format.writerFactory().create(table.fileIO(), new Path(bucketPath, name), schema.rowType());
            try {
                for (DataFileMeta file : files) {
                    try (RecordReader<InternalRow> reader = DataTableRead.readAppendFile(table, bucketPath, file, schema)) {
                        for (InternalRow row = reader.read(); row != null; row = reader.read()) {
                            writer.addRow(row);
                        }
                    }
                }
                FileStats fileStats = writer.close();
                return meta(name, fileStats, files.get(0).minSequenceNumber(), files.get(files.size() - 1).maxSequenceNumber(), FileSource.COMPACT);
            } catch (IOException | RuntimeException e) {
                writer.abort();
                throw e;
            }
        }

        void abort() {
            if (current != null) {
                current.abort();
                current = null;
            }
            for (DataFileMeta file : written) {
                table.fileIO().deleteQuietly(new Path(bucketPath, file.fileName()));
            }
            written.clear();
        }
    }
}
