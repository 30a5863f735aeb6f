package io.tstore.benchmarks.flink;

import io.tstore.core.catalog.FileSystemCatalog;
import io.tstore.core.table.Identifier;
import io.tstore.core.data.BinaryRow;
import io.tstore.core.data.InternalRow;
import io.tstore.core.snapshot.CommitKind;
import io.tstore.core.snapshot.Snapshot;
import io.tstore.core.table.FileStoreTable;
import io.tstore.core.table.TableCommit;
import io.tstore.core.table.TableWrite;
import io.tstore.core.connector.BucketOwner;
import io.tstore.flink.sink.FlinkTableSink;
import io.tstore.lsm.RecordReader;

import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.accumulators.LongMaximum;
import org.apache.flink.api.common.accumulators.LongMinimum;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.client.deployment.executors.PipelineExecutorUtils;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.WebOptions;
import org.apache.flink.runtime.checkpoint.AbstractCheckpointStats;
import org.apache.flink.runtime.checkpoint.CheckpointStatsSnapshot;
import org.apache.flink.runtime.checkpoint.CheckpointStatsStatus;
import org.apache.flink.runtime.checkpoint.FailedCheckpointStats;
import org.apache.flink.runtime.checkpoint.SubtaskStateStats;
import org.apache.flink.runtime.checkpoint.TaskStateStats;
import org.apache.flink.runtime.executiongraph.AccessExecutionGraph;
import org.apache.flink.runtime.executiongraph.AccessExecutionJobVertex;
import org.apache.flink.runtime.jobgraph.JobVertexID;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamGraph;
import org.apache.flink.table.api.bridge.java.StreamStatementSet;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.runtime.typeutils.InternalTypeInfo;
import org.apache.flink.util.TimeUtils;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Streaming upsert ingest through Flink: a bounded source of {@code rows} upserts over {@code keys} keys written
 * into a primary-key table by a streaming {@code INSERT} with checkpoints, on an embedded MiniCluster bound to
 * loopback; beside it, in the same run, the same rows written by one core {@link TableWrite} on one thread,
 * committing at the same interval, as the baseline of what the engine costs.
 *
 * <p>It prints the rows/s of both (from the job's submission to its final commit, and from the first write to the
 * final commit), and the commit latency of every checkpoint: from the checkpoint's trigger to the snapshot of its
 * commit, and from the checkpoint's completion to that snapshot, paired by {@link CheckpointCommits} from the
 * table's snapshots and Flink's checkpoint history. At the end it checks that both tables hold exactly one row per
 * key written, equal to the last row of that key ({@link IngestRows}), and fails otherwise.
 *
 * <p>The source ({@code fromSequence} and a map that makes row {@code i}) runs with parallelism 1, so that the
 * versions of a key reach its writer in the order of the sequence and the last one wins; the writers run with the
 * given parallelism, and the table's buckets are spread over them by the connector's shuffle.
 *
 * <p>Usage: {@code FlinkIngestBenchmark [rows] [keys] [checkpoint-interval] [parallelism] [buckets] [directory]}.
 */
public final class FlinkIngestBenchmark {
    private static final String USAGE =
            "Usage: FlinkIngestBenchmark [rows] [keys] [checkpoint-interval] [parallelism] [buckets] [directory]";
    private static final String DATABASE = "bench";
    private static final Identifier FLINK_TABLE = Identifier.of(DATABASE, "flink_ingest");
    private static final Identifier CORE_TABLE = Identifier.of(DATABASE, "core_ingest");
    static final String FIRST_ROW_ACCUMULATOR = "bench.first-row-millis";
    static final String LAST_ROW_ACCUMULATOR = "bench.last-row-millis";

    private final IngestRows data;
    private final Duration interval;
    private final int parallelism;
    private final int buckets;
    private final Path warehouse;
    private final FileSystemCatalog catalog;

