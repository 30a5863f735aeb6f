package io.tstore.shell;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;

/**
 * The command line of an engine's {@code tstore sql}, checked the same way by every engine shell beside Flink's:
 * the {@code sql} command, help, the options, the script of {@code -f} or {@code -e} (null for an interactive
 * shell), and the warehouse directory made. What is wrong is printed and ends the shell with {@link Exit}.
 */
public record ShellCommand(ShellOptions options, String script) {
    public static final int EXIT_FAILED = 1;
    public static final int EXIT_USAGE = 2;

    /** Ends the shell before it starts its engine, with this exit code; the reason is printed already. */
    public static final class Exit extends Exception {
        private static final long serialVersionUID = 1L;
        private final int code;

        Exit(int code) {
            super(null, null, false, false);
            this.code = code;
        }

        public int code() {
            return code;
        }
    }

    /** Parses {@code sql [options]} for the shell of {@code engine} ({@code spark}, {@code trino}). */
    public static ShellCommand parse(List<String> args, String engine, PrintWriter out, PrintWriter err) throws Exit {
        if (args.isEmpty() || !args.get(0).equals("sql")) {
            err.println("[ERROR] Use 'tstore sql --engine " + engine + " [options]'.");
            throw new Exit(EXIT_USAGE);
        }
        List<String> rest = args.subList(1, args.size());
        if (rest.contains("-h") || rest.contains("--help")) {
            out.println(ShellOptions.USAGE);
            throw new Exit(0);
        }
        ShellOptions options;
        try {
            options = ShellOptions.parse(rest);
        } catch (ShellOptions.UsageException e) {
            err.println("[ERROR] " + e.getMessage());
            err.println(ShellOptions.USAGE);
            throw new Exit(EXIT_USAGE);
        }
        if (options.embeddedKafka() || options.embeddedS3()) {
            err.println("[ERROR] " + (options.embeddedKafka() ? "--embedded-kafka" : "--embedded-s3")
                    + " is an option of the Flink shell only.");
            throw new Exit(EXIT_USAGE);
        }
        String script = null;
        try {
            if (options.file().isPresent()) {
                script = Files.readString(options.file().get(), StandardCharsets.UTF_8);
            } else if (options.sql().isPresent()) {
                script = options.sql().get();
            }
            Files.createDirectories(options.warehouse());
        } catch (IOException e) {
            err.println("[ERROR] " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
            throw new Exit(EXIT_FAILED);
        }
        return new ShellCommand(options, script);
    }
}
