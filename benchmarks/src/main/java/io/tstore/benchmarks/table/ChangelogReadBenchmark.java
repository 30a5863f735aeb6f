package io.tstore.benchmarks.table;

import io.tstore.core.catalog.FileSystemCatalog;
import io.tstore.core.table.Identifier;
import io.tstore.core.data.GenericRow;
import io.tstore.core.data.InternalRow;
import io.tstore.core.options.FileFormatType;
import io.tstore.core.table.DataStreamTableScan;
import io.tstore.core.table.DataTableRead;
import io.tstore.core.table.FileStoreTable;
import io.tstore.core.table.Split;
import io.tstore.core.table.TableScan;
import io.tstore.core.table.TableWrite;
import io.tstore.lsm.RecordReader;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Changelog read throughput: a streaming scan that follows a table's snapshots one by one (planning each
 * snapshot's new files and reading their records raw, with their row kinds), beside a batch read of the same rows
 * (one plan of the latest snapshot, merged), in the same run.
 *
 * <p>Each round writes a new primary-key table with 2 buckets in {@code snapshots} commits of distinct keys (not
 * timed; compaction runs as it would, making COMPACT snapshots the streaming scan passes over), then times a
 * streaming scan from snapshot 1 to the end ({@code scan.mode} = from-snapshot), and a batch read of the latest
 * snapshot. Both return every row once; both are checked by row count and a sum over a column. The first round
 * warms the JIT up and is not counted.
 *
 * <p>Usage: {@code ChangelogReadBenchmark [rows] [snapshots] [rounds] [orc|parquet] [directory]}.
 */
public final class ChangelogReadBenchmark {
    private static final String USAGE = "Usage: ChangelogReadBenchmark [rows] [snapshots] [rounds] [orc|parquet] [directory]";
    private static final int BUCKETS = 2;
    private static final int WARMUP_ROUNDS = 1;

    private final int rows;
    private final int snapshots;
    private final FileFormatType format;
    private final BenchmarkRows data;
    private final FileSystemCatalog catalog;
    private final Samples streaming;
    private final Samples streamingPlanning = new Samples("  of which planning (rows over planning time)");
    private final Samples batch = new Samples("batch read of the latest snapshot (merged)");

    private ChangelogReadBenchmark(int rows, int snapshots, FileFormatType format, java.nio.file.Path directory) {
        this.rows = rows;
        this.snapshots = snapshots;
        this.format = format;
        this.data = BenchmarkRows.generate(rows, rows, 0, 7);
        this.catalog = FileSystemCatalog.create(directory.toAbsolutePath().toString(), Map.of());
        this.streaming = new Samples("streaming read of " + snapshots + " snapshots (raw changes)");
    }

