package io.tstore.flink.shell;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.TestInfo;

/**
 * Runs {@code tstore sql} as a separate process, as a user does, on the module's test classpath, with
 * a test's directory as its working directory and its warehouse in {@code warehouse} there.
 */
final class TstoreProcess {

    private TstoreProcess() {}

    /** {@code target/tmp/<test class>/<test method>}, emptied. */
    static Path emptyDirectory(Class<?> testClass, TestInfo test) throws IOException {
        Path dir = Path.of("target", "tmp", testClass.getSimpleName(), test.getTestMethod().orElseThrow().getName())
                .toAbsolutePath();
        if (Files.exists(dir)) {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        Files.createDirectories(dir);
        return dir;
    }

    /**
     * Starts {@code tstore sql} on the warehouse {@code dir/warehouse} with {@code input} as its standard input;
     * its output goes to {@code stdout.txt} and {@code stderr.txt} in {@code dir}.
     */
    static Process start(Path dir, Path input, String... args) throws IOException {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx768m");
        command.add("-Dtstore.log.file=" + dir.resolve("tstore.log"));
        command.add("-cp");
        command.add(classpath);
        command.add(TstoreCli.class.getName());
        command.add("sql");
        command.add("--warehouse");
        command.add(dir.resolve("warehouse").toString());
        command.addAll(List.of(args));
        return new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectOutput(dir.resolve("stdout.txt").toFile())
                .redirectError(dir.resolve("stderr.txt").toFile())
                .redirectInput(input.toFile())
                .start();
    }

    /** Waits for the process to end (at most 5 minutes) and returns what it printed. */
    static Run finish(Path dir, Process process) throws Exception {
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("tstore did not end within 5 minutes");
        }
        return new Run(process.exitValue(), Files.readString(dir.resolve("stdout.txt"), StandardCharsets.UTF_8),
                Files.readString(dir.resolve("stderr.txt"), StandardCharsets.UTF_8));
    }

    /** What a run of the command printed, and its exit code. */
    record Run(int exitCode, String stdout, String stderr) {
        List<String> stdoutLines() {
            return stdout.lines().toList();
        }

        /** The lines of stderr, without the JVM's notices of picked-up options. */
        List<String> stderrLines() {
            return stderr.lines().filter(l -> !l.startsWith("Picked up ")).toList();
        }

        @Override
        public String toString() {
            return "exit code " + exitCode + "\n--- stdout\n" + stdout + "\n--- stderr\n" + stderr;
        }
    }
}
