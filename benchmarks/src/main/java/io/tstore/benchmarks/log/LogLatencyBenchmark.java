package io.tstore.benchmarks.log;

import io.tstore.core.catalog.FileSystemCatalog;
import io.tstore.core.catalog.Identifier;
import io.tstore.core.commit.CommitMessage;
import io.tstore.core.data.GenericRow;
import io.tstore.core.data.InternalRow;
import io.tstore.core.log.HybridReader;
import io.tstore.core.log.LogStore;
import io.tstore.core.log.LogStores;
import io.tstore.core.log.LogWriter;
import io.tstore.core.schema.Schema;
import io.tstore.core.table.FileStoreTable;
import io.tstore.core.table.TableCommit;
import io.tstore.core.table.TableWrite;
import io.tstore.core.types.DataTypes;
import io.tstore.log.kafka.EmbeddedKafka;
import io.tstore.lsm.RowKind;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * End-to-end changelog latency through the log store, with no engine: a writer upserts rows at a steady rate into
 * a primary-key table with {@code log.system = kafka} and commits every N ms (the log first, then the table, as a
 * Flink checkpoint would), while a subscriber follows the table with a {@link HybridReader}. The latency of a row is
 * the time from the writer's {@code write} to the subscriber's {@code poll} returning it (one process, one clock).
 * Prints p50, p99 and max for {@code eventual} and {@code transactional} side by side. Numbers, not asserts.
 *
 * <p>Usage: {@code LogLatencyBenchmark [seconds per mode] [rows/s] [commit interval ms] [bootstrap servers]};
 * without bootstrap servers an embedded broker is started.
 */
public final class LogLatencyBenchmark {
    private static final int BUCKETS = 4;
    private static final int KEYS = 100_000;
    private static final double WARMUP_FRACTION = 0.2;

