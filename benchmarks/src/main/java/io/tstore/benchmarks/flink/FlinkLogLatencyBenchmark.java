package io.tstore.benchmarks.flink;

import io.tstore.benchmarks.log.ChangelogSubscriber;
import io.tstore.benchmarks.log.LatencyMode;
import io.tstore.benchmarks.log.LatencyReport;
import io.tstore.benchmarks.log.LatencyRows;
import io.tstore.benchmarks.table.BenchmarkArgs;
import io.tstore.core.catalog.FileSystemCatalog;
import io.tstore.core.table.Identifier;
import io.tstore.core.table.FileStoreTable;
import io.tstore.flink.sink.FlinkTableSink;
import io.tstore.log.kafka.EmbeddedKafka;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.client.deployment.executors.PipelineExecutorUtils;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamGraph;
import org.apache.flink.table.api.bridge.java.StreamStatementSet;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.runtime.typeutils.InternalTypeInfo;
import org.apache.flink.table.types.logical.BigIntType;
import org.apache.flink.table.types.logical.IntType;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.RowType;
import org.apache.flink.util.TimeUtils;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * End-to-end changelog latency through Flink: per mode, a streaming job on an embedded MiniCluster (bound to
 * loopback) with a checkpoint every interval writes upserts at a steady rate through the tstore sink
 * ({@code INSERT INTO}), while a {@link ChangelogSubscriber} in this JVM follows the table: its snapshots (mode
 * {@code none}) or its log. The rows are those of {@code bin/log-bench} ({@link LatencyRows}), stamped with
 * {@link System#nanoTime()} by the job's paced source when it makes them; the subscriber subtracts that from its
 * own clock when it gets the row (one process, one clock). The rows of the first interval after the first row are
 * warm-up. Results are printed side by side as by {@code bin/log-bench}; the run fails when a subscriber does not
 * see exactly the rows made.
 *
 * <p>Usage: {@code FlinkLogLatencyBenchmark [seconds per mode] [rows/s] [checkpoint interval]
 * [bootstrap servers|embedded] [modes] [parallelism]}.
 */
public final class FlinkLogLatencyBenchmark {
    private static final String USAGE = "Usage: FlinkLogLatencyBenchmark [seconds per mode] [rows/s] [checkpoint interval, e.g. 10s]"
            + " [bootstrap servers|embedded] [modes, e.g. none,eventual,transactional] [parallelism]";
    private static final int BUCKETS = 4;
    private static final Duration SNAPSHOT_POLL = Duration.ofMillis(100);
    private static final String DATABASE = "bench";

    private final Path warehouse;
    private final FileSystemCatalog catalog;
    private final String servers;
    private final int rate;
    private final long rows;
    private final Duration interval;
    private final int parallelism;
    private final int keys;

    private FlinkLogLatencyBenchmark(Path warehouse, String servers, int rate, long rows, Duration interval, int parallelism) {
        this.warehouse = warehouse;
        this.catalog = FileSystemCatalog.create(warehouse.toAbsolutePath().toString(), Map.of());
        this.servers = servers;
        this.rate = rate;
        this.rows = rows;
        this.interval = interval;
        this.parallelism = parallelism;
        this.keys = LatencyRows.keys(rate, interval.toMillis());
    }

    public static void main(String[] args) throws Exception {
        int seconds;
        int rate;
        Duration interval;
        String servers;
        List<LatencyMode> modes;
        int parallelism;
        try {
            if (args.length > 6) {
                throw new IllegalArgumentException("Too many arguments. " + USAGE);
            }
            seconds = args.length > 0 ? BenchmarkArgs.positive(args[0], "seconds per mode", USAGE) : 30;
            rate = args.length > 1 ? BenchmarkArgs.positive(args[1], "rows/s", USAGE) : 2_000;
            interval = args.length > 2 ? checkpointInterval(args[2]) : Duration.ofSeconds(10);
            servers = args.length > 3 && !args[3].equals("embedded") ? args[3] : null;
            modes = args.length > 4 ? LatencyMode.parseList(args[4], USAGE) : List.of(LatencyMode.values());
            parallelism = args.length > 5 ? BenchmarkArgs.positive(args[5], "parallelism", USAGE) : 2;
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        List<LatencyMode> runnable = new ArrayList<>(modes);
        if (runnable.isEmpty()) {
            System.err.println("No mode left to run. " + USAGE);
            System.exit(2);
            return;
        }
        Path directory = Files.createTempDirectory("tstore-flink-latency-bench");
        EmbeddedKafka embedded = null;
        boolean ok;
        try {
            if (servers == null && runnable.stream().anyMatch(LatencyMode::usesLog)) {
                embedded = new EmbeddedKafka(directory.resolve("kafka"), false, Map.of()).start();
                servers = embedded.bootstrapServers();
            }
            FlinkLogLatencyBenchmark benchmark = new FlinkLogLatencyBenchmark(
                    directory.resolve("warehouse"), servers, rate, (long) rate * seconds, interval, parallelism);
            benchmark.catalog.createDatabase(DATABASE, false);
            System.out.printf("Changelog latency, Flink writer: %,d upserts/s over %,d keys (%,d rows, %d s) per mode into a %d-bucket"
                            + " table, a checkpoint every %s, writer parallelism %d; the rows of the first interval are warm-up."
                            + " Subscribers: snapshots polled every %d ms, or the log%s. JVM %s, %d cores, load average %.2f%n",
                    rate, benchmark.keys, benchmark.rows, seconds, BUCKETS, TimeUtils.formatWithHighestUnit(interval), parallelism,
                    SNAPSHOT_POLL.toMillis(), servers == null ? "" : " (Kafka at " + servers + ")",
                    System.getProperty("java.vm.version"), Runtime.getRuntime().availableProcessors(), LatencyReport.loadAverage());
            List<LatencyReport.Result> results = new ArrayList<>();
            for (LatencyMode mode : runnable) {
                results.add(benchmark.run(mode));
            }
            LatencyReport.print(System.out, results);
            System.out.printf("(a checkpoint every %s; load average at the end %.2f)%n",
                    TimeUtils.formatWithHighestUnit(interval), LatencyReport.loadAverage());
            ok = results.stream().allMatch(LatencyReport.Result::complete);
        } finally {
            if (embedded != null) {
                embedded.stop();
            }
            try (var paths = Files.walk(directory)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                System.err.println("Could not delete " + directory + ": " + e.getMessage());
            }
        }
        // Flink's and the Kafka clients' non-daemon threads must not keep a failed run alive.
        System.exit(ok ? 0 : 1);
    }

    /** Runs one mode: a new table, the subscriber, then the job until it has committed everything. */
    private LatencyReport.Result run(LatencyMode mode) throws Exception {
        Identifier id = Identifier.of(DATABASE, "flink_latency_" + mode.modeName());
        catalog.createTable(id, LatencyRows.schema(BUCKETS, mode.tableOptions(servers)), false);
        FileStoreTable table = catalog.getTable(id);
        System.out.printf("%s ...%n", mode.label());
        ChangelogSubscriber subscriber = ChangelogSubscriber.start(table, mode, SNAPSHOT_POLL);
        try {
            long written = runJob(id);
            if (written != rows) {
                System.out.printf("Note: the sink counted %,d rows written, of %,d made%n", written, rows);
            }
        } catch (Exception e) {
            try {
                subscriber.finish(0, Duration.ZERO);
            } catch (RuntimeException stopped) {
                e.addSuppressed(stopped);
            }
            throw e;
        }
        // The job ended after its final checkpoint committed: the subscriber needs at most a poll and a read.
        ChangelogSubscriber.Observed observed = subscriber.finish(rows, interval.plusSeconds(30));
        catalog.dropTable(id, false);
        return LatencyReport.Result.of(mode, rows, observed, interval.toNanos());
    }

    /** Runs the job that writes the rows into table {@code id}; returns the sink's count of rows written. */
    private long runJob(Identifier id) throws Exception {
        Configuration conf = new Configuration();
        MiniCluster cluster = BenchmarkCluster.start(conf, parallelism, interval);
        try {
            StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
            StreamTableEnvironment tEnv = StreamTableEnvironment.create(env);
            tEnv.executeSql("CREATE CATALOG tstore WITH ('type' = 'tablestore', 'warehouse' = '" + warehouse.toAbsolutePath() + "')");
            // One paced subtask makes the rows in order, so the versions of a key reach its writer in order.
            DataStream<RowData> upserts = env.fromSequence(0, rows - 1).name("Sequence").setParallelism(1)
                    .map(new PacedRows(rate, keys)).name("Paced upserts").setParallelism(1)
                    .returns(InternalTypeInfo.of(PacedRows.ROW_TYPE));
            tEnv.createTemporaryView("upserts", upserts);
            StreamStatementSet statements = tEnv.createStatementSet();
            statements.addInsertSql("INSERT INTO tstore." + id.database() + "." + id.table() + " SELECT * FROM upserts");
            statements.attachAsDataStream();
            StreamGraph built = env.getStreamGraph();
            built.setJobName("flink-latency-bench-" + id.table());
            StreamGraph graph = PipelineExecutorUtils.getStreamGraph(built, conf);
            graph.serializeUserDefinedInstances();
            JobID job = cluster.submitJob(graph).get().getJobID();
            JobExecutionResult result = cluster.requestJobResult(job).get()
                    .toJobExecutionResult(FlinkLogLatencyBenchmark.class.getClassLoader());
            return result.<Long>getAccumulatorResult(FlinkTableSink.ROWS_WRITTEN_ACCUMULATOR);
        } finally {
            cluster.closeAsync().get(60, TimeUnit.SECONDS);
        }
    }

    /**
     * Makes row {@code i} (key {@code i mod keys}) when {@code i / rate} seconds have passed since the first row, or
     * at once when behind, stamped with {@link System#nanoTime()} as it leaves: the rows and the pace of
     * {@code bin/log-bench}'s writer.
     */
    static final class PacedRows extends RichMapFunction<Long, RowData> {
        private static final long serialVersionUID = 1L;
        static final RowType ROW_TYPE = RowType.of(new LogicalType[] {new IntType(false), new BigIntType()}, new String[] {"k", "sent_nanos"});

        private final int rate;
        private final int keys;
        private transient long startNanos;
        private transient boolean started;

        PacedRows(int rate, int keys) {
            this.rate = rate;
            this.keys = keys;
        }

        @Override
        public RowData map(Long i) {
            if (!started) {
                started = true;
                startNanos = System.nanoTime() - i * 1_000_000_000L / rate;
            }
            long due = startNanos + i * 1_000_000_000L / rate;
            for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                LockSupport.parkNanos(wait);
            }
            return GenericRowData.of(LatencyRows.key(i, keys), System.nanoTime());
        }
    }

    private static Duration checkpointInterval(String value) {
        Duration parsed;
        try {
            parsed = TimeUtils.parseDuration(value);
        } catch (IllegalArgumentException e) {
            parsed = null;
        }
        if (parsed == null || parsed.toMillis() < 10) {
            throw new IllegalArgumentException(String.format(
                    "The checkpoint interval must be a duration of at least 10 ms such as '10 s', got '%s'. %s", value, USAGE));
        }
        return parsed;
    }
}
