package io.tstore.trino.shell;

import org.junit.jupiter.api.Test;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code tstore sql --engine trino} as a process, as bin/tstore starts it (the module's test class path on JDK 25
 * with the JVM flags of the tests): {@code -e} with TSV output and fully qualified names, a failure's exit code, and
 * a bad command line's.
 */
class TrinoShellProcessTest {

    @Test
    void runsStatementsAndPrintsTsv() throws Exception {
        Path dir = emptyDirectory("tsv");
        Run run = run(dir, "-e", "CREATE SCHEMA tstore.shop; "
                + "CREATE TABLE tstore.shop.t (id INTEGER, name VARCHAR) WITH (primary_key = ARRAY['id'], bucket = 1); "
                + "INSERT INTO tstore.shop.t VALUES (2, 'b' || chr(9) || 'c'), (1, NULL); "
                + "INSERT INTO tstore.shop.t VALUES (2, 'd'); "
                + "SELECT * FROM tstore.shop.t ORDER BY id; SELECT * FROM tstore.shop.missing; SELECT 1", "--format", "tsv");
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
        command.addAll(Stream.of(System.getProperty("tstore.trino.jvm.args", "").split("\\s+"))
                .filter(s -> !s.isBlank()).toList());
        command.add("-Dtstore.log.file=" + dir.resolve("tstore.log"));
        command.add("-cp");
        command.add(classpath);
        command.add(TrinoShell.class.getName());
        command.add("sql");
        command.add("--warehouse");
        command.add(dir.resolve("warehouse").toString());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(dir.toFile())
                .redirectOutput(dir.resolve("stdout.txt").toFile())
                .redirectError(dir.resolve("stderr.txt").toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .start();
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("tstore did not end within 5 minutes");
        }
        return new Run(process.exitValue(), Files.readString(dir.resolve("stdout.txt"), StandardCharsets.UTF_8),
                Files.readString(dir.resolve("stderr.txt"), StandardCharsets.UTF_8));
    }

    private static Path emptyDirectory(String name) throws Exception {
        Path dir = Path.of("target", "tmp", "TrinoShellProcessTest", name).toAbsolutePath();
        if (Files.exists(dir)) {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        Files.createDirectories(dir);
        return dir;
    }
}
