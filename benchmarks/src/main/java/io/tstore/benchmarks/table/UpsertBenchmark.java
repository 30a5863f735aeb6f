package io.tstore.benchmarks.table;

import io.tstore.core.catalog.FileSystemCatalog;
import io.tstore.core.table.Identifier;
import io.tstore.core.commit.CommitMessage;
import io.tstore.core.data.GenericRow;
import io.tstore.core.data.InternalRow;
import io.tstore.core.data.RowProjection;
import io.tstore.core.file.BucketFunction;
import io.tstore.core.file.DataFileMeta;
import io.tstore.core.format.FileFormat;
import io.tstore.core.format.FileStats;
import io.tstore.core.format.FormatWriter;
import io.tstore.core.fs.FileIO;
import io.tstore.core.fs.Path;
import io.tstore.core.options.FileFormatType;
import io.tstore.core.table.DataSplit;
import io.tstore.core.table.FileStoreTable;
import io.tstore.core.table.TableWrite;
import io.tstore.core.types.RowType;
import io.tstore.lsm.RecordReader;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Batch upsert and merged scan throughput of a primary-key table, each beside the raw writer and reader of the
 * table's file format on the same rows in the same run, so that the table's cost over the format shows as a ratio.
 *
 * <p>Every round starts from a new table with 2 buckets and measures, on rows generated before anything is timed:
 * the raw format writer writing the insert batch into 2 files (one per bucket, with the table's row type and
 * compression); the raw reader reading them back; an insert commit of that batch into the empty table; a full
 * compaction (so that the data sits on the last level, as in a table that has been written for a while); upsert
 * commits that update every key again in a random order, each a batch job of its own ({@code newWrite},
 * {@code write} of every row, {@code prepareCommit(false)}, {@code commit}, {@code close}); a merged scan of the
 * table, which then holds the compacted run and one level-0 run per upsert commit in each bucket; a full
 * compaction; and a scan of the compacted table. The first round warms the JIT up and is not counted; the
 * summary gives the median, min and max over the measured rounds.
 *
 * <p>Usage: {@code UpsertBenchmark [rows] [keys] [rounds] [orc|parquet] [directory] [upserts-per-round]}. With the
 * default compaction trigger of 5 sorted runs, up to 3 upserts per round leave compaction alone; from 4 on, the
 * flush of an upsert commit starts a compaction that the writer's close cancels (or, past the stop trigger, waits
 * for), so the upsert numbers then include compaction work.
 */
public final class UpsertBenchmark {
    private static final String DATABASE = "bench";
    private static final int BUCKETS = 2;
    private static final String WRITE_BUFFER_SIZE = "256 mb";
    private static final int WARMUP_ROUNDS = 1;
    private static final String USAGE =
            "Usage: UpsertBenchmark [rows] [keys] [rounds] [orc|parquet] [directory] [upserts-per-round]";

    private final int rows;
    private final int rounds;
    private final FileFormatType formatType;
    private final int upsertsPerRound;
    private final BenchmarkRows data;
    private final FileSystemCatalog catalog;
    private final Path warehouse;

    private final Samples rawWrite;
    private final Samples insertCommit = new Samples("insert commit (empty table)");
    private final Samples upsertCommit = new Samples("upsert commit");
    private final Samples upsertWrites = new Samples("write() of every row");
    private final Samples upsertPrepare = new Samples("prepareCommit(false)");
    private final Samples upsertCommitCall = new Samples("commit()");
    private final Samples compactInsert = new Samples("full compaction of the insert");
    private final Samples rawRead;
    private final Samples mergedScan;
    private final Samples fullCompaction;
    private final Samples compactedScan = new Samples("scan after full compaction");
    /** What {@link #readEveryField} read, summed, so that the reads cannot be optimised away; printed at the end. */
    private long fieldDigest;

    private GenericRow[][] insertRowsByBucket;