    public static void main(String[] args) throws Exception {
        int rows;
        int snapshots;
        int rounds;
        FileFormatType format;
        java.nio.file.Path parent;
        try {
            rows = args.length > 0 ? positive(args[0], "rows") : 1_000_000;
            snapshots = args.length > 1 ? positive(args[1], "snapshots") : 100;
            rounds = args.length > 2 ? positive(args[2], "rounds") : 3;
            format = args.length > 3 ? format(args[3]) : FileFormatType.ORC;
            parent = args.length > 4 ? java.nio.file.Path.of(args[4]) : null;
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
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
        System.out.printf("Changelog read benchmark: %,d rows of distinct keys in %d commits, %d buckets, %s, %d warm-up + %d"
                        + " measured rounds, in %s%n", rows, snapshots, BUCKETS, format.toString().toLowerCase(Locale.ROOT),
                WARMUP_ROUNDS, rounds, directory);
        System.out.printf("JVM %s, %d cores, max heap %,d mb%n%n", System.getProperty("java.vm.version"),
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);
        ChangelogReadBenchmark benchmark = new ChangelogReadBenchmark(rows, snapshots, format, directory);
        try {
            benchmark.catalog.createDatabase("bench", false);
            for (int round = 1; round <= WARMUP_ROUNDS + rounds; round++) {
                benchmark.round(round, round > WARMUP_ROUNDS);
            }
            benchmark.printSummary();
        } finally {
            deleteRecursively(directory);
        }
        System.out.printf("%ntotal %.0f s%n", (System.nanoTime() - start) / 1e9);
    }

    private void round(int round, boolean measured) throws IOException {
        Identifier id = Identifier.of("bench", "changes_" + round);
        catalog.createTable(id, BenchmarkRows.schema(format, BUCKETS, "256 mb"), false);
        FileStoreTable table = catalog.getTable(id);
        long t = System.nanoTime();
        write(table);
        long latest = table.snapshotManager().latestSnapshotId().orElseThrow();
        System.out.printf("round %d%s: wrote %d commits (%d snapshots) in %.1f s (not timed);", round,
                measured ? "" : " (warm-up)", snapshots, latest, (System.nanoTime() - t) / 1e9);

        System.gc();
        long[] planNanos = new long[1];
        t = System.nanoTime();
        long[] streamed = streamingRead(table, planNanos);
        long streamNanos = System.nanoTime() - t;
        check(streamed, "the streaming read");

        System.gc();
        t = System.nanoTime();
        long[] batchRead = batchRead(table);
        long batchNanos = System.nanoTime() - t;
        check(batchRead, "the batch read");
        System.out.printf(" streaming %.2f s (planning %.2f s), batch %.2f s%n", streamNanos / 1e9, planNanos[0] / 1e9,
                batchNanos / 1e9);
        if (measured) {
            streaming.add(rows, streamNanos);
            streamingPlanning.add(rows, planNanos[0]);
            batch.add(rows, batchNanos);
        }
        catalog.dropTable(id, false);
    }

    /** One commit per slice of the rows, as a streaming job's checkpoints would make them. */
    private void write(FileStoreTable table) throws IOException {
        GenericRow[] all = data.insertBatch();
        String user = UUID.randomUUID().toString();
        try (TableWrite write = table.newWrite(false)) {
            for (int s = 0; s < snapshots; s++) {
                int from = (int) ((long) all.length * s / snapshots);
                int to = (int) ((long) all.length * (s + 1) / snapshots);
                for (GenericRow row : Arrays.copyOfRange(all, from, to)) {
                    write.write(row);
                }
                table.newCommit(user).commit(s + 1, write.prepareCommit(false));
            }
        }
    }

    /** Follows the table from snapshot 1 until nothing new is left; returns {rows, qty sum}. */
    private static long[] streamingRead(FileStoreTable table, long[] planNanos) throws IOException {
        FileStoreTable fromStart = table.copy(Map.of("scan.mode", "from-snapshot", "scan.snapshot-id", "1"));
        DataStreamTableScan scan = fromStart.newReadBuilder().newStreamScan();
        DataTableRead read = fromStart.newReadBuilder().newRead();
        long count = 0;
        long qtySum = 0;
        while (true) {
            long t = System.nanoTime();
            TableScan.Plan plan = scan.plan();
            planNanos[0] += System.nanoTime() - t;
            if (plan.snapshotId() == null) {
                break;
            }
            for (Split split : plan.splits()) {
                try (RecordReader<InternalRow> reader = read.createReader(split)) {
                    for (InternalRow row = reader.read(); row != null; row = reader.read()) {
                        count++;
                        qtySum += row.getInt(BenchmarkRows.QTY_FIELD);
                    }
                }
            }
        }
        return new long[] {count, qtySum};
    }

    private static long[] batchRead(FileStoreTable table) throws IOException {
        long count = 0;
        long qtySum = 0;
        try (RecordReader<InternalRow> reader = table.newReadBuilder().read()) {
            for (InternalRow row = reader.read(); row != null; row = reader.read()) {
                count++;
                qtySum += row.getInt(BenchmarkRows.QTY_FIELD);
            }
        }
        return new long[] {count, qtySum};
    }

    private void check(long[] result, String what) {
        if (result[0] != data.liveKeys() || result[1] != data.newestQtySum()) {
            throw new IllegalStateException(String.format("%s returned %,d rows with qty sum %,d, expected %,d rows with qty sum %,d",
                    what, result[0], result[1], data.liveKeys(), data.newestQtySum()));
        }
    }

    private void printSummary() {
        System.out.printf("%n%-62s %14s %14s %14s%n", "rows/s (median, min, max over the measured rounds)", "median", "min", "max");
        for (Samples samples : new Samples[] {streaming, streamingPlanning, batch}) {
            System.out.printf("%-62s %,14.0f %,14.0f %,14.0f%n", samples.name(), samples.medianRowsPerSecond(),
                    samples.minRowsPerSecond(), samples.maxRowsPerSecond());
        }
        System.out.printf("streaming / batch: %.2f%n", streaming.medianRowsPerSecond() / batch.medianRowsPerSecond());
    }

    private static int positive(String value, String name) {
        return BenchmarkArgs.positive(value, name, USAGE);
    }

    private static FileFormatType format(String value) {
        return BenchmarkArgs.format(value, USAGE);
    }

    private static void deleteRecursively(java.nio.file.Path directory) throws IOException {
        try (Stream<java.nio.file.Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
