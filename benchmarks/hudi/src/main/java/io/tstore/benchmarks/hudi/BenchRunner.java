package io.tstore.benchmarks.hudi;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

/**
 * Runs the workload into one system after another: every commit's rows are generated and cached before the clock
 * starts, so a commit's time is the write alone (Hudi MOR: its inline compaction included). Then the queries, each
 * the median of the runs, and the gate against the model.
 */
final class BenchRunner {
    static final String QUERY_COUNT = "count";
    static final String QUERY_SCAN = "full scan";
    static final String QUERY_LOOKUP = "point lookup";
    static final String QUERY_FILTER = "filter";

    private final SparkSession spark;
    private final Workload workload;
    private final RowGenerator generator;
    private final ProcessClock clock = new ProcessClock();
    private final int inputPartitions;
    private final boolean quiet;
    private Map<String, List<Row>> expected;

    BenchRunner(SparkSession spark, Workload workload, int inputPartitions, boolean quiet) {
        this.spark = spark;
        this.workload = workload;
        this.generator = new RowGenerator(workload.options().seed());
        this.inputPartitions = inputPartitions;
        this.quiet = quiet;
    }

    /** Writes every commit into {@code table}, queries it and checks it against the model. */
    Results.SystemRun run(BenchTable table) {
        table.create();
        List<Results.Commit> commits = new ArrayList<>();
        for (int c = 0; c <= workload.options().commits(); c++) {
            commits.add(commit(table, c));
        }
        DirectoryListing end = DirectoryListing.of(table.directory(), table.metadataDirectory());
        long[] totals = end.totals();

        Map<String, List<Row>> answers = new LinkedHashMap<>();
        Map<String, Double> millis = new LinkedHashMap<>();
        millis.put(QUERY_COUNT, median(() -> time(table, Queries.COUNT, answers)));
        millis.put(QUERY_SCAN, median(() -> time(table, Queries.FULL_SCAN, answers)));
        long[] keys = Queries.lookupKeys(workload.options());
        millis.put(QUERY_LOOKUP, median(() -> {
            double[] each = new double[keys.length];
            for (int i = 0; i < keys.length; i++) {
                each[i] = time(table, Queries.lookup(keys[i]), answers);
            }
            return median(each);
        }));
        millis.put(QUERY_FILTER, median(() -> time(table, Queries.FILTER, answers)));

        List<Row> digest = Queries.run(spark, table.read(), Queries.CHECKSUM);
        Results.Checksum checksum = checksum(digest);
        List<String> errors = gate(table.name(), checksum, answers);
        log("%s: %s, %d rows, checksum %s%n", table.name(), errors.isEmpty() ? "gate passed" : "GATE FAILED",
                checksum.rows(), checksum.hashSum());
        return new Results.SystemRun(table.name(), table.settings(), commits, totals[0], totals[1], totals[2],
                totals[3], millis, checksum, errors);
    }

    private Results.Commit commit(BenchTable table, int commit) {
        long[] keys = workload.keys(commit);
        Dataset<Row> rows = rows(keys, commit).persist(StorageLevel.MEMORY_ONLY());
        long count = rows.count();
        long inputBytes = 0;
        for (long key : keys) {
            inputBytes += generator.inputBytes(key, commit);
        }
        System.gc();
        DirectoryListing before = DirectoryListing.of(table.directory(), table.metadataDirectory());
        long compactionsBefore = before.count(".commit");
        long wall = clock.wallNanos();
        long cpu = clock.cpuNanos();
        table.write(rows, commit == 0);
        wall = clock.wallNanos() - wall;
        cpu = clock.cpuNanos() - cpu;
        DirectoryListing after = DirectoryListing.of(table.directory(), table.metadataDirectory());
        rows.unpersist(true);
        long[] written = after.writtenSince(before);
        // On a MOR table, a completed ".commit" instant is a compaction (delta commits end in ".deltacommit").
        boolean compacted = table.name().equals("hudi-mor") && commit > 0 && after.count(".commit") > compactionsBefore;
        Results.Commit result = new Results.Commit(commit, count, inputBytes, wall, cpu, written[0], written[1],
                written[2], written[3], compacted);
        log("%-12s commit %3d: %,9d rows %8.2f s %,10.0f rows/s %,10.0f rows/cpu-s %,7.1f MB written%s%n",
                table.name(), commit, count, wall / 1e9, result.rowsPerSecond(), result.rowsPerCpuSecond(),
                written[1] / 1e6, compacted ? " (compacted)" : "");
        return result;
    }

