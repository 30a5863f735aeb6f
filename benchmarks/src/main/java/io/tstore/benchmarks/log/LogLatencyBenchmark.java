package io.tstore.benchmarks.log;

import io.tstore.benchmarks.table.BenchmarkArgs;
import io.tstore.core.catalog.FileSystemCatalog;
import io.tstore.core.table.Identifier;
import io.tstore.core.commit.CommitMessage;
import io.tstore.core.data.GenericRow;
import io.tstore.core.log.LogStore;
import io.tstore.core.log.LogStores;
import io.tstore.core.log.LogWriter;
import io.tstore.core.table.FileStoreTable;
import io.tstore.core.table.TableCommit;
import io.tstore.core.table.TableWrite;
import io.tstore.log.kafka.EmbeddedKafka;
import org.apache.flink.util.TimeUtils;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;

/**
 * End-to-end changelog latency with no engine, with and without the log: per mode ({@link LatencyMode}), a writer
 * upserts rows at a steady rate into a new primary-key table through the Java API and commits every commit
 * interval (with a log: the log first, then the table, as a Flink checkpoint does), while a
 * {@link ChangelogSubscriber} in another thread follows the table's snapshots ({@code none}) or its log
 * ({@code eventual}, {@code transactional}). The latency of a row is the time from the writer's {@code write} (the
 * {@link System#nanoTime()} stamped in the row) to the subscriber getting it (one process, one clock). The modes
 * run one after the other with the same writer, rate, interval, run length and rows, and are printed side by side:
 * p50, p99 and max. Numbers, not asserts; the run fails when a subscriber does not see exactly the rows written.
 *
 * <p>Usage: {@code LogLatencyBenchmark [seconds per mode] [rows/s] [commit interval] [bootstrap servers|embedded]
 * [modes]}; without bootstrap servers (or with {@code embedded}) an embedded broker is started when a log mode runs.
 */
public final class LogLatencyBenchmark {
    static final String USAGE = "Usage: LogLatencyBenchmark [seconds per mode] [rows/s] [commit interval, e.g. 10s or 500ms]"
            + " [bootstrap servers|embedded] [modes, e.g. none,eventual,transactional]";
    static final int BUCKETS = 4;
    /** How long the snapshot subscriber waits before planning again when nothing new was committed. */
    static final Duration SNAPSHOT_POLL = Duration.ofMillis(100);

    private final FileSystemCatalog catalog;
    private final String servers;
    private final int rate;
    private final Duration interval;
    private final int commits;
    private final int keys;

    LogLatencyBenchmark(FileSystemCatalog catalog, String servers, int rate, Duration interval, int commits) {
        this.catalog = catalog;
        this.servers = servers;
        this.rate = rate;
        this.interval = interval;
        this.commits = commits;
        this.keys = LatencyRows.keys(rate, interval.toMillis());
    }

