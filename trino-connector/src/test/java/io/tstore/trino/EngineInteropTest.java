package io.tstore.trino;

import static org.assertj.core.api.Assertions.assertThat;

import io.trino.testing.DistributedQueryRunner;
import io.trino.testing.MaterializedRow;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * One warehouse, three engines: Flink and Spark run as separate JDK 17 processes through their {@code tstore sql}
 * shells (on the class paths their modules' builds wrote to {@code target/test-classpath.txt}), Trino in this JVM.
 * Each engine writes a primary-key table (two commits, the second an upsert; Flink also deletes a row), and every
 * engine reads every table, the others' and its own, with the same rows: every type the three engines share
 * (int, string, decimal, date, timestamp, boolean, array, NULL) crosses between them.
 */
class EngineInteropTest {
    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();
    private static final String HEADER = "id\tdt\tname\tamount\tday\tts\tflag\ttag1";

    /** What every engine must read from each table, as TSV after {@link #normalize}. */
    private static final Map<String, List<String>> EXPECTED = Map.of(
            "by_flink", List.of(HEADER,
                    "1\ta\tada2\t15.00\t2024-05-01\t2024-05-01 10:00:00.5\ttrue\t1",
                    "3\tb\tNULL\t30.25\t2024-05-02\t2024-05-02 23:59:59.999\tfalse\t7"),
            "by_spark", List.of(HEADER,
                    "1\ta\tsam2\t16.00\t2024-06-01\t2024-06-01 08:00:00.25\ttrue\t4",
                    "2\ta\tsue\t8.10\t2024-06-01\t2024-06-01 09:30:00\tfalse\t5",
                    "3\tb\tNULL\t0.01\t2024-06-02\t2024-06-02 00:00:00.001\ttrue\t6"),
            "by_trino", List.of(HEADER,
                    "1\ta\ttia2\t17.00\t2024-07-01\t2024-07-01 07:07:07.7\tfalse\t8",
                    "2\tb\tNULL\t99999999.99\t2024-07-02\t2024-07-02 12:00:00\ttrue\t9"));

    private static Path dir;
    private static Path warehouse;
    private static DistributedQueryRunner trino;

    @BeforeAll
    static void start() throws Exception {
        dir = Path.of("target", "tmp", "EngineInteropTest").toAbsolutePath();
        if (Files.exists(dir)) {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        warehouse = Files.createDirectories(dir.resolve("warehouse"));
        trino = TStoreQueryRunner.create(warehouse, Map.of());
    }

    @AfterAll
    static void stop() {
        if (trino != null) {
            trino.close();
        }
    }

    @Test
    void everyEngineReadsWhatEveryEngineWrote() throws Exception {
        // Flink writes its table: an insert, an upsert of id 1, a delete of id 2.
        run(Engine.FLINK, "flink-write", "CREATE DATABASE IF NOT EXISTS tstore.interop; "
                + "CREATE TABLE tstore.interop.by_flink (id INT, dt STRING, name STRING, amount DECIMAL(10, 2), "
                + "`day` DATE, ts TIMESTAMP(3), flag BOOLEAN, tags ARRAY<INT>, PRIMARY KEY (id, dt) NOT ENFORCED) "
                + "PARTITIONED BY (dt) WITH ('bucket' = '2'); "
                + "INSERT INTO tstore.interop.by_flink VALUES "
                + "(1, 'a', 'ada', CAST(12.50 AS DECIMAL(10, 2)), DATE '2024-05-01', TIMESTAMP '2024-05-01 10:00:00.123', TRUE, ARRAY[3]), "
                + "(2, 'a', 'bob', CAST(7.00 AS DECIMAL(10, 2)), DATE '2024-05-01', TIMESTAMP '2024-05-01 11:00:00', FALSE, ARRAY[2]), "
                + "(3, 'b', CAST(NULL AS STRING), CAST(30.25 AS DECIMAL(10, 2)), DATE '2024-05-02', TIMESTAMP '2024-05-02 23:59:59.999', FALSE, ARRAY[7, 8]); "
                + "INSERT INTO tstore.interop.by_flink VALUES "
                + "(1, 'a', 'ada2', CAST(15.00 AS DECIMAL(10, 2)), DATE '2024-05-01', TIMESTAMP '2024-05-01 10:00:00.500', TRUE, ARRAY[1, 2]); "
                + "DELETE FROM tstore.interop.by_flink WHERE id = 2");

        // Spark writes its table (an insert, then an upsert of id 1) and reads Flink's.
        String sparkWrite = run(Engine.SPARK, "spark-write", "CREATE TABLE tstore.interop.by_spark (id INT, dt STRING, "
                + "name STRING, amount DECIMAL(10, 2), day DATE, ts TIMESTAMP_NTZ, flag BOOLEAN, tags ARRAY<INT>) "
                + "PARTITIONED BY (dt) TBLPROPERTIES ('primary-key' = 'id,dt', 'bucket' = '2'); "
                + "INSERT INTO tstore.interop.by_spark VALUES "
                + "(1, 'a', 'sam', 12.00, DATE '2024-06-01', TIMESTAMP_NTZ '2024-06-01 08:00:00', false, array(0)), "
                + "(2, 'a', 'sue', 8.10, DATE '2024-06-01', TIMESTAMP_NTZ '2024-06-01 09:30:00', false, array(5)), "
                + "(3, 'b', NULL, 0.01, DATE '2024-06-02', TIMESTAMP_NTZ '2024-06-02 00:00:00.001', true, array(6, 1)); "
                + "INSERT INTO tstore.interop.by_spark VALUES "
                + "(1, 'a', 'sam2', 16.00, DATE '2024-06-01', TIMESTAMP_NTZ '2024-06-01 08:00:00.25', true, array(4)); "
                + Engine.SPARK.select("by_flink"));
        assertThat(normalize(sparkWrite)).as("Spark reads Flink's table").isEqualTo(EXPECTED.get("by_flink"));

        // Trino writes its table and reads all three.
        trino.execute("CREATE TABLE interop.by_trino (id integer, dt varchar, name varchar, amount decimal(10, 2), "
                + "day date, ts timestamp(3), flag boolean, tags array(integer)) "
                + "WITH (primary_key = ARRAY['id', 'dt'], partitioned_by = ARRAY['dt'], bucket = 2)");
        trino.execute("INSERT INTO interop.by_trino VALUES "
                + "(1, 'a', 'tia', DECIMAL '1.00', DATE '2024-07-01', TIMESTAMP '2024-07-01 07:00:00', true, ARRAY[1]), "
                + "(2, 'b', NULL, DECIMAL '99999999.99', DATE '2024-07-02', TIMESTAMP '2024-07-02 12:00:00', true, ARRAY[9, 10])");
        trino.execute("INSERT INTO interop.by_trino VALUES "
                + "(1, 'a', 'tia2', DECIMAL '17.00', DATE '2024-07-01', TIMESTAMP '2024-07-01 07:07:07.700', false, ARRAY[8])");
        for (String table : EXPECTED.keySet()) {
            assertThat(trinoRead(table)).as("Trino reads " + table).isEqualTo(EXPECTED.get(table));
        }

        // Flink and Spark read the tables the other engines wrote, and their own.
        String flinkRead = run(Engine.FLINK, "flink-read", Engine.FLINK.select("by_flink") + "; "
                + Engine.FLINK.select("by_spark") + "; " + Engine.FLINK.select("by_trino"));
        String sparkRead = run(Engine.SPARK, "spark-read", Engine.SPARK.select("by_spark") + "; "
                + Engine.SPARK.select("by_trino"));
        assertThat(splitResults(flinkRead)).as("Flink reads every table").containsExactly(
                EXPECTED.get("by_flink"), EXPECTED.get("by_spark"), EXPECTED.get("by_trino"));
        assertThat(splitResults(sparkRead)).as("Spark reads its own table and Trino's").containsExactly(
                EXPECTED.get("by_spark"), EXPECTED.get("by_trino"));
    }

    private static List<String> trinoRead(String table) {
        List<String> lines = new ArrayList<>();
        lines.add(HEADER);
        for (MaterializedRow row : trino.execute("SELECT CAST(id AS varchar), dt, name, CAST(amount AS varchar), "
                + "CAST(day AS varchar), CAST(ts AS varchar), CAST(flag AS varchar), CAST(element_at(tags, 1) AS varchar) "
                + "FROM interop." + table + " ORDER BY id").getMaterializedRows()) {
            lines.add(row.getFields().stream().map(v -> v == null ? "NULL" : v.toString())
                    .collect(Collectors.joining("\t")));
        }
        return normalize(String.join("\n", lines));
    }

    /** The engines' shells, started as bin/tstore starts them, each with the class path its module's build wrote. */
    private enum Engine {
        FLINK("flink-connector", "io.tstore.flink.shell.TstoreCli", "tags[1]", "`day`"),
        SPARK("spark-connector", "io.tstore.spark.shell.SparkShell", "element_at(tags, 1)", "day");

        final String module;
        final String shellClass;
        final String firstTag;
        final String day;

        Engine(String module, String shellClass, String firstTag, String day) {
            this.module = module;
            this.shellClass = shellClass;
            this.firstTag = firstTag;
            this.day = day;
        }

        String select(String table) {
            return "SELECT id, dt, name, amount, " + day + ", ts, flag, " + firstTag + " AS tag1 FROM tstore.interop."
                    + table + " ORDER BY id";
        }

        List<String> command(Path runDir, String sql) throws IOException {
            Path moduleDir = ROOT.resolve(module);
            Path classpathFile = moduleDir.resolve("target/test-classpath.txt");
            if (!Files.exists(classpathFile)) {
                throw new IllegalStateException(classpathFile + " is missing: build " + module
                        + " first (./mvnw -B -pl trino-connector -am verify builds it)");
            }
            String classpath = moduleDir.resolve("target/test-classes") + File.pathSeparator
                    + moduleDir.resolve("target/classes") + File.pathSeparator
                    + Files.readString(classpathFile).trim();
            List<String> command = new ArrayList<>();
            command.add(System.getProperty("tstore.jdk17.java", "java"));
            command.add("-Xmx768m");
            if (this == SPARK) {
                Arrays.stream(System.getProperty("tstore.spark.jvm.args", "").split("\\s+"))
                        .filter(s -> !s.isBlank()).forEach(command::add);
            }
            command.add("-Dtstore.log.file=" + runDir.resolve("tstore.log"));
            command.addAll(List.of("-cp", classpath, shellClass, "sql", "--warehouse", warehouse.toString(),
                    "--format", "tsv", "-e", sql));
            return command;
        }
    }

    /** Runs {@code sql} in the engine's shell as a process; returns its standard output; fails on a non-zero exit. */
    private static String run(Engine engine, String name, String sql) throws Exception {
        Path runDir = Files.createDirectories(dir.resolve(name));
        ProcessBuilder builder = new ProcessBuilder(engine.command(runDir, sql)).directory(runDir.toFile())
                .redirectOutput(runDir.resolve("stdout.txt").toFile())
                .redirectError(runDir.resolve("stderr.txt").toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        Process process = builder.start();
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError(name + ": the " + engine + " shell did not end within 5 minutes");
        }
        String stdout = Files.readString(runDir.resolve("stdout.txt"), StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as(name + " failed:\n" + stdout + "\n--- stderr\n"
                + Files.readString(runDir.resolve("stderr.txt"), StandardCharsets.UTF_8)).isZero();
        return stdout;
    }

    /** The shells print one TSV result after another, each starting with its header line. */
    private static List<List<String>> splitResults(String stdout) {
        List<List<String>> results = new ArrayList<>();
        for (String line : normalize(stdout)) {
            if (line.equals(HEADER)) {
                results.add(new ArrayList<>());
            }
            if (!results.isEmpty()) {
                results.get(results.size() - 1).add(line);
            }
        }
        return results;
    }

    private static final Pattern TRAILING_FRACTION_ZEROS = Pattern.compile("(\\d\\d:\\d\\d:\\d\\d)(\\.\\d*?)0+(?=\\t|$)");

    /**
     * Engines print the same values a little differently: booleans in upper or lower case, timestamps with as many
     * fraction digits as their type's precision. Everything else must match exactly.
     */
    private static List<String> normalize(String tsv) {
        return tsv.lines()
                .filter(line -> !line.isBlank())
                .map(line -> line.replace("TRUE", "true").replace("FALSE", "false"))
                .map(line -> TRAILING_FRACTION_ZEROS.matcher(line).replaceAll("$1$2"))
                .map(line -> line.replaceAll("(\\d\\d:\\d\\d:\\d\\d)\\.(?=\\t|$)", "$1"))
                .toList();
    }
}