    private FlinkIngestBenchmark(IngestRows data, Duration interval, int parallelism, int buckets, Path warehouse) {
        this.data = data;
        this.interval = interval;
        this.parallelism = parallelism;
        this.buckets = buckets;
        this.warehouse = warehouse;
        this.catalog = FileSystemCatalog.create(warehouse.toAbsolutePath().toString(), Map.of());
    }

    public static void main(String[] args) throws Exception {
        long rows;
        int keys;
        Duration interval;
        int parallelism;
        int buckets;
        Path parent;
        try {
            rows = args.length > 0 ? positiveLong(args[0], "rows") : 5_000_000L;
            keys = args.length > 1 ? (int) Math.min(Integer.MAX_VALUE, positiveLong(args[1], "keys")) : 1_000_000;
            interval = args.length > 2 ? interval(args[2]) : Duration.ofSeconds(10);
            parallelism = args.length > 3 ? (int) positiveLong(args[3], "parallelism") : 2;
            buckets = args.length > 4 ? (int) positiveLong(args[4], "buckets") : 2;
            parent = args.length > 5 ? Path.of(args[5]) : null;
            if (args.length > 6) {
                throw new IllegalArgumentException("Too many arguments. " + USAGE);
            }
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Path warehouse = parent == null
                ? Files.createTempDirectory("tstore-flink-bench")
                : Files.createTempDirectory(parent, "tstore-flink-bench");
        long start = System.nanoTime();
        System.out.printf("Flink ingest benchmark: %,d upserts over %,d keys into a primary-key table with %d buckets"
                        + " (table defaults otherwise), writer parallelism %d, a checkpoint every %s; warehouse %s%n",
                rows, keys, buckets, parallelism, TimeUtils.formatWithHighestUnit(interval), warehouse);
        System.out.printf("JVM %s, %d cores, max heap %,d mb, load average %.1f%n%n", System.getProperty("java.vm.version"),
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20, loadAverage());
        StringBuilder spread = new StringBuilder();
        for (int b = 0; b < buckets; b++) {
            spread.append(b == 0 ? "" : ", ").append(b).append(" -> ").append(BucketOwner.of(BinaryRow.EMPTY_ROW, b, parallelism));
        }
        System.out.printf("Buckets to writer subtasks (the connector's shuffle): %s%n", spread);
        if (buckets < parallelism) {
            System.out.printf("Note: %d buckets for %d writers: %d writer(s) get no bucket and stay idle.%n%n",
                    buckets, parallelism, parallelism - buckets);
        } else if (buckets % parallelism != 0) {
            System.out.printf("Note: %d buckets for %d writers: some writers get one bucket more than others.%n%n",
                    buckets, parallelism);
        }
        boolean ok;
        try {
            ok = new FlinkIngestBenchmark(new IngestRows(rows, keys), interval, parallelism, buckets, warehouse).run();
        } finally {
            try (var paths = Files.walk(warehouse)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        System.out.printf("%ntotal %.0f s%n", (System.nanoTime() - start) / 1e9);
        // Flink's and the table writers' non-daemon threads must not keep a failed run alive.
        System.exit(ok ? 0 : 1);
    }

    private boolean run() throws Exception {
        catalog.createDatabase(DATABASE, false);
        catalog.createTable(FLINK_TABLE, IngestRows.schema(buckets), false);
        catalog.createTable(CORE_TABLE, IngestRows.schema(buckets), false);

        System.out.println("Flink: streaming INSERT on a MiniCluster ...");
        FlinkRun flink = runFlink();
        System.gc();
        System.out.println("Core: one TableWrite on one thread ...");
        CoreRun core = runCore();

        System.out.println("Checking both tables against the last row of every key ...");
        long[] last = data.lastRowOfKeys();
        String flinkCheck = check(catalog.getTable(FLINK_TABLE), last);
        String coreCheck = check(catalog.getTable(CORE_TABLE), last);

        report(flink, core, flinkCheck, coreCheck);
        return flinkCheck.startsWith("OK") && coreCheck.startsWith("OK");
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Flink

    /** What the Flink run measured. */
    private record FlinkRun(long submitMillis, long firstRowMillis, long lastRowMillis, long endMillis,
            List<CheckpointCommits.Commit> commits, List<Snapshot> snapshots, CheckpointStatsSnapshot checkpoints,
            JobVertexID writers, long rowsWritten, long commitAccumulator) {
        long finalCommitMillis() {
            return commits.get(commits.size() - 1).committedMillis();
        }
    }

    private FlinkRun runFlink() throws Exception {
        Configuration conf = new Configuration();
        // Keep every checkpoint's statistics, not the last 10: each commit is paired with its checkpoint.
        conf.set(WebOptions.CHECKPOINTS_HISTORY_SIZE, 100_000);
        MiniCluster cluster = BenchmarkCluster.start(conf, parallelism, interval);
        try {
            StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
            StreamTableEnvironment tEnv = StreamTableEnvironment.create(env);
            tEnv.executeSql("CREATE CATALOG tstore WITH ('type' = 'tablestore', 'warehouse' = '"
                    + warehouse.toAbsolutePath() + "')");
            DataStream<RowData> upserts = env.fromSequence(0, data.rows() - 1).name("Sequence").setParallelism(1)
                    .map(new Generate(data)).name("Upserts").setParallelism(1)
                    .returns(InternalTypeInfo.of(IngestRows.flinkRowType()));
            tEnv.createTemporaryView("upserts", upserts);
            StreamStatementSet statements = tEnv.createStatementSet();
            statements.addInsertSql("INSERT INTO tstore." + DATABASE + "." + FLINK_TABLE.table() + " SELECT * FROM upserts");
            statements.attachAsDataStream();
            StreamGraph built = env.getStreamGraph();
            built.setJobName("flink-ingest-bench");
            // As Flink's executors do before a submission: the job id and the job's configuration.
            StreamGraph graph = PipelineExecutorUtils.getStreamGraph(built, conf);
            graph.serializeUserDefinedInstances();

            long submitMillis = System.currentTimeMillis();
            JobID job = cluster.submitJob(graph).get().getJobID();
            JobExecutionResult result = cluster.requestJobResult(job).get()
                    .toJobExecutionResult(FlinkIngestBenchmark.class.getClassLoader());
            long endMillis = System.currentTimeMillis();
            AccessExecutionGraph executed = cluster.getExecutionGraph(job).get(60, TimeUnit.SECONDS);
            CheckpointStatsSnapshot checkpoints = executed.getCheckpointStatsSnapshot();
            JobVertexID writers = null;
            for (AccessExecutionJobVertex vertex : executed.getAllVertices().values()) {
                if (vertex.getName().contains("Writer:")) {
                    writers = vertex.getJobVertexId();
                }
            }

            FileStoreTable table = catalog.getTable(FLINK_TABLE);
            List<Snapshot> snapshots = table.snapshotManager().snapshots();
            Set<String> users = snapshots.stream().map(Snapshot::commitUser).collect(Collectors.toCollection(TreeSet::new));
            if (users.size() != 1) {
                throw new IllegalStateException("Table " + table.name() + ": expected the commits of one job, found commit users " + users);
            }
            List<CheckpointCommits.Commit> commits = CheckpointCommits.pair(
                    snapshots, users.iterator().next(), checkpoints.getHistory().getCheckpoints());
            return new FlinkRun(submitMillis, result.<Long>getAccumulatorResult(FIRST_ROW_ACCUMULATOR),
                    result.<Long>getAccumulatorResult(LAST_ROW_ACCUMULATOR), endMillis, commits, snapshots, checkpoints, writers,
                    result.<Long>getAccumulatorResult(FlinkTableSink.ROWS_WRITTEN_ACCUMULATOR),
                    result.<Long>getAccumulatorResult(FlinkTableSink.COMMITS_ACCUMULATOR));
        } finally {
            cluster.closeAsync().get(60, TimeUnit.SECONDS);
        }
    }

    /** Makes row {@code i} of the input, and notes when the first and the last row were made. */
    static final class Generate extends RichMapFunction<Long, RowData> {
        private static final long serialVersionUID = 1L;

        private final IngestRows data;
        private transient LongMinimum firstRow;
        private transient LongMaximum lastRow;
        private transient boolean started;

        Generate(IngestRows data) {
            this.data = data;
        }

        @Override
        public void open(OpenContext context) {
            firstRow = new LongMinimum();
            lastRow = new LongMaximum();
            getRuntimeContext().addAccumulator(FIRST_ROW_ACCUMULATOR, firstRow);
            getRuntimeContext().addAccumulator(LAST_ROW_ACCUMULATOR, lastRow);
        }

        @Override
        public RowData map(Long i) {
            if (!started) {
                started = true;
                firstRow.add(System.currentTimeMillis());
            }
            RowData row = data.flinkRow(i);
            if (i == data.rows() - 1) {
                lastRow.add(System.currentTimeMillis());
            }
            return row;
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Core baseline

    /** What the core run measured: its duration up to the final commit, and each commit's prepareCommit + commit. */
    private record CoreRun(long nanos, List<Long> commitMillis) {}

    /**
     * The same rows, in the same order, through one {@link TableWrite} on this thread: a commit
     * ({@code prepareCommit(false)}, then {@code commit}) whenever a checkpoint interval has passed since the last
     * one was due, as Flink triggers its checkpoints, and a final one with {@code prepareCommit(true)}, as the
     * connector's writer does at the end of its input.
     */
    private CoreRun runCore() throws IOException {
        FileStoreTable table = catalog.getTable(CORE_TABLE);
        TableCommit commit = table.newCommit(UUID.randomUUID().toString());
        long intervalNanos = interval.toNanos();
        List<Long> commitMillis = new ArrayList<>();
        long identifier = 0;
        long start = System.nanoTime();
        long due = start + intervalNanos;
        long end;
        try (TableWrite write = table.newWrite(false)) {
            for (long i = 0; i < data.rows(); i++) {
                write.write(data.coreRow(i));
                if ((i & 4095) == 0 && System.nanoTime() >= due) {
                    long t = System.nanoTime();
                    commit.commit(++identifier, write.prepareCommit(false));
                    commitMillis.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t));
                    while (due <= System.nanoTime()) {
                        due += intervalNanos;
                    }
                }
            }
            long t = System.nanoTime();
            commit.commit(++identifier, write.prepareCommit(true));
            end = System.nanoTime();
            commitMillis.add(TimeUnit.NANOSECONDS.toMillis(end - t));
        }
        return new CoreRun(end - start, commitMillis);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Check and report

    /**
     * "OK ..." when the table holds exactly one row per key written and each equals the last row of its key
     * ({@code last}, by key); else what is wrong, with up to 5 examples.
     */
    private String check(FileStoreTable table, long[] last) throws IOException {
        BitSet seen = new BitSet(data.keys());
        long count = 0;
        long wrong = 0;
        List<String> examples = new ArrayList<>();
        try (RecordReader<InternalRow> reader = table.newReadBuilder().read()) {
            for (InternalRow row = reader.read(); row != null; row = reader.read()) {
                count++;
                long key = row.getLong(0);
                String problem;
                if (key < 0 || key >= data.keys() || last[(int) key] < 0) {
                    problem = "key " + key + " was never written";
                } else if (seen.get((int) key)) {
                    problem = "key " + key + " is there twice";
                } else {
                    seen.set((int) key);
                    problem = data.difference(row, last[(int) key]);
                }
                if (problem != null) {
                    wrong++;
                    if (examples.size() < 5) {
                        examples.add(problem);
                    }
                }
            }
        }
        long expected = java.util.Arrays.stream(last).filter(i -> i >= 0).count();
        long missing = expected - seen.cardinality();
        if (wrong == 0 && missing == 0) {
            return String.format("OK: %,d rows, one per key, each the last version of its key", count);
        }
        return String.format("WRONG: %,d rows, %,d wrong, %,d of %,d keys missing; e.g. %s", count, wrong, missing, expected, examples);
    }

    private void report(FlinkRun flink, CoreRun core, String flinkCheck, String coreCheck) {
        System.out.printf("%nFlink checkpoints and commits (times in ms; 'trigger' in s after the job's submission;"
                + " 'records' in the new files, after the write buffers merged the versions of a key):%n");
        System.out.printf("%10s %9s %14s %14s %16s %10s  %-16s %s%n", "checkpoint", "trigger", "trigger->ack",
                "ack->commit", "trigger->commit", "records", "snapshots", "per writer: barrier arrival + own part");
        List<Long> triggerToCommit = new ArrayList<>();
        List<Long> ackToCommit = new ArrayList<>();
        for (CheckpointCommits.Commit c : flink.commits()) {
            triggerToCommit.add(c.triggerToCommitMillis());
            ackToCommit.add(c.completeToCommitMillis());
            System.out.printf("%10s %9.1f %,14d %,14d %,16d %,10d  %-16s %s%n",
                    c.checkpointId() + (c.endOfInput() ? " (end)" : ""), (c.triggerMillis() - flink.submitMillis()) / 1e3,
                    c.completeMillis() - c.triggerMillis(), c.completeToCommitMillis(), c.triggerToCommitMillis(),
                    c.appendedRecords(), c.kinds(), writerTimes(flink, c.checkpointId()));
        }
        for (AbstractCheckpointStats c : flink.checkpoints().getHistory().getCheckpoints()) {
            if (c.getStatus() == CheckpointStatsStatus.FAILED) {
                System.out.printf("%10s %9.1f  failed: %s%n", c.getCheckpointId(), (c.getTriggerTimestamp() - flink.submitMillis()) / 1e3,
                        c instanceof FailedCheckpointStats failed ? failed.getFailureMessage() : "(no message)");
            }
        }
        var counts = flink.checkpoints().getCounts();
        long appends = flink.snapshots().stream().filter(s -> s.commitKind() == CommitKind.APPEND).count();
        long compacts = flink.snapshots().stream().filter(s -> s.commitKind() == CommitKind.COMPACT).count();

        long rows = data.rows();
        double flinkSeconds = (flink.finalCommitMillis() - flink.submitMillis()) / 1e3;
        double coreSeconds = core.nanos() / 1e9;
        double flinkRate = rows / flinkSeconds;
        double coreRate = rows / coreSeconds;
        System.out.printf("%nSummary (%,d upserts over %,d keys, %d buckets, a checkpoint every %s, load average now %.1f)%n",
                rows, data.keys(), buckets, TimeUtils.formatWithHighestUnit(interval), loadAverage());
        System.out.printf("%-58s %12s %9s %8s%n", "", "rows/s", "s", "vs core");
        System.out.printf("%-58s %,12.0f %9.1f %7.0f%%%n",
                "Flink streaming INSERT, parallelism " + parallelism + " (submit -> final commit)", flinkRate, flinkSeconds,
                100 * flinkRate / coreRate);
        double sourceSeconds = (flink.lastRowMillis() - flink.firstRowMillis()) / 1e3;
        System.out.printf("%-58s %,12.0f %9.1f %7.0f%%%n", "  of which first row -> last row made (writers' pace)",
                rows / sourceSeconds, sourceSeconds, 100 * rows / sourceSeconds / coreRate);
        System.out.printf("%-58s %,12.0f %9.1f %7s%n", "core TableWrite, 1 thread (first write -> final commit)", coreRate, coreSeconds, "100%");

        System.out.printf("%nFlink commit latency over %d commits (%s):%n", triggerToCommit.size(),
                triggerToCommit.size() < 100 ? "fewer than 100, so p99 is the max" : "nearest rank");
        System.out.printf("  checkpoint trigger -> snapshot committed:  p50 %,6.0f ms  p99 %,6.0f ms  max %,6.0f ms%n",
                CheckpointCommits.percentile(triggerToCommit, 0.5), CheckpointCommits.percentile(triggerToCommit, 0.99),
                CheckpointCommits.percentile(triggerToCommit, 1.0));
        System.out.printf("  checkpoint complete -> snapshot committed: p50 %,6.0f ms  p99 %,6.0f ms  max %,6.0f ms%n",
                CheckpointCommits.percentile(ackToCommit, 0.5), CheckpointCommits.percentile(ackToCommit, 0.99),
                CheckpointCommits.percentile(ackToCommit, 1.0));
        System.out.printf("  core, prepareCommit + commit per commit:   p50 %,6.0f ms  p99 %,6.0f ms  max %,6.0f ms  (%d commits)%n",
                CheckpointCommits.percentile(core.commitMillis(), 0.5), CheckpointCommits.percentile(core.commitMillis(), 0.99),
                CheckpointCommits.percentile(core.commitMillis(), 1.0), core.commitMillis().size());
        System.out.printf("Snapshots: %d (%d APPEND, %d COMPACT); checkpoints: %d completed, %d failed;"
                        + " accumulators: %s = %,d, %s = %d%n",
                flink.snapshots().size(), appends, compacts, counts.getNumberOfCompletedCheckpoints(),
                counts.getNumberOfFailedCheckpoints(), FlinkTableSink.ROWS_WRITTEN_ACCUMULATOR, flink.rowsWritten(),
                FlinkTableSink.COMMITS_ACCUMULATOR, flink.commitAccumulator());

        CheckpointCommits.Commit last = flink.commits().get(flink.commits().size() - 1);
        System.out.printf("Flink job phases: submit -> first row %.1f s; first -> last row made %.1f s (%,.0f rows/s);"
                        + " last row -> final checkpoint triggered %.1f s; -> final commit %.1f s; -> job finished %.1f s%n",
                (flink.firstRowMillis() - flink.submitMillis()) / 1e3,
                (flink.lastRowMillis() - flink.firstRowMillis()) / 1e3,
                rows * 1e3 / Math.max(1, flink.lastRowMillis() - flink.firstRowMillis()),
                (last.triggerMillis() - flink.lastRowMillis()) / 1e3,
                (last.committedMillis() - last.triggerMillis()) / 1e3,
                (flink.endMillis() - last.committedMillis()) / 1e3);
        System.out.printf("Check, Flink table: %s%nCheck, core table:  %s%n", flinkCheck, coreCheck);
    }

    /**
     * For each writer subtask in a checkpoint: the time from the trigger until the barrier reached it (behind the
     * rows in flight to it), and from then until its acknowledgement (its flush before the barrier, its state
     * snapshot), from Flink's subtask statistics; e.g. {@code "w0 48+380, w1 52+401"}.
     */
    private static String writerTimes(FlinkRun flink, long checkpointId) {
        AbstractCheckpointStats checkpoint = flink.checkpoints().getHistory().getCheckpointById(checkpointId);
        TaskStateStats writers = checkpoint == null || flink.writers() == null ? null : checkpoint.getTaskStateStats(flink.writers());
        if (writers == null) {
            return "-";
        }
        StringBuilder times = new StringBuilder();
        for (SubtaskStateStats subtask : writers.getSubtaskStats()) {
            if (subtask != null && subtask.isCompleted()) {
                long delay = subtask.getCheckpointStartDelay();
                times.append(times.length() == 0 ? "" : ", ").append('w').append(subtask.getSubtaskIndex()).append(' ')
                        .append(delay).append('+').append(subtask.getAckTimestamp() - checkpoint.getTriggerTimestamp() - delay);
            }
        }
        return times.toString();
    }

    private static double loadAverage() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private static long positiveLong(String value, String name) {
        try {
            long v = Long.parseLong(value.replace("_", "").replace(",", ""));
            if (v < 1) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a positive integer, not '" + value + "'. " + USAGE);
        }
    }

    private static Duration interval(String value) {
        try {
            Duration d = TimeUtils.parseDuration(value);
            if (d.isZero() || d.isNegative()) {
                throw new IllegalArgumentException();
            }
            return d;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("checkpoint-interval must be a positive duration such as '10 s' or '500 ms', not '"
                    + value + "'. " + USAGE);
        }
    }
}
