package io.tstore.core.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Runs a single-file Java program (a test resource, started with java's source launcher) in a separate JVM on an
 * explicit class path, for the engines' bundled-jar smoke tests: the class path is the engine's own plus only our
 * bundled jar, so nothing of the test's own class path leaks in. The program prints each result row as a line
 * starting with {@code row: }; {@link #rows} returns those lines after checking that the JVM exited with 0.
 */
public final class SourceProgramRun {
    private static final String ROW = "row: ";

    private SourceProgramRun() {
    }

    /** A system property the build passes (failsafe), or an error saying how to run the test. */
    public static String buildProperty(String property, String module) {
        String value = System.getProperty(property);
        if (value == null || value.isEmpty()) {
            throw new IllegalStateException("System property " + property + " is not set: run this test with"
                    + " './mvnw -pl " + module + " -am verify' (failsafe passes it)");
        }
        return value;
    }

    /**
     * The engine's own class path, read from the file the build wrote (property {@code classpathFileProperty}),
     * followed by only the bundled jar (property {@code bundleProperty}); checks that the engine's part holds none
     * of our modules.
     */
    public static String engineClasspathAndBundle(String classpathFileProperty, String bundleProperty, String module)
            throws Exception {
        Path bundle = Paths.get(buildProperty(bundleProperty, module));
        assertThat(bundle).isRegularFile();
        String engine = Files.readString(Paths.get(buildProperty(classpathFileProperty, module))).trim();
        assertThat(engine).as("the engine's class path holds no tstore module").doesNotContain("io/tstore");
        return engine + File.pathSeparator + bundle;
    }

    /**
     * Copies the resource {@code program} of {@code owner}'s package into a fresh directory under target/, runs it
     * with the JVM flags, class path, arguments and environment given, and returns the values of its rows.
     */
    public static List<String> rows(Class<?> owner, String program, List<String> jvmArgs, String classpath,
            List<String> args, Map<String, String> environment) throws Exception {
        Path work = freshDirectory("smoke-");
        Path source = work.resolve(program);
        try (InputStream in = owner.getResourceAsStream(program)) {
            assertThat(in).as("test resource %s next to %s", program, owner.getName()).isNotNull();
            Files.copy(in, source);
        }
        List<String> command = new ArrayList<>();
        command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmArgs);
        command.add("-cp");
        command.add(classpath);
        command.add(source.toString());
        command.addAll(args);

        Path log = work.resolve("output.log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        Process process = builder.start();
        boolean exited = process.waitFor(3, TimeUnit.MINUTES);
        if (!exited) {
            process.destroyForcibly();
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        assertThat(exited).as("the JVM exits; its output:%n%s", output).isTrue();
        assertThat(process.exitValue()).as("exit code; output:%n%s", output).isZero();
        return output.lines()
                .filter(line -> line.startsWith(ROW))
                .map(line -> line.substring(ROW.length()))
                .collect(Collectors.toList());
    }

    /** A fresh directory under target/ (a program's warehouse, say). */
    public static Path freshDirectory(String prefix) throws Exception {
        return Files.createTempDirectory(Paths.get("target").toAbsolutePath(), prefix);
    }
}
