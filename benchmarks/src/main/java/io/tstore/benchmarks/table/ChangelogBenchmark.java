package io.tstore.benchmarks.table;

import io.tstore.core.catalog.FileSystemCatalog;
import io.tstore.core.table.Identifier;
import io.tstore.core.data.BinaryRow;
import io.tstore.core.data.GenericRow;
import io.tstore.core.data.InternalRow;
import io.tstore.core.data.RowComparator;
import io.tstore.core.file.TablePaths;
import io.tstore.core.format.FileFormat;
import io.tstore.core.fs.Path;
import io.tstore.core.io.KeyValueFileSchema;
import io.tstore.core.io.KeyValueRunFiles;
import io.tstore.core.manifest.FileKind;
import io.tstore.core.manifest.ManifestEntry;
import io.tstore.core.manifest.ManifestFile;
import io.tstore.core.manifest.ManifestFileMeta;
import io.tstore.core.manifest.ManifestList;
import io.tstore.core.options.ChangelogProducer;
import io.tstore.core.options.FileFormatType;
import io.tstore.core.table.DataSplit;
import io.tstore.core.schema.TableSchema;
import io.tstore.core.snapshot.CommitKind;
import io.tstore.core.snapshot.Snapshot;
import io.tstore.core.table.FileStoreTable;
import io.tstore.core.table.Split;
import io.tstore.core.table.TableCommit;
import io.tstore.core.table.TableWrite;
import io.tstore.lsm.KeyValue;
import io.tstore.lsm.RecordReader;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Streaming write throughput of a primary-key table under each changelog producer, on the same workload in the same
 * run: {@code none}, {@code input}, {@code full-compaction} and {@code lookup}, side by side; and how fast the
 * changelog they wrote reads back.
 *
 * <p>Every round and producer starts from a new table with 2 buckets filled with one row per key and fully
 * compacted (not timed), as a table that has been written for a while. Then one long-lived writer, as a streaming
 * job, writes upsert batches of distinct random keys and commits after each ({@code prepareCommit(false)}, as at a
 * checkpoint): the write throughput is the rows of all batches over the time from the first write to the last
 * commit, compaction and changelog work included. Finally the changelog that those commits produced (for
 * {@code none}, the new files of their APPEND snapshots, which is what a follower reads then) is read back
 * through the manifests and the key-value file readers. The producers take turns within a round, so drifts of the
 * machine hit them alike; the first round warms up and is not counted.
 *
 * <p>Usage: {@code ChangelogBenchmark [keys] [rows-per-commit] [commits] [rounds] [orc|parquet] [directory]}.
 */
public final class ChangelogBenchmark {
    private static final String DATABASE = "bench";
    private static final int BUCKETS = 2;
    private static final String WRITE_BUFFER_SIZE = "256 mb";
    private static final int WARMUP_ROUNDS = 1;
    private static final String USAGE =
            "Usage: ChangelogBenchmark [keys] [rows-per-commit] [commits] [rounds] [orc|parquet] [directory]";

    private final int keys;
    private final int rowsPerCommit;
    private final int commits;
    private final int rounds;
    private final FileFormatType format;
    private final GenericRow[] base;
    private final BenchmarkRows updates;
    private final FileSystemCatalog catalog;
    private final Map<ChangelogProducer, Samples> writes = new EnumMap<>(ChangelogProducer.class);
    private final Map<ChangelogProducer, Samples> reads = new EnumMap<>(ChangelogProducer.class);
    private final Map<ChangelogProducer, Long> changelogRecords = new EnumMap<>(ChangelogProducer.class);

    private ChangelogBenchmark(int keys, int rowsPerCommit, int commits, int rounds, FileFormatType format,
            java.nio.file.Path directory) {
        this.keys = keys;
        this.rowsPerCommit = rowsPerCommit;
        this.commits = commits;
        this.rounds = rounds;
        this.format = format;
        this.base = BenchmarkRows.generate(keys, keys, 0, 1).insertBatch();
        this.updates = BenchmarkRows.generate(rowsPerCommit, keys, commits, 2);
        this.catalog = FileSystemCatalog.create(directory.toAbsolutePath().toString(), Map.of());
        for (ChangelogProducer producer : ChangelogProducer.values()) {
            writes.put(producer, new Samples("write " + producer));
            reads.put(producer, new Samples("read changelog " + producer));
        }
    }