    /** The rows of a commit, generated in {@code inputPartitions} tasks. */
    private Dataset<Row> rows(long[] keys, int commit) {
        RowGenerator rows = generator;
        return spark.range(0, keys.length, 1, inputPartitions)
                .map((MapFunction<Long, Row>) i -> rows.row(keys[(int) (long) i], commit), Encoders.row(RowGenerator.SCHEMA));
    }

    /** The model's final rows: every key with the row of the last commit that wrote it. */
    private Dataset<Row> model() {
        int[] last = workload.lastCommits();
        RowGenerator rows = generator;
        return spark.range(0, last.length, 1, inputPartitions)
                .map((MapFunction<Long, Row>) k -> rows.row(k, last[(int) (long) k]), Encoders.row(RowGenerator.SCHEMA));
    }

    private double time(BenchTable table, String sql, Map<String, List<Row>> answers) {
        long start = clock.wallNanos();
        List<Row> rows = Queries.run(spark, table.read(), sql);
        double millis = (clock.wallNanos() - start) / 1e6;
        answers.put(sql, rows);
        return millis;
    }

    private double median(Supplier<Double> run) {
        double[] runs = new double[workload.options().queryRuns()];
        for (int i = 0; i < runs.length; i++) {
            runs[i] = run.get();
        }
        return median(runs);
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static Results.Checksum checksum(List<Row> digest) {
        Row row = digest.get(0);
        return new Results.Checksum(row.getLong(0), String.valueOf(row.get(1)));
    }

    /** The model's answers to every query the systems ran, computed once over the model's rows. */
    private Map<String, List<Row>> expected(Iterable<String> queries) {
        if (expected == null) {
            expected = new LinkedHashMap<>();
        }
        Dataset<Row> model = null;
        for (String sql : queries) {
            if (!expected.containsKey(sql)) {
                if (model == null) {
                    model = model().persist(StorageLevel.MEMORY_ONLY());
                }
                expected.put(sql, Queries.run(spark, model, sql));
            }
        }
        if (model != null) {
            model.unpersist(true);
        }
        return expected;
    }

    /** The correctness gate: the checksum and every query answer equal the model's. */
    List<String> gate(String system, Results.Checksum checksum, Map<String, List<Row>> answers) {
        List<String> queries = new ArrayList<>(answers.keySet());
        queries.add(Queries.CHECKSUM);
        Map<String, List<Row>> model = expected(queries);
        List<String> errors = new ArrayList<>();
        Results.Checksum want = checksum(model.get(Queries.CHECKSUM));
        if (!want.equals(checksum)) {
            errors.add(String.format("%s: %d rows with checksum %s, but the model has %d rows with checksum %s",
                    system, checksum.rows(), checksum.hashSum(), want.rows(), want.hashSum()));
        }
        answers.forEach((sql, rows) -> {
            List<String> got = rows.stream().map(Row::toString).sorted().toList();
            List<String> wanted = model.get(sql).stream().map(Row::toString).sorted().toList();
            if (!Objects.equals(got, wanted)) {
                errors.add(String.format("%s: %s returned %s, the model %s", system, sql, got, wanted));
            }
        });
        return errors;
    }

    private void log(String format, Object... args) {
        if (!quiet) {
            System.out.printf(format, args);
            System.out.flush();
        }
    }
}