    public static void main(String[] args) throws Exception {
        int seconds;
        int rate;
        Duration interval;
        String servers;
        List<LatencyMode> modes;
        try {
            if (args.length > 5) {
                throw new IllegalArgumentException("Too many arguments. " + USAGE);
            }
            seconds = args.length > 0 ? BenchmarkArgs.positive(args[0], "seconds per mode", USAGE) : 30;
            rate = args.length > 1 ? BenchmarkArgs.positive(args[1], "rows/s", USAGE) : 2_000;
            interval = args.length > 2 ? interval(args[2], USAGE) : Duration.ofSeconds(10);
            servers = args.length > 3 && !args[3].equals("embedded") ? args[3] : null;
            modes = args.length > 4 ? LatencyMode.parseList(args[4], USAGE) : List.of(LatencyMode.values());
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        // Whole commit intervals, so that the last row is committed by a regular commit; the first one is warm-up.
        int commits = (int) Math.max(2, Math.ceil(seconds * 1000.0 / interval.toMillis()));
        Path directory = Files.createTempDirectory("tstore-log-bench");
        EmbeddedKafka embedded = null;
        boolean ok;
        try {
            if (servers == null && modes.stream().anyMatch(LatencyMode::usesLog)) {
                embedded = new EmbeddedKafka(directory.resolve("kafka"), false, Map.of()).start();
                servers = embedded.bootstrapServers();
            }
            FileSystemCatalog catalog = FileSystemCatalog.create(directory.resolve("warehouse").toString(), Map.of());
            catalog.createDatabase("bench", true);
            LogLatencyBenchmark benchmark = new LogLatencyBenchmark(catalog, servers, rate, interval, commits);
            System.out.printf("Changelog latency, Java API writer: %,d upserts/s over %,d keys into a %d-bucket table, a commit every %s,"
                            + " %d commits (%s) per mode; the rows of the first interval are warm-up. Subscribers: snapshots"
                            + " polled every %d ms, or the log%s. JVM %s, %d cores, load average %.2f%n",
                    rate, benchmark.keys, BUCKETS, TimeUtils.formatWithHighestUnit(interval), commits,
                    TimeUtils.formatWithHighestUnit(interval.multipliedBy(commits)), SNAPSHOT_POLL.toMillis(),
                    servers == null ? "" : " (Kafka at " + servers + (embedded == null ? ")" : ", embedded)"),
                    System.getProperty("java.vm.version"), Runtime.getRuntime().availableProcessors(), LatencyReport.loadAverage());
            List<LatencyReport.Result> results = new ArrayList<>();
            for (LatencyMode mode : modes) {
                results.add(benchmark.run(mode));
            }
            LatencyReport.print(System.out, results);
            System.out.printf("(a commit every %s; load average at the end %.2f)%n",
                    TimeUtils.formatWithHighestUnit(interval), LatencyReport.loadAverage());
            ok = results.stream().allMatch(LatencyReport.Result::complete);
        } finally {
            if (embedded != null) {
                embedded.stop();
            }
            deleteQuietly(directory);
        }
        // The Kafka clients' and the table writers' threads must not keep a failed run alive.
        System.exit(ok ? 0 : 1);
    }

    /** Runs one mode on a new table, which it drops at the end (and with it the log's topic). */
    LatencyReport.Result run(LatencyMode mode) throws Exception {
        Identifier id = Identifier.of("bench", "latency_" + mode.modeName());
        catalog.createTable(id, LatencyRows.schema(BUCKETS, mode.tableOptions(servers)), false);
        FileStoreTable table = catalog.getTable(id);
        System.out.printf("%s ...%n", mode.label());
        ChangelogSubscriber subscriber = ChangelogSubscriber.start(table, mode, SNAPSHOT_POLL);
        long written;
        try {
            written = write(table, mode);
        } catch (Exception e) {
            try {
                subscriber.finish(0, Duration.ZERO);
            } catch (RuntimeException stopped) {
                e.addSuppressed(stopped);
            }
            throw e;
        }
        // Everything is committed: the subscriber needs at most a poll and a read of the last snapshot or records.
        ChangelogSubscriber.Observed observed = subscriber.finish(written, interval.plusSeconds(30));
        catalog.dropTable(id, false);
        return LatencyReport.Result.of(mode, written, observed, interval.toNanos());
    }

    /**
     * Writes row {@code i} when {@code i / rate} seconds have passed since the start (or at once when behind) and
     * commits every interval on the same thread, until the last commit; returns the number of rows written. A commit
     * that is due while the previous one still runs starts right after it (as Flink triggers a checkpoint that is due
     * while the previous one runs); the commits' durations are printed, so that such a run can be told.
     */
    private long write(FileStoreTable table, LatencyMode mode) throws Exception {
        String user = UUID.randomUUID().toString();
        long intervalNanos = interval.toNanos();
        try (LogStore log = mode.usesLog() ? LogStores.of(table).orElseThrow() : null;
                LogWriter logWriter = log == null ? null : log.newWriter(user, bucket -> true);
                TableWrite write = table.newWrite(false)) {
            TableCommit commit = table.newCommit(user);
            long start = System.nanoTime();
            long nextCommit = start + intervalNanos;
            long identifier = 0;
            long i = 0;
            long[] commitNanos = new long[commits];
            while (identifier < commits) {
                long now = System.nanoTime();
                long nextRow = start + i * 1_000_000_000L / rate;
                if (now >= nextCommit) {
                    long commitStart = System.nanoTime();
                    List<CommitMessage> messages = write.prepareCommit(false);
                    if (logWriter == null) {
                        commit.commit(++identifier, messages);
                    } else {
                        Map<Integer, Long> offsets = logWriter.prepareCommit();
                        logWriter.commit();
                        commit.commit(++identifier, messages, offsets);
                    }
                    commitNanos[(int) identifier - 1] = System.nanoTime() - commitStart;
                    nextCommit += intervalNanos;
                } else if (now >= nextRow) {
                    GenericRow row = LatencyRows.row(i++, keys);
                    write.write(row);
                    if (logWriter != null) {
                        logWriter.write(row);
                    }
                } else {
                    LockSupport.parkNanos(Math.min(nextRow, nextCommit) - now);
                }
            }
            Arrays.sort(commitNanos);
            System.out.printf("  %,d rows written, %d commits of %,.0f ms (p50), %,.0f ms (max)%s%n", i, commits,
                    commitNanos[commits / 2] / 1e6, commitNanos[commits - 1] / 1e6,
                    commitNanos[commits - 1] > intervalNanos ? ": a commit took longer than the interval, the writer fell behind" : "");
            return i;
        }
    }

    /** A commit or checkpoint interval: a Flink duration ({@code 10 s}, {@code 500 ms}; a plain number is ms). */
    static Duration interval(String value, String usage) {
        Duration parsed;
        try {
            parsed = TimeUtils.parseDuration(value);
        } catch (IllegalArgumentException e) {
            parsed = null;
        }
        if (parsed == null || parsed.toMillis() < 1) {
            throw new IllegalArgumentException(String.format(
                    "The commit interval must be a positive duration such as '10 s' or '500 ms', got '%s'. %s", value, usage));
        }
        return parsed;
    }

    private static void deleteQuietly(Path directory) {
        try (var paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            System.err.println("Could not delete " + directory + ": " + e.getMessage());
        }
    }
}
