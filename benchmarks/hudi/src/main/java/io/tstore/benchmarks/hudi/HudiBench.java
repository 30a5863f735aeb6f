package io.tstore.benchmarks.hudi;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;

/**
 * The upsert benchmark against Apache Hudi ({@code bin/hudi-bench}): the same generated rows into ours (through the
 * Spark connector), Hudi merge-on-read and Hudi copy-on-write, one after the other, in one {@code local[2]} Spark
 * session; then the queries, the correctness gate and the report. Exit code 0: done and the gate passed; 1: the
 * gate failed (no ratios printed); 2: a bad command line.
 */
public final class HudiBench {
    /** Input partitions of every commit and Spark's shuffle partitions: the two cores of local[2], twice. */
    static final int PARTITIONS = 4;
    /** Below this many keys a run is its own warm-up. */
    static final int WARM_UP_KEYS = 20_000;

    private HudiBench() {}

    public static void main(String[] args) throws IOException {
        BenchOptions options;
        try {
            options = BenchOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        System.exit(run(options, System.out));
    }

    /** Runs the benchmark; returns the exit code. */
    public static int run(BenchOptions options, PrintStream out) throws IOException {
        Path root = options.out().toAbsolutePath();
        Path tables = root.resolve("tables");
        delete(tables);
        Files.createDirectories(tables);
        Path warehouse = tables.resolve("ours");
        SparkSession spark = session(warehouse);
        try {
            out.printf("Generating the workload: %,d keys, %d upsert commits of %,d rows (%s)%n", options.keys(),
                    options.commits(), options.rowsPerCommit(), options.pattern());
            Workload workload = new Workload(options);
            if (options.keys() > WARM_UP_KEYS) {
                warmUp(spark, options, warehouse, tables.resolve("warm-up"));
            }
            BenchRunner runner = new BenchRunner(spark, workload, PARTITIONS, false);
            List<Results.SystemRun> runs = new ArrayList<>();
            for (BenchTable table : tables(spark, options, warehouse, tables, "")) {
                runs.add(runner.run(table));
            }
            Report report = new Report(options, runs, environment(spark));
            report.print(out);
            report.write(root);
            out.printf("Results: %s, %s and %s in %s%n", Report.JSON, Report.CSV, Report.SVG, root);
            return report.passed() ? 0 : 1;
        } finally {
            spark.stop();
        }
    }

    /** One small round into every system, discarded: Spark's and the writers' code gets compiled before timing. */
    private static void warmUp(SparkSession spark, BenchOptions options, Path warehouse, Path directory)
            throws IOException {
        BenchOptions small = new BenchOptions(WARM_UP_KEYS, Math.min(options.rowsPerCommit(), 2_000), 1,
                options.buckets(), options.pattern(), options.formats(), options.out(), options.seed() + 1,
                options.compactionDeltaCommits(), 1);
        System.out.println("Warm-up round (not counted)...");
        BenchRunner runner = new BenchRunner(spark, new Workload(small), PARTITIONS, true);
        for (BenchTable table : tables(spark, small, warehouse, directory, "warmup_")) {
            runner.run(table);
            if (table instanceof OursTable ours) {
                ours.drop();
            }
        }
        delete(directory);
    }

    private static List<BenchTable> tables(SparkSession spark, BenchOptions options, Path warehouse, Path directory,
            String prefix) {
        List<BenchTable> tables = new ArrayList<>();
        for (String format : options.formats()) {
            tables.add(new OursTable(spark, warehouse, prefix, format, options.buckets()));
        }
        tables.add(new HudiTable(spark, directory.resolve("hudi-mor"), HudiTable.Type.MERGE_ON_READ,
                options.buckets(), options.compactionDeltaCommits()));
        tables.add(new HudiTable(spark, directory.resolve("hudi-cow"), HudiTable.Type.COPY_ON_WRITE,
                options.buckets(), options.compactionDeltaCommits()));
        return tables;
    }

    static SparkSession session(Path warehouse) {
        return SparkSession.builder()
                .appName("hudi-bench")
                .master("local[2]")
                .config("spark.ui.enabled", "false")
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.sql.shuffle.partitions", Integer.toString(PARTITIONS))
                .config("spark.default.parallelism", Integer.toString(PARTITIONS))
                .config("spark.sql.session.timeZone", "UTC")
                // Hudi's recommended Spark set-up; the same session runs ours, so both get Kryo.
                .config("spark.serializer", "org.apache.spark.serializer.KryoSerializer")
                .config("spark.kryo.registrator", "org.apache.spark.HoodieSparkKryoRegistrar")
                .config("spark.sql.extensions", "org.apache.spark.sql.hudi.HoodieSparkSessionExtension")
                .config("spark.sql.catalog." + OursTable.CATALOG, "io.tstore.spark.SparkCatalog")
                .config("spark.sql.catalog." + OursTable.CATALOG + ".warehouse", warehouse.toString())
                .getOrCreate();
    }

    private static Map<String, String> environment(SparkSession spark) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("date", Instant.now().toString());
        env.put("java", System.getProperty("java.version"));
        env.put("cores", Integer.toString(Runtime.getRuntime().availableProcessors()));
        env.put("maxHeapMB", Long.toString(Runtime.getRuntime().maxMemory() >> 20));
        env.put("spark", spark.version());
        env.put("sparkMaster", "local[2]");
        env.put("hudi", packageVersion("org.apache.hudi.DataSourceWriteOptions"));
        return env;
    }

    private static String packageVersion(String className) {
        try {
            Package p = Class.forName(className).getPackage();
            String version = p == null ? null : p.getImplementationVersion();
            return version == null ? "unknown" : version;
        } catch (ClassNotFoundException e) {
            return "absent";
        }
    }

    static void delete(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.delete(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