    private UpsertBenchmark(int rows, int rounds, FileFormatType formatType, int upsertsPerRound,
            BenchmarkRows data, java.nio.file.Path directory) {
        this.rows = rows;
        this.rounds = rounds;
        this.formatType = formatType;
        this.upsertsPerRound = upsertsPerRound;
        this.data = data;
        this.warehouse = new Path(directory.toAbsolutePath().toString());
        this.catalog = FileSystemCatalog.create(warehouse.toString(), Map.of());
        String raw = "raw " + formatType;
        this.rawWrite = new Samples(raw + " write (2 files)");
        this.rawRead = new Samples(raw + " read (2 files)");
        int runs = upsertsPerRound + 1;
        this.mergedScan = new Samples("merged scan (" + runs + " runs per bucket)");
        this.fullCompaction = new Samples("full compaction (" + runs + " runs, rows in)");
    }

    public static void main(String[] args) throws Exception {
        int rows;
        int keys;
        int rounds;
        FileFormatType format;
        java.nio.file.Path parent;
        int upserts;
        try {
            rows = args.length > 0 ? positive(args[0], "rows") : 1_000_000;
            keys = args.length > 1 ? positive(args[1], "keys") : 1_000_000;
            rounds = args.length > 2 ? positive(args[2], "rounds") : 3;
            format = args.length > 3 ? format(args[3]) : FileFormatType.ORC;
            parent = args.length > 4 ? java.nio.file.Path.of(args[4]) : null;
            upserts = args.length > 5 ? positive(args[5], "upserts-per-round") : 2;
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        if (parent != null) {
            Files.createDirectories(parent);
        }
        java.nio.file.Path directory = parent == null
                ? Files.createTempDirectory("tstore-table-bench")
                : Files.createTempDirectory(parent, "tstore-table-bench");

        long start = System.nanoTime();
        System.out.printf("Upsert benchmark: %,d rows per commit over %,d keys, %d buckets, %s (zstd), write buffer %s,"
                        + " %d warm-up + %d measured rounds of 1 insert and %d upsert commits, in %s%n",
                rows, keys, BUCKETS, format.toString().toLowerCase(Locale.ROOT), WRITE_BUFFER_SIZE, WARMUP_ROUNDS, rounds,
                upserts, directory);
        System.out.printf("JVM %s, %d cores, max heap %,d mb%n", System.getProperty("java.vm.version"),
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);
        if (upserts > 3) {
            System.out.println("note: with more than 3 upserts per round, upsert commits trigger compactions, which"
                    + " their numbers then include");
        }
        long generateStart = System.nanoTime();
        BenchmarkRows data = BenchmarkRows.generate(rows, keys, upserts, 42);
        System.out.printf("generated %,d rows in %.1f s (not timed)%n%n", (long) rows * (1 + upserts),
                (System.nanoTime() - generateStart) / 1e9);

        UpsertBenchmark benchmark = new UpsertBenchmark(rows, rounds, format, upserts, data, directory);
        try {
            benchmark.run();
        } finally {
            deleteRecursively(directory);
        }
        System.out.printf("%ntotal %.0f s%n", (System.nanoTime() - start) / 1e9);
    }

    private void run() throws IOException {
        catalog.createDatabase(DATABASE, false);
        for (int round = 1; round <= WARMUP_ROUNDS + rounds; round++) {
            round(round, round > WARMUP_ROUNDS);
        }
        printSummary();
    }

    private void round(int round, boolean measured) throws IOException {
        Identifier id = Identifier.of(DATABASE, "upserts_" + round);
        catalog.createTable(id, BenchmarkRows.schema(formatType, BUCKETS, WRITE_BUFFER_SIZE), false);
        FileStoreTable table = catalog.getTable(id);
        FileFormat format = FileFormat.fromOptions(table.options());
        String commitUser = UUID.randomUUID().toString();
        long commitId = 0;
        StringBuilder log = new StringBuilder(String.format("round %d%s:", round, measured ? "" : " (warm-up)"));

        // The raw format on the insert batch, split as the table splits it into buckets.
        if (insertRowsByBucket == null) {
            insertRowsByBucket = splitByBucket(data.insertBatch(), table.rowType());
        }
        Path rawDirectory = new Path(warehouse, "raw-" + round);
        List<Path> rawFiles = new ArrayList<>();
        for (int bucket = 0; bucket < BUCKETS; bucket++) {
            rawFiles.add(new Path(rawDirectory, "bucket-" + bucket + "." + format.fileExtension()));
        }
        settle();
        long t = System.nanoTime();
        long rawBytes = writeRaw(format, table.fileIO(), table.rowType(), rawFiles);
        long rawWriteNanos = System.nanoTime() - t;
        record(measured, rawWrite, rows, rawWriteNanos);

        settle();
        t = System.nanoTime();
        long rawRows = readRaw(format, table.fileIO(), table.rowType(), rawFiles);
        long rawReadNanos = System.nanoTime() - t;
        check(rawRows == rows, "the raw read returned " + rawRows + " rows of " + rows);
        record(measured, rawRead, rows, rawReadNanos);
        log.append(String.format(" raw write %.2f s (%,d mb), raw read %.2f s;", rawWriteNanos / 1e9, rawBytes >> 20,
                rawReadNanos / 1e9));

        // The table: insert, compact, upsert, scan merged, compact fully, scan again.
        settle();
        CommitTimes insert = insertCommit(table, data.insertBatch(), commitUser, ++commitId);
        record(measured, insertCommit, rows, insert.totalNanos());

        settle();
        t = System.nanoTime();
        long compactedRows = compactFully(table, commitUser, ++commitId);
        long compactInsertNanos = System.nanoTime() - t;
        record(measured, compactInsert, compactedRows, compactInsertNanos);
        log.append(String.format(" insert %s, compaction %.2f s;%n    upserts", insert, compactInsertNanos / 1e9));

        for (int u = 0; u < upsertsPerRound; u++) {
            settle();
            CommitTimes upsert = upsertCommit(table, data.upsertBatch(u), commitUser, ++commitId);
            record(measured, upsertCommit, rows, upsert.totalNanos());
            record(measured, upsertWrites, rows, upsert.writeNanos());
            record(measured, upsertPrepare, rows, upsert.prepareCommitNanos());
            record(measured, upsertCommitCall, rows, upsert.commitNanos());
            log.append(' ').append(upsert);
        }
        log.append(String.format(";%n    before the scan %s", shape(table)));

        settle();
        t = System.nanoTime();
        long scanned = mergedScan(table);
        long scanNanos = System.nanoTime() - t;
        record(measured, mergedScan, scanned, scanNanos);

        settle();
        t = System.nanoTime();
        long recordsIn = compactFully(table, commitUser, ++commitId);
        long compactNanos = System.nanoTime() - t;
        record(measured, fullCompaction, recordsIn, compactNanos);

        settle();
        t = System.nanoTime();
        long scannedCompacted = compactedScan(table);
        long compactedScanNanos = System.nanoTime() - t;
        record(measured, compactedScan, scannedCompacted, compactedScanNanos);
        log.append(String.format(";%n    merged scan %.2f s, full compaction %.2f s (%,d rows in), scan %.2f s, after: %s",
                scanNanos / 1e9, compactNanos / 1e9, recordsIn, compactedScanNanos / 1e9, shape(table)));
        System.out.println(log);

        catalog.dropTable(id, false);
        table.fileIO().delete(rawDirectory, true);
    }

    // The steps have methods of their own so that a profile's stack traces tell them apart.

    private static CommitTimes insertCommit(FileStoreTable table, GenericRow[] batch, String commitUser, long identifier)
            throws IOException {
        return commit(table, batch, commitUser, identifier);
    }

    private static CommitTimes upsertCommit(FileStoreTable table, GenericRow[] batch, String commitUser, long identifier)
            throws IOException {
        return commit(table, batch, commitUser, identifier);
    }

    private long mergedScan(FileStoreTable table) throws IOException {
        return scanAndCheck(table);
    }

    private long compactedScan(FileStoreTable table) throws IOException {
        return scanAndCheck(table);
    }

    /** Writes one batch as one batch job: a new writer, every row, prepareCommit without waiting for compaction, commit. */
    private static CommitTimes commit(FileStoreTable table, GenericRow[] batch, String commitUser, long identifier)
            throws IOException {
        long start = System.nanoTime();
        long written;
        long prepared;
        long committed;
        try (TableWrite write = table.newWrite(false)) {
            for (GenericRow row : batch) {
                write.write(row);
            }
            written = System.nanoTime();
            List<CommitMessage> messages = write.prepareCommit(false);
            prepared = System.nanoTime();
            table.newCommit(commitUser).commit(identifier, messages);
            committed = System.nanoTime();
        }
        return new CommitTimes(written - start, prepared - written, committed - prepared, System.nanoTime() - start);
    }

    /** Where the time of one commit went; the total also has the writer's creation and close. */
    private record CommitTimes(long writeNanos, long prepareCommitNanos, long commitNanos, long totalNanos) {
        @Override
        public String toString() {
            return String.format("%.2f s (write %.2f, prepareCommit %.2f, commit %.2f)", totalNanos / 1e9,
                    writeNanos / 1e9, prepareCommitNanos / 1e9, commitNanos / 1e9);
        }
    }

    /** Compacts every bucket into one run on the last level and commits; returns the rows of the files compacted. */
    private static long compactFully(FileStoreTable table, String commitUser, long identifier) throws IOException {
        List<DataSplit> splits = table.newReadBuilder().newScan().dataSplits();
        long rowsIn = 0;
        try (TableWrite write = table.newWrite(false)) {
            for (DataSplit split : splits) {
                rowsIn += split.rowCount();
                write.compact(split.partition(), split.bucket(), true);
            }
            List<CommitMessage> messages = write.prepareCommit(true);
            table.newCommit(commitUser).commit(identifier, messages);
        }
        return rowsIn;
    }

    /** Reads the whole table, merged, and checks it holds the newest version of every key. */
    private long scanAndCheck(FileStoreTable table) throws IOException {
        long count = 0;
        long qtySum = 0;
        try (RecordReader<InternalRow> reader = table.newReadBuilder().read()) {
            for (InternalRow row = reader.read(); row != null; row = reader.read()) {
                count++;
                qtySum += row.getInt(BenchmarkRows.QTY_FIELD);
                fieldDigest += readEveryField(row);
            }
        }
        check(count == data.liveKeys() && qtySum == data.newestQtySum(), String.format(
                "the scan of %s returned %,d rows with qty sum %,d, but the table holds %,d keys with qty sum %,d",
                table.name(), count, qtySum, data.liveKeys(), data.newestQtySum()));
        return count;
    }

    /**
     * Reads every field of a row, as a consumer of the rows would: the raw read and the table scans both call it on
     * every row they return, so that neither side gains from a reader that decodes fields only when asked.
     */
    private static long readEveryField(InternalRow row) {
        long digest = row.getLong(0);
        digest += row.isNullAt(1) ? 0 : row.getString(1).numBytes();
        digest += row.isNullAt(2) ? 0 : row.getDecimal(2, 10, 2).toUnscaledLong();
        digest += row.isNullAt(3) ? 0 : row.getTimestamp(3, 3).millisecond();
        digest += row.isNullAt(4) ? 0 : row.getInt(4);
        digest += row.isNullAt(5) ? 0 : row.getString(5).numBytes();
        return digest;
    }

    /** Writes each bucket's rows of the insert batch into its file with the raw format writer; returns the bytes. */
    private long writeRaw(FileFormat format, FileIO fileIO, RowType rowType, List<Path> files) throws IOException {
        long bytes = 0;
        for (int bucket = 0; bucket < files.size(); bucket++) {
            FormatWriter writer = format.writerFactory().create(fileIO, files.get(bucket), rowType);
            FileStats stats;
            try {
                for (GenericRow row : insertRowsByBucket[bucket]) {
                    writer.addRow(row);
                }
                stats = writer.close();
            } catch (IOException | RuntimeException | Error e) {
                writer.abort();
                throw e;
            }
            bytes += stats.fileSize();
        }
        return bytes;
    }

    private long readRaw(FileFormat format, FileIO fileIO, RowType rowType, List<Path> files) throws IOException {
        long count = 0;
        long qtySum = 0;
        for (Path file : files) {
            try (RecordReader<InternalRow> reader = format.readerFactory().create(fileIO, file, rowType)) {
                for (InternalRow row = reader.read(); row != null; row = reader.read()) {
                    count++;
                    qtySum += row.getInt(BenchmarkRows.QTY_FIELD);
                    fieldDigest += readEveryField(row);
                }
            }
        }
        // The sum keeps the reads of qty from being optimised away, as the table scans' check does.
        check(qtySum > 0, "the raw files hold no qty");
        return count;
    }

    /** The insert batch as the table's bucket function splits it, for the raw files. */
    private static GenericRow[][] splitByBucket(GenericRow[] batch, RowType rowType) {
        RowProjection bucketKey = RowProjection.of(rowType, List.of("id"));
        List<List<GenericRow>> buckets = new ArrayList<>();
        for (int b = 0; b < BUCKETS; b++) {
            buckets.add(new ArrayList<>());
        }
        for (GenericRow row : batch) {
            buckets.get(BucketFunction.bucket(bucketKey.apply(row), BUCKETS)).add(row);
        }
        GenericRow[][] split = new GenericRow[BUCKETS][];
        for (int b = 0; b < BUCKETS; b++) {
            split[b] = buckets.get(b).toArray(new GenericRow[0]);
        }
        return split;
    }

    /** Files per level over all buckets, and their size. */
    private static String shape(FileStoreTable table) throws IOException {
        Map<Integer, Integer> filesPerLevel = new TreeMap<>();
        long bytes = 0;
        for (DataSplit split : table.newReadBuilder().newScan().dataSplits()) {
            for (DataFileMeta file : split.files()) {
                filesPerLevel.merge(file.level(), 1, Integer::sum);
                bytes += file.fileSize();
            }
        }
        StringBuilder sb = new StringBuilder();
        filesPerLevel.forEach((level, files) -> sb.append('L').append(level).append(": ").append(files).append(" files, "));
        return sb.append(bytes >> 20).append(" mb").toString();
    }

    private static int positive(String value, String name) {
        return BenchmarkArgs.positive(value, name, USAGE);
    }

    private static FileFormatType format(String value) {
        return BenchmarkArgs.format(value, USAGE);
    }

    private static void record(boolean measured, Samples samples, long rows, long nanos) {
        if (measured) {
            samples.add(rows, nanos);
        }
    }

    /** Collects the garbage of the previous step, so that it is not charged to the next one. */
    private static void settle() {
        System.gc();
    }

    private static void check(boolean condition, String message) {
        if (!condition) {
            throw new IllegalStateException(message);
        }
    }

    private void printSummary() {
        System.out.printf("%n%-40s %12s %12s %12s %8s %9s%n", "measure", "rows/s", "min", "max", "s", "vs raw");
        double write = rawWrite.medianRowsPerSecond();
        double read = rawRead.medianRowsPerSecond();
        printLine(rawWrite, write);
        printLine(insertCommit, write);
        printLine(upsertCommit, write);
        printLine(rawRead, read);
        printLine(mergedScan, read);
        printLine(compactedScan, read);
        printLine(compactInsert, Double.NaN);
        printLine(fullCompaction, Double.NaN);
        double commit = upsertCommit.medianSeconds();
        System.out.printf("%nupsert commit, median time per step: %s %.2f s (%.0f%%), %s %.2f s (%.0f%%), %s %.2f s (%.0f%%)%n",
                upsertWrites.name(), upsertWrites.medianSeconds(), 100 * upsertWrites.medianSeconds() / commit,
                upsertPrepare.name(), upsertPrepare.medianSeconds(), 100 * upsertPrepare.medianSeconds() / commit,
                upsertCommitCall.name(), upsertCommitCall.medianSeconds(), 100 * upsertCommitCall.medianSeconds() / commit);
        System.out.printf("rows/s is the median over %d measured rounds (%d upsert commits); s is the median time of"
                + " one step.%nWrites compare with the raw write, scans with the raw read; the aim is >= 50%%.%n"
                + "The raw read and the scans read every field of every row they return (digest %d).%n",
                rounds, upsertCommit.count(), fieldDigest);
    }

    private static void printLine(Samples samples, double raw) {
        String ratio = Double.isNaN(raw) ? "-" : String.format("%.0f%%", 100 * samples.medianRowsPerSecond() / raw);
        System.out.printf("%-40s %,12.0f %,12.0f %,12.0f %8.2f %9s%n", samples.name(), samples.medianRowsPerSecond(),
                samples.minRowsPerSecond(), samples.maxRowsPerSecond(), samples.medianSeconds(), ratio);
    }

    private static void deleteRecursively(java.nio.file.Path directory) throws IOException {
        try (var paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
