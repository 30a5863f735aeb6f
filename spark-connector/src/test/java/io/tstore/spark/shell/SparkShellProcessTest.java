package io.tstore.spark.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * {@code tstore sql --engine spark} as a process, as bin/tstore starts it (the module's test classpath, the JVM
 * flags of the tests, SPARK_LOCAL_IP on loopback): {@code -e} with TSV output, a failure's exit code, and a bad command line's.
 */
class SparkShellProcessTest {

    @Test
    void runsStatementsAndPrintsTsv() throws Exception {
        Path dir = emptyDirectory("tsv");
        Run run = run(dir, "-e", "CREATE DATABASE shop; "
                + "CREATE TABLE shop.t (id INT, name STRING) TBLPROPERTIES ('primary-key' = 'id', 'bucket' = '1'); "
                + "INSERT INTO shop.t VALUES (2, 'b\tc'), (1, NULL); INSERT INTO tstore.shop.t VALUES (2, 'd'); "
                + "SELECT * FROM tstore.shop.t ORDER BY id; SELECT * FROM shop.missing; SELECT 1", "--format", "tsv");
        // The script stops at the failed statement, with exit code 1; what ran before it printed its results.
        assertThat(run.exitCode).as(run.stderr).isEqualTo(1);
        assertThat(run.stdout.lines().toList()).containsExactly("id\tname", "1\tNULL", "2\td");
        assertThat(run.stderr).contains("[ERROR]").contains("missing");

        assertThat(run(dir, "--bogus").exitCode).isEqualTo(2);
    }

    private record Run(int exitCode, String stdout, String stderr) {}

    private static Run run(Path dir, String... args) throws Exception {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx1g");
        command.addAll(List.of(System.getProperty("tstore.spark.jvm.args", "").split("\\s+")).stream()
                .filter(s -> !s.isBlank()).toList());
        command.add("-Dtstore.log.file=" + dir.resolve("tstore.log"));
        command.add("-cp");
        command.add(classpath);
        command.add(SparkShell.class.getName());
        command.add("sql");
        command.add("--warehouse");
        command.add(dir.resolve("warehouse").toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile())
                .redirectOutput(dir.resolve("stdout.txt").toFile())
                .redirectError(dir.resolve("stderr.txt").toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        builder.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        Process process = builder.start();
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("tstore did not end within 5 minutes");
        }
        return new Run(process.exitValue(), Files.readString(dir.resolve("stdout.txt"), StandardCharsets.UTF_8),
                Files.readString(dir.resolve("stderr.txt"), StandardCharsets.UTF_8));
    }

    private static Path emptyDirectory(String name) throws Exception {
        Path dir = Path.of("target", "tmp", "SparkShellProcessTest", name).toAbsolutePath();
        if (Files.exists(dir)) {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        Files.createDirectories(dir);
        return dir;
    }
}