    public static void main(String[] args) throws Exception {
        int keys;
        int rowsPerCommit;
        int commits;
        int rounds;
        FileFormatType format;
        java.nio.file.Path parent;
        try {
            keys = args.length > 0 ? positive(args[0], "keys") : 500_000;
            rowsPerCommit = args.length > 1 ? positive(args[1], "rows-per-commit") : 50_000;
            commits = args.length > 2 ? positive(args[2], "commits") : 10;
            rounds = args.length > 3 ? positive(args[3], "rounds") : 2;
            format = args.length > 4 ? format(args[4]) : FileFormatType.ORC;
            parent = args.length > 5 ? java.nio.file.Path.of(args[5]) : null;
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        if (rowsPerCommit > keys) {
            System.err.println("rows-per-commit (" + rowsPerCommit + ") must not exceed keys (" + keys + "). " + USAGE);
            System.exit(2);
            return;
        }
        if (parent != null) {
            Files.createDirectories(parent);
        }
        java.nio.file.Path directory = parent == null
                ? Files.createTempDirectory("tstore-changelog-bench")
                : Files.createTempDirectory(parent, "tstore-changelog-bench");
        long start = System.nanoTime();
        System.out.printf("Changelog benchmark: %,d keys in %d buckets (%s, fully compacted), then %d commits of %,d upserts"
                        + " of distinct random keys by one writer; %d warm-up + %d measured rounds; in %s%n",
                keys, BUCKETS, format, commits, rowsPerCommit, WARMUP_ROUNDS, rounds, directory);
        System.out.printf("JVM %s, %d cores, max heap %,d mb%n%n", System.getProperty("java.vm.version"),
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);
        try {
            new ChangelogBenchmark(keys, rowsPerCommit, commits, rounds, format, directory).run();
        } finally {
            try (var paths = Files.walk(directory)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        System.out.printf("%ntotal %.0f s%n", (System.nanoTime() - start) / 1e9);
    }

    private void run() throws IOException {
        catalog.createDatabase(DATABASE, false);
        for (int round = 1; round <= WARMUP_ROUNDS + rounds; round++) {
            boolean measured = round > WARMUP_ROUNDS;
            for (ChangelogProducer producer : ChangelogProducer.values()) {
                round(round, producer, measured);
            }
        }
        System.out.printf("%n%-26s %14s %14s %14s %12s %14s%n",
                "producer", "write rows/s", "min", "max", "vs none", "changelog rec/s");
        double none = writes.get(ChangelogProducer.NONE).medianRowsPerSecond();
        for (ChangelogProducer producer : ChangelogProducer.values()) {
            Samples write = writes.get(producer);
            Samples read = reads.get(producer);
            System.out.printf("%-26s %,14.0f %,14.0f %,14.0f %11.2fx %,14.0f%n", producer, write.medianRowsPerSecond(),
                    write.minRowsPerSecond(), write.maxRowsPerSecond(), write.medianRowsPerSecond() / none,
                    read.isEmpty() ? Double.NaN : read.medianRowsPerSecond());
        }
        System.out.println("(changelog records per round: " + changelogRecords + ")");
    }

    private void round(int round, ChangelogProducer producer, boolean measured) throws IOException {
        Identifier id = Identifier.of(DATABASE, "t_" + round + "_" + producer.name().toLowerCase());
        catalog.createTable(id, BenchmarkRows.schemaBuilder(format, BUCKETS, WRITE_BUFFER_SIZE)
                .option("changelog-producer", producer.toString())
                .build(), false);
        FileStoreTable table = catalog.getTable(id);
        String commitUser = UUID.randomUUID().toString();
        TableCommit commit = table.newCommit(commitUser);
        long identifier = 0;
        try (TableWrite write = table.newWrite(false)) {
            for (GenericRow row : base) {
                write.write(row);
            }
            commit.commit(++identifier, write.prepareCommit(true));
            for (Split planned : table.newReadBuilder().newScan().plan().splits()) {
                DataSplit split = (DataSplit) planned; // a data table plans data splits
                write.compact(split.partition(), split.bucket(), true);
            }
            commit.commit(++identifier, write.prepareCommit(true));
        }
        long firstMeasured = table.snapshotManager().latestSnapshotId().orElseThrow() + 1;

        System.gc();
        long start = System.nanoTime();
        try (TableWrite write = table.newWrite(false)) {
            for (int c = 0; c < commits; c++) {
                for (GenericRow row : updates.upsertBatch(c)) {
                    write.write(row);
                }
                commit.commit(++identifier, write.prepareCommit(false));
            }
        }
        long writeNanos = System.nanoTime() - start;
        long rows = (long) rowsPerCommit * commits;

        System.gc();
        start = System.nanoTime();
        long records = readChangelog(table, producer, firstMeasured);
        long readNanos = System.nanoTime() - start;
        if (measured) {
            writes.get(producer).add(rows, writeNanos);
            if (records > 0) {
                reads.get(producer).add(records, readNanos);
            }
            changelogRecords.put(producer, records);
        }
        System.out.printf("round %d%s %-16s write %,d rows in %.2f s (%,.0f rows/s); %,d changelog records read in %.2f s%n",
                round, measured ? "" : " (warm-up)", producer, rows, writeNanos / 1e9, rows / (writeNanos / 1e9),
                records, readNanos / 1e9);
        catalog.dropTable(id, false);
    }

    /**
     * Reads what a follower reads of the snapshots from {@code firstSnapshot} on: their changelog files, or for
     * {@code none} the new files of APPEND snapshots; returns the records read.
     */
    private static long readChangelog(FileStoreTable table, ChangelogProducer producer, long firstSnapshot) throws IOException {
        TableSchema schema = table.schema();
        Path manifestDirectory = new Path(table.location(), "manifest");
        ManifestList manifestList = new ManifestList(table.fileIO(), manifestDirectory);
        ManifestFile manifestFile = new ManifestFile(table.fileIO(), manifestDirectory, schema.logicalPartitionType(), 0, Long.MAX_VALUE);
        TablePaths paths = new TablePaths(table.location(), schema.logicalPartitionType());
        Comparator<BinaryRow> keyComparator = new RowComparator(schema.logicalTrimmedPrimaryKeyType())::compare;
        KeyValueFileSchema fileSchema = new KeyValueFileSchema(schema.logicalTrimmedPrimaryKeyType(), schema.rowType());
        long latest = table.snapshotManager().latestSnapshotId().orElseThrow();
        long records = 0;
        for (long s = firstSnapshot; s <= latest; s++) {
            Snapshot snapshot = table.snapshotManager().snapshot(s);
            String list = producer == ChangelogProducer.NONE
                    ? (snapshot.commitKind() == CommitKind.APPEND ? snapshot.deltaManifestList() : null)
                    : snapshot.changelogManifestList();
            if (list == null) {
                continue;
            }
            for (ManifestFileMeta manifest : manifestList.read(list)) {
                for (ManifestEntry entry : manifestFile.read(manifest.fileName())) {
                    if (entry.kind() != FileKind.ADD) {
                        continue;
                    }
                    KeyValueRunFiles files = new KeyValueRunFiles(table.fileIO(), paths.bucketPath(entry.partition(), entry.bucket()),
                            FileFormat.fromOptions(schema.options()), fileSchema, schema.id(), id -> fileSchema, keyComparator,
                            Long.MAX_VALUE, () -> {
                                throw new IllegalStateException("a read does not write");
                            }, () -> {
                                throw new IllegalStateException("a read does not write");
                            }, System::currentTimeMillis);
                    try (RecordReader<KeyValue<BinaryRow, InternalRow>> reader = files.read(entry.file())) {
                        for (KeyValue<BinaryRow, InternalRow> record = reader.read(); record != null; record = reader.read()) {
                            records++;
                        }
                    }
                }
            }
        }
        return records;
    }

    private static int positive(String value, String name) {
        return BenchmarkArgs.positive(value, name, USAGE);
    }

    private static FileFormatType format(String value) {
        return BenchmarkArgs.format(value, USAGE);
    }
}
