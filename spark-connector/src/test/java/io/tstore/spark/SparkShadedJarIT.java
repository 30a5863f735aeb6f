package io.tstore.spark;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The shaded jar (tstore-spark-&lt;line&gt;_&lt;scala&gt;-&lt;version&gt;.jar) works alone in a Spark: a separate JVM whose class
 * path is Spark's own (spark-sql and its dependencies at Spark's versions, resolved by Maven into a file) plus only
 * the shaded jar runs CREATE TABLE, INSERT (an upsert merged on read, ORC and Parquet files) and SELECT through the
 * tstore catalog. Run by failsafe after package; the build passes the jar, the class path file and the JVM flags.
 */
class SparkShadedJarIT {

    @Test
    void createInsertSelectWithTheShadedJarAlone() throws Exception {
        Path bundle = Paths.get(required("tstore.spark.bundle"));
        Path classpathFile = Paths.get(required("tstore.spark.classpath-file"));
        assertThat(bundle).isRegularFile();
        assertThat(classpathFile).isRegularFile();
        String sparkClasspath = Files.readString(classpathFile).trim();
        assertThat(sparkClasspath).as("Spark's class path holds no tstore module").doesNotContain("io/tstore");

        Path work = Files.createTempDirectory(Paths.get("target").toAbsolutePath(), "shaded-jar-");
        Path program = work.resolve("ShadedJarSmoke.java");
        try (InputStream in = SparkShadedJarIT.class.getResourceAsStream("ShadedJarSmoke.java")) {
            Files.copy(in, program);
        }

        List<String> command = new ArrayList<>();
        command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx1g");
        Arrays.stream(System.getProperty("tstore.spark.jvm.args", "").split("\\s+"))
                .filter(arg -> !arg.isEmpty())
                .forEach(command::add);
        command.add("-Dlog4j2.level=WARN");
        command.add("-cp");
        command.add(sparkClasspath + java.io.File.pathSeparator + bundle);
        command.add(program.toString());
        command.add(work.resolve("warehouse").toString());
        command.addAll(List.of(
                "CREATE DATABASE tstore.db",
                "CREATE TABLE tstore.db.orders (id BIGINT, dt STRING, amount DECIMAL(10, 2), note STRING)"
                        + " PARTITIONED BY (dt) TBLPROPERTIES ('primary-key' = 'id,dt', 'bucket' = '2')",
                "INSERT INTO tstore.db.orders VALUES (1, '2024-05-01', 10.50, 'a'), (2, '2024-05-01', 20.00, 'b'),"
                        + " (3, '2024-05-02', 30.25, 'c')",
                "INSERT INTO tstore.db.orders VALUES (2, '2024-05-01', 21.00, 'b2')",
                "CREATE TABLE tstore.db.events (k INT, v STRING) TBLPROPERTIES ('file.format' = 'parquet')",
                "INSERT INTO tstore.db.events SELECT id, note FROM tstore.db.orders WHERE dt = '2024-05-01'",
                "SELECT * FROM tstore.db.orders ORDER BY id",
                "SELECT k, v FROM tstore.db.events ORDER BY k",
                "SELECT snapshot_id, commit_kind FROM tstore.db.`orders$snapshots` ORDER BY snapshot_id"));

        Path log = work.resolve("spark.log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        Process process = builder.start();
        boolean exited = process.waitFor(3, TimeUnit.MINUTES);
        if (!exited) {
            process.destroyForcibly();
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        assertThat(exited).as("the Spark JVM exits; its output:%n%s", output).isTrue();
        assertThat(process.exitValue()).as("exit code; output:%n%s", output).isZero();

        List<String> rows = output.lines()
                .filter(line -> line.startsWith("row: "))
                .map(line -> line.substring("row: ".length()))
                .collect(Collectors.toList());
        assertThat(rows).as("output:%n%s", output).containsExactly(
                "1|2024-05-01|10.50|a",
                "2|2024-05-01|21.00|b2",
                "3|2024-05-02|30.25|c",
                "1|a",
                "2|b2",
                "1|APPEND",
                "2|APPEND");
    }

    private static String required(String property) {
        String value = System.getProperty(property);
        if (value == null || value.isEmpty()) {
            throw new IllegalStateException("System property " + property + " is not set: run this test with"
                    + " './mvnw -pl spark-connector -am verify' (failsafe passes it)");
        }
        return value;
    }
}
