package io.tstore.flink.shell;

import io.tstore.shell.ShellOptions;
import io.tstore.shell.StatementSplitter;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import io.tstore.core.catalog.FileSystemCatalog;
import io.tstore.log.kafka.KafkaOptions;

import org.apache.flink.configuration.Configuration;
import org.jline.utils.Signals;

/**
 * The {@code tstore} command: {@code tstore sql [options]} runs SQL on an embedded Flink cluster
 * with the {@code tstore} catalog on a local warehouse; see {@link ShellOptions#USAGE}.
 *
 * <p>Exit codes: 0 when every statement succeeded, 1 when a statement failed (the script stops
 * there), 2 for a bad command line, 130 when interrupted outside a running statement.
 */
public final class TstoreCli {

    /** The catalog the shell registers and makes current. */
    public static final String CATALOG = "tstore";

    private static final String LOG_CONFIGURATION = "log4j2.configurationFile";
    private static final int EXIT_FAILED = 1;
    private static final int EXIT_USAGE = 2;
    private static final int EXIT_INTERRUPTED = 130;

    private TstoreCli() {}

    /** Runs the command and exits with its exit code. */
    public static void main(String[] args) {
        // The shell's own logging set-up, unless the command line names one; before anything logs.
        if (System.getProperty(LOG_CONFIGURATION) == null) {
            System.setProperty(LOG_CONFIGURATION, "io/tstore/flink/shell/log4j2-shell.properties");
        }
        int code = run(Arrays.asList(args));
        System.out.flush();
        System.err.flush();
        // Flink leaves non-daemon threads behind; the shell is done.
        System.exit(code);
    }

    /** Runs the command and returns its exit code. */
    static int run(List<String> args) {
        PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        if (args.isEmpty() || args.get(0).equals("-h") || args.get(0).equals("--help")
                || args.get(0).equals("help")) {
            out.println("Usage: tstore sql [options]     (tstore sql --help for the options)");
            out.println("       tstore quickstart        (runs examples/quickstart.sql)");
            out.println("       tstore quickstart --log  (runs examples/log-store.sql with --embedded-kafka)");
            out.println("       tstore quickstart --s3   (runs examples/quickstart.sql with --embedded-s3)");
            return args.isEmpty() ? EXIT_USAGE : 0;
        }
        if (!args.get(0).equals("sql")) {
            err.println("[ERROR] Unknown command '" + args.get(0) + "': use 'tstore sql'.");
            return EXIT_USAGE;
        }
        List<String> rest = args.subList(1, args.size());
        if (rest.contains("-h") || rest.contains("--help")) {
            out.println(ShellOptions.USAGE);
            return 0;
        }
        ShellOptions options;
        try {
            options = ShellOptions.parse(rest);
        } catch (ShellOptions.UsageException e) {
            err.println("[ERROR] " + e.getMessage());
            err.println(ShellOptions.USAGE);
            return EXIT_USAGE;
        }
        try {
            return runSession(options, out, err);
        } catch (Exception e) {
            err.println("[ERROR] " + StatementRunner.message(e));
            if (options.verbose()) {
                e.printStackTrace(err);
            }
            return EXIT_FAILED;
        }
    }