    private LogLatencyBenchmark() {}

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int rate = args.length > 1 ? Integer.parseInt(args[1]) : 2_000;
        int commitMillis = args.length > 2 ? Integer.parseInt(args[2]) : 1_000;
        String servers = args.length > 3 ? args[3] : null;
        Path directory = Files.createTempDirectory("tstore-log-bench");
        EmbeddedKafka embedded = null;
        if (servers == null) {
            embedded = new EmbeddedKafka(directory.resolve("kafka"), false, Map.of()).start();
            servers = embedded.bootstrapServers();
        }
        System.out.printf("Log latency benchmark: %d s per mode, %,d upserts/s over %,d keys, %d buckets, a commit every %d ms, "
                + "Kafka at %s%s; the first %.0f%% of each run is warm-up%n", seconds, rate, KEYS, BUCKETS, commitMillis, servers,
                embedded == null ? "" : " (embedded)", WARMUP_FRACTION * 100);
        try {
            FileSystemCatalog catalog = FileSystemCatalog.create(directory.resolve("warehouse").toString(), Map.of());
            catalog.createDatabase("bench", true);
            String[] modes = {"eventual", "transactional"};
            long[][] results = new long[modes.length][];
            for (int m = 0; m < modes.length; m++) {
                results[m] = run(catalog, modes[m], servers, seconds, rate, commitMillis);
            }
            System.out.printf("%n%-15s %10s %10s %10s %10s%n", "log.consistency", "rows", "p50 ms", "p99 ms", "max ms");
            for (int m = 0; m < modes.length; m++) {
                long[] latencies = results[m];
                System.out.printf("%-15s %,10d %10.1f %10.1f %10.1f%n", modes[m], latencies.length,
                        percentile(latencies, 0.50), percentile(latencies, 0.99), percentile(latencies, 1.0));
            }
        } finally {
            if (embedded != null) {
                embedded.stop();
            }
            deleteQuietly(directory);
        }
    }

    /** Runs one mode; returns the measured latencies in nanoseconds, sorted. */
    private static long[] run(FileSystemCatalog catalog, String consistency, String servers, int seconds, int rate,
            int commitMillis) throws Exception {
        Identifier id = Identifier.of("bench", "latency_" + consistency);
        catalog.createTable(id, Schema.newBuilder()
                .column("k", DataTypes.INT())
                .column("sent_nanos", DataTypes.BIGINT())
                .primaryKey("k")
                .option("bucket", Integer.toString(BUCKETS))
                .option("log.system", "kafka")
                .option("log.consistency", consistency)
                .option("kafka.bootstrap.servers", servers)
                .option("kafka.linger.ms", "0")
                .build(), false);
        FileStoreTable table = catalog.getTable(id);
        long start = System.nanoTime();
        long end = start + Duration.ofSeconds(seconds).toNanos();
        long measureFrom = start + (long) (Duration.ofSeconds(seconds).toNanos() * WARMUP_FRACTION);
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        long[] latencies = new long[(int) Math.min(Integer.MAX_VALUE - 8, (long) rate * seconds * 2 + 1024)];
        int[] count = {0};

        try (LogStore log = LogStores.of(table).orElseThrow()) {
            Thread subscriber = new Thread(() -> {
                try (HybridReader reader = HybridReader.fromLatestSnapshot(table, log)) {
                    long quietUntil = Long.MAX_VALUE;
                    while (writing.get() || System.nanoTime() < quietUntil) {
                        if (!writing.get() && quietUntil == Long.MAX_VALUE) {
                            quietUntil = System.nanoTime() + Duration.ofMillis(commitMillis * 3L).toNanos();
                        }
                        List<InternalRow> rows = reader.poll(Duration.ofMillis(50));
                        long now = System.nanoTime();
                        for (InternalRow row : rows) {
                            long sent = row.getLong(1);
                            if (sent >= measureFrom && count[0] < latencies.length) {
                                latencies[count[0]++] = now - sent;
                            }
                        }
                    }
                } catch (Throwable t) {
                    failure.compareAndSet(null, t);
                }
            }, "subscriber-" + consistency);
            subscriber.start();

            String user = UUID.randomUUID().toString();
            long identifier = 0;
            try (TableWrite write = table.newWrite(false); LogWriter logWriter = log.newWriter(user, bucket -> true)) {
                TableCommit commit = table.newCommit(user);
                long intervalNanos = 1_000_000_000L / rate;
                long nextRow = System.nanoTime();
                long nextCommit = System.nanoTime() + Duration.ofMillis(commitMillis).toNanos();
                java.util.Random random = new java.util.Random(42);
                while (System.nanoTime() < end && failure.get() == null) {
                    long now = System.nanoTime();
                    if (now >= nextCommit) {
                        List<CommitMessage> messages = write.prepareCommit(false);
                        Map<Integer, Long> offsets = logWriter.prepareCommit();
                        logWriter.commit();
                        commit.commit(++identifier, messages, offsets);
                        nextCommit = System.nanoTime() + Duration.ofMillis(commitMillis).toNanos();
                    } else if (now >= nextRow) {
                        GenericRow row = GenericRow.of(random.nextInt(KEYS), System.nanoTime());
                        row.setRowKind(RowKind.UPDATE_AFTER);
                        write.write(row);
                        logWriter.write(row);
                        nextRow += intervalNanos;
                    } else {
                        Thread.onSpinWait();
                        long sleep = Math.min(nextRow, nextCommit) - now;
                        if (sleep > 200_000) {
                            Thread.sleep(sleep / 1_000_000, (int) (sleep % 1_000_000));
                        }
                    }
                }
                List<CommitMessage> messages = write.prepareCommit(false);
                Map<Integer, Long> offsets = logWriter.prepareCommit();
                logWriter.commit();
                commit.commit(++identifier, messages, offsets);
            } finally {
                writing.set(false);
                subscriber.join();
            }
        }
        if (failure.get() != null) {
            throw new IllegalStateException("The " + consistency + " run failed", failure.get());
        }
        catalog.dropTable(id, false);
        long[] measured = Arrays.copyOf(latencies, count[0]);
        Arrays.sort(measured);
        return measured;
    }

    private static double percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int index = (int) Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1);
        return sorted[Math.max(0, index)] / 1e6;
    }

    private static void deleteQuietly(Path directory) {
        try (var paths = Files.walk(directory)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (java.io.IOException e) {
            System.err.println("Could not delete " + directory + ": " + e.getMessage());
        }
    }
}
