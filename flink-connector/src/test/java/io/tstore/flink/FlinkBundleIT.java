package io.tstore.flink;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import java.io.File;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The bundled jar (tstore-flink-2.3-&lt;version&gt;.jar) works alone in a Flink: a separate JVM whose class path is
 * Flink's own modules and log4j as a Flink lib/ has them (at Flink's versions, resolved by Maven into a file by
 * flink-connector/flink-runtime-2.3) plus only the bundled jar, creates the catalog, writes a primary-key table (an upsert merged on read) and a Parquet
 * table, and reads them back. Run by failsafe after package; the build passes the jar and the class path file.
 */
class FlinkBundleIT {

    @Test
    void catalogWritesAndReadsWithTheBundledJarAlone() throws Exception {
        Path bundle = Paths.get(required("tstore.flink.bundle"));
        Path classpathFile = Paths.get(required("tstore.flink.classpath-file"));
        assertThat(bundle).isRegularFile();
        String flinkClasspath = Files.readString(classpathFile).trim();
        assertThat(flinkClasspath).as("Flink's class path holds no tstore module").doesNotContain("io/tstore");

        Path work = Files.createTempDirectory(Paths.get("target").toAbsolutePath(), "bundle-");
        Path program = work.resolve("BundleSmoke.java");
        try (InputStream in = FlinkBundleIT.class.getResourceAsStream("BundleSmoke.java")) {
            Files.copy(in, program);
        }
        String warehouse = work.resolve("warehouse").toString();

        List<String> command = new ArrayList<>(List.of(
                Paths.get(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g",
                "-cp", flinkClasspath + File.pathSeparator + bundle,
                program.toString(),
                "CREATE CATALOG tstore WITH ('type' = 'tablestore', 'warehouse' = '" + warehouse + "')",
                "USE CATALOG tstore",
                "CREATE DATABASE db",
                "CREATE TABLE db.orders (id BIGINT, note STRING, PRIMARY KEY (id) NOT ENFORCED) WITH ('bucket' = '2')",
                "INSERT INTO db.orders VALUES (1, 'a'), (2, 'b'), (3, 'c')",
                "INSERT INTO db.orders VALUES (2, 'b2')",
                "CREATE TABLE db.events (k BIGINT, v STRING) WITH ('file.format' = 'parquet')",
                "INSERT INTO db.events SELECT id, note FROM db.orders WHERE id < 3",
                "SELECT id, note FROM db.orders ORDER BY id",
                "SELECT k, v FROM db.events ORDER BY k"));

        Path log = work.resolve("flink.log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        boolean exited = process.waitFor(3, TimeUnit.MINUTES);
        if (!exited) {
            process.destroyForcibly();
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        assertThat(exited).as("the Flink JVM exits; its output:%n%s", output).isTrue();
        assertThat(process.exitValue()).as("exit code; output:%n%s", output).isZero();
        List<String> rows = output.lines()
                .filter(line -> line.startsWith("row: "))
                .map(line -> line.substring("row: ".length()))
                .collect(Collectors.toList());
        assertThat(rows).as("output:%n%s", output).containsExactly("1|a", "2|b2", "3|c", "1|a", "2|b2");
    }

    private static String required(String property) {
        String value = System.getProperty(property);
        if (value == null || value.isEmpty()) {
            throw new IllegalStateException("System property " + property + " is not set: run this test with"
                    + " './mvnw -pl flink-connector -am verify' (failsafe passes it)");
        }
        return value;
    }
}
