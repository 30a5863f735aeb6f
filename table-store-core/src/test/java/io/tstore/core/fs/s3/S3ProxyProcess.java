package io.tstore.core.fs.s3;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An S3 server on 127.0.0.1 in a process of its own ({@link S3ProxyServer#main}), started on the test class path
 * that the table-store-core build writes ({@code table-store-core/target/test-classpath.txt}): for the engines'
 * tests, whose class paths do not hold S3Proxy. Stopped by {@link #close}.
 */
public final class S3ProxyProcess implements AutoCloseable {
    private final Process process;
    private final int port;

    private S3ProxyProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Starts the server with these buckets; {@code moduleDir} is the engine module's directory (the test's). */
    public static S3ProxyProcess start(Path moduleDir, String... buckets) throws IOException {
        Path core = moduleDir.toAbsolutePath().getParent().resolve("table-store-core");
        Path classpathFile = core.resolve("target/test-classpath.txt");
        if (!Files.exists(classpathFile)) {
            throw new IllegalStateException(classpathFile + " is missing: build table-store-core first");
        }
        String classpath = core.resolve("target/test-classes") + File.pathSeparator + core.resolve("target/classes")
                + File.pathSeparator + Files.readString(classpathFile).trim();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-cp", classpath, S3ProxyServer.class.getName()));
        command.addAll(List.of(buckets));
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        for (String line; (line = out.readLine()) != null; ) {
            if (line.startsWith("S3PROXY ")) {
                Thread drain = new Thread(() -> {
                    try {
                        while (out.readLine() != null) {
                            // S3Proxy's own output
                        }
                    } catch (IOException e) {
                        // ended
                    }
                });
                drain.setDaemon(true);
                drain.start();
                return new S3ProxyProcess(process, Integer.parseInt(line.substring("S3PROXY ".length()).trim()));
            }
        }
        process.destroyForcibly();
        throw new IOException("The S3 server process ended before it started (exit code " + process.exitValue() + ")");
    }

    public String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    /** Catalog options of an {@code S3FileIO} on this server. */
    public Map<String, String> options() {
        return S3ProxyServer.optionsAt(endpoint());
    }

    @Override
    public void close() throws Exception {
        process.getOutputStream().close();
        if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