    private static int runSession(ShellOptions options, PrintWriter out, PrintWriter err)
            throws Exception {
        String script = null;
        if (options.file().isPresent()) {
            try {
                script = Files.readString(options.file().get(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                err.println("[ERROR] Cannot read " + options.file().get() + ": " + StatementRunner.message(e));
                return EXIT_FAILED;
            }
        } else if (options.sql().isPresent()) {
            script = options.sql().get();
        } else if (System.console() == null) {
            // Statements piped in (tstore sql < script.sql) run as a script, not as a dumb terminal session.
            script = new String(System.in.readAllBytes(), StandardCharsets.UTF_8);
        }
        // The broker first and closed last: jobs that write its topics end before it stops. It starts while the
        // cluster and the session do, and runs before the first statement.
        WarehouseKafka kafka = options.embeddedKafka() ? WarehouseKafka.start(options.warehouse()) : null;
        EmbeddedS3 s3 = null;
        try {
            s3 = options.embeddedS3() ? EmbeddedS3.start() : null;
        } catch (IOException e) {
            if (kafka != null) {
                kafka.close();
            }
            throw e;
        }
        try (WarehouseKafka broker = kafka;
                EmbeddedS3 objectStore = s3;
                EmbeddedCluster cluster = EmbeddedCluster.start(
                        Math.max(2, Runtime.getRuntime().availableProcessors()), new Configuration());
                SqlSession session = new SqlSession(cluster, new Configuration())) {
            if (objectStore != null) {
                registerCatalog(session, EmbeddedS3.WAREHOUSE, objectStore.catalogOptions(),
                        broker == null ? null : broker.bootstrapServers());
                err.println("[INFO] S3 server listening on " + objectStore.endpoint() + " (in this process, in memory):"
                        + " the warehouse of catalog '" + CATALOG + "' is " + EmbeddedS3.WAREHOUSE + ".");
            } else {
                registerCatalog(session, options, broker == null ? null : broker.bootstrapServers());
            }
            if (broker != null) {
                broker.awaitStarted();
                err.println("[INFO] Kafka broker listening on " + broker.bootstrapServers() + " (in this process, data in "
                        + broker.home() + "): the default 'kafka.bootstrap.servers' of new tables in catalog '"
                        + CATALOG + "'.");
            }
            if (script == null) {
                return InteractiveShell.run(session, options);
            }
            return runScript(session, options, script, out, err);
        }
    }

    /**
     * Creates the {@code tstore} catalog on the warehouse and makes it current; with {@code
     * kafkaServers} (not null), they are the default {@code kafka.bootstrap.servers} of the tables it
     * creates.
     */
    static void registerCatalog(SqlSession session, ShellOptions options, String kafkaServers) throws IOException {
        Files.createDirectories(options.warehouse());
        registerCatalog(session, options.warehouse().toString(), Map.of(), kafkaServers);
    }

    /** Creates the {@code tstore} catalog on {@code warehouse} with {@code catalogOptions} and makes it current. */
    static void registerCatalog(SqlSession session, String warehouse, Map<String, String> catalogOptions,
            String kafkaServers) {
        StringBuilder with = new StringBuilder("'type' = 'tablestore', 'warehouse' = '").append(quote(warehouse)).append("'");
        catalogOptions.forEach((key, value) -> with.append(", '").append(quote(key)).append("' = '").append(quote(value)).append("'"));
        if (kafkaServers != null) {
            with.append(", '").append(FileSystemCatalog.TABLE_DEFAULT_PREFIX).append(KafkaOptions.BOOTSTRAP_SERVERS.key())
                    .append("' = '").append(quote(kafkaServers)).append("'");
        }
        session.execute("CREATE CATALOG " + CATALOG + " WITH (" + with + ")");
        session.execute("USE CATALOG " + CATALOG);
    }

    private static String quote(String text) {
        return text.replace("'", "''");
    }

    private static int runScript(SqlSession session, ShellOptions options, String script,
            PrintWriter out, PrintWriter err) {
        StatementRunner.Interrupts interrupts = new SignalInterrupts();
        boolean echo = options.format() == ShellOptions.Format.TABLE && options.file().isPresent();
        try (StatementRunner runner = new StatementRunner(session, options, out, err, interrupts, false)) {
            for (StatementSplitter.Statement statement : StatementSplitter.splitScript(script)) {
                if (echo) {
                    out.println();
                    out.println(InteractiveShell.PROMPT + statement.sql() + ";");
                    out.flush();
                }
                if (!runner.run(statement.sql(), options.file().isPresent() ? statement.line() : 0)) {
                    return EXIT_FAILED;
                }
            }
        }
        return 0;
    }

    /**
     * Ctrl-C through the JVM's signal handling: it stops the running statement, or, when none runs,
     * ends the process.
     */
    private static final class SignalInterrupts implements StatementRunner.Interrupts {
        private volatile Runnable action;

        SignalInterrupts() {
            // JLine's wrapper of the JVM's signal handling (sun.misc.Signal); a no-op where there is none.
            Signals.register("INT", () -> {
                Runnable current = action;
                if (current != null) {
                    current.run();
                } else {
                    System.exit(EXIT_INTERRUPTED);
                }
            });
        }

        @Override
        public void onInterrupt(Runnable action) {
            this.action = action;
        }
    }
}
