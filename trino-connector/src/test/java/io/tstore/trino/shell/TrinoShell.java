package io.tstore.trino.shell;

import io.airlift.log.Level;
import io.airlift.log.Logging;
import io.trino.Session;
import io.trino.testing.DistributedQueryRunner;
import io.trino.testing.MaterializedResult;
import io.trino.testing.MaterializedRow;
import io.trino.testing.QueryRunner;
import io.tstore.shell.ErrorMessages;
import io.tstore.shell.RowPrinter;
import io.tstore.shell.ShellCommand;
import io.tstore.shell.ShellOptions;
import io.tstore.shell.StatementSplitter;
import io.tstore.trino.TStorePlugin;

import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.trino.testing.TestingSession.testSessionBuilder;

/**
 * {@code bin/tstore sql --engine trino}: the tstore shell over an in-process Trino (the query runner of
 * trino-testing: a coordinator that is also its worker) with the catalog {@code tstore} on the warehouse, current,
 * and its schema {@code default} current. Same options, output formats and exit codes as the Flink and Spark shells
 * (docs/tstore.md); {@code --embedded-kafka} is Flink's only.
 *
 * <p>It lives beside the tests because Trino's engine is a test dependency of this module (a Trino server brings
 * its own); bin/tstore runs it on the module's test class path.
 */
public final class TrinoShell {
    public static final String CATALOG = "tstore";
    private static final String PROMPT = "tstore> ";
    private static final int EXIT_FAILED = ShellCommand.EXIT_FAILED;
    /** USE [catalog.]schema: the query runner does not carry a USE over to the next statement, so the shell does. */
    private static final Pattern USE = Pattern.compile("(?is)\\s*USE\\s+(?:(\\w+)\\.)?(\\w+)\\s*");

    private TrinoShell() {}

    public static void main(String[] args) {
        // Trino's logging redirects System.out and System.err once the server starts: print to the real ones.
        PrintWriter out = new PrintWriter(new OutputStreamWriter(new FileOutputStream(FileDescriptor.out),
                StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new OutputStreamWriter(new FileOutputStream(FileDescriptor.err),
                StandardCharsets.UTF_8), true);
        int code = run(Arrays.asList(args), out, err);
        out.flush();
        err.flush();
        System.exit(code);
    }

    static int run(List<String> args, PrintWriter out, PrintWriter err) {
        ShellCommand command;
        try {
            command = ShellCommand.parse(args, "trino", out, err);
        } catch (ShellCommand.Exit e) {
            return e.code();
        }
        ShellOptions options = command.options();
        String script = command.script();
        DistributedQueryRunner runner;
        try {
            runner = start(options);
        } catch (Exception e) {
            err.println("[ERROR] Cannot start Trino: " + message(e));
            if (options.verbose()) {
                e.printStackTrace(err);
            }
            return EXIT_FAILED;
        }
        try (runner) {
            Shell shell = new Shell(runner, options, out, err);
            if (script == null) {
                return shell.interactive();
            }
            boolean echo = options.format() == ShellOptions.Format.TABLE && options.file().isPresent();
            for (StatementSplitter.Statement statement : StatementSplitter.splitScript(script)) {
                if (echo) {
                    out.println();
                    out.println(PROMPT + statement.sql() + ";");
                }
                if (!shell.execute(statement.sql(), options.file().isPresent() ? statement.line() : 0)) {
                    return EXIT_FAILED;
                }
            }
            return 0;
        }
    }

    /** A coordinator that schedules work on itself, with the catalog {@code tstore} on the warehouse. */
    static DistributedQueryRunner start(ShellOptions options) throws Exception {
        if (!options.verbose()) {
            // The engine's INFO lines would bury the shell's own on standard error.
            Logging.initialize().setRootLevel(Level.WARN);
        }
        Session session = testSessionBuilder().setCatalog(CATALOG).setSchema("default").build();
        DistributedQueryRunner runner = DistributedQueryRunner.builder(session).setWorkerCount(0).build();
        try {
            runner.installPlugin(new TStorePlugin());
            runner.createCatalog(CATALOG, "tstore", Map.of("warehouse", options.warehouse().toUri().toString()));
            return runner;
        } catch (Exception | Error e) {
            runner.close();
            throw e;
        }
    }

    /** One session: its current schema and session properties carry from statement to statement. */
    public static final class Shell {
        private final QueryRunner runner;
        private final ShellOptions options;
        private final PrintWriter out;
        private final PrintWriter err;
        private Session session;

        public Shell(QueryRunner runner, ShellOptions options, PrintWriter out, PrintWriter err) {
            this.runner = runner;
            this.options = options;
            this.out = out;
            this.err = err;
            this.session = runner.getDefaultSession();
        }

        /** Statements from standard input, line by line; each complete statement runs at its ';'. */
        int interactive() {
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            boolean terminal = System.console() != null;
            StringBuilder pending = new StringBuilder();
            int code = 0;
            try {
                while (true) {
                    if (terminal) {
                        out.print(pending.isEmpty() ? PROMPT : "     > ");
                        out.flush();
                    }
                    String line = in.readLine();
                    if (line == null) {
                        break;
                    }
                    pending.append(line).append('\n');
                    StatementSplitter.Result split = StatementSplitter.split(pending.toString());
                    pending.setLength(0);
                    if (split.rest() != null) {
                        pending.append(split.rest().sql());
                    }
                    for (StatementSplitter.Statement statement : split.statements()) {
                        String sql = statement.sql().strip();
                        if (sql.equalsIgnoreCase("quit") || sql.equalsIgnoreCase("exit")) {
                            return code;
                        }
                        if (!execute(sql, 0)) {
                            code = EXIT_FAILED;
                            if (!terminal) {
                                return code; // a piped script stops at the first failure, as -f does
                            }
                        }
                    }
                }
                if (!pending.toString().isBlank()) {
                    return execute(pending.toString(), 0) ? code : EXIT_FAILED;
                }
                return code;
            } catch (IOException e) {
                err.println("[ERROR] " + message(e));
                return EXIT_FAILED;
            }
        }

        /** Runs one statement and prints its result; false when it failed (the error is printed). */
        public boolean execute(String sql, int line) {
            Session statementSession = session;
            if (options.timeout().isPresent()) {
                statementSession = Session.builder(session)
                        .setSystemProperty("query_max_run_time", options.timeout().get().toSeconds() + "s")
                        .build();
            }
            MaterializedResult result;
            try {
                result = runner.execute(statementSession, sql);
            } catch (RuntimeException e) {
                String message = message(e);
                if (options.timeout().isPresent() && message.contains("exceeded maximum time limit")) {
                    err.println("[INFO] Query stopped after --timeout " + options.timeout().get().toSeconds() + " s.");
                    return true;
                }
                err.println("[ERROR] " + message + (line > 0 ? " (statement at line " + line + ")" : ""));
                if (options.verbose()) {
                    e.printStackTrace(err);
                }
                return false;
            }
            carrySession(sql, result);
            if (result.getUpdateType().isPresent()) {
                err.println("[INFO] Execute statement succeeded.");
                return true;
            }
            List<String[]> rows = new ArrayList<>();
            for (MaterializedRow row : result.getMaterializedRows()) {
                if (options.maxRows().isPresent() && rows.size() >= options.maxRows().get()) {
                    break;
                }
                String[] values = new String[row.getFieldCount()];
                for (int i = 0; i < values.length; i++) {
                    values[i] = text(row.getField(i));
                }
                rows.add(values);
            }
            RowPrinter.print(result.getColumnNames(), rows, options.format(), out);
            return true;
        }

        private void carrySession(String sql, MaterializedResult result) {
            Session.SessionBuilder next = Session.builder(session);
            Matcher use = USE.matcher(sql);
            if (use.matches()) {
                if (use.group(1) != null) {
                    next.setCatalog(use.group(1));
                }
                next.setSchema(use.group(2));
            }
            result.getSetSessionProperties().forEach((name, value) -> {
                int dot = name.indexOf('.');
                if (dot < 0) {
                    next.setSystemProperty(name, value);
                } else {
                    next.setCatalogSessionProperty(name.substring(0, dot), name.substring(dot + 1), value);
                }
            });
            session = next.build();
        }
    }

    /** A value as Trino's CLI shows it, or null for NULL. */
    static String text(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof byte[] bytes) {
            return HexFormat.ofDelimiter(" ").formatHex(bytes);
        }
        if (value instanceof LocalDateTime timestamp) {
            return timestamp.toString().replace('T', ' ');
        }
        return value.toString();
    }

    /** One line saying what went wrong ({@link ErrorMessages}). */
    static String message(Throwable t) {
        return ErrorMessages.firstLine(ErrorMessages.reason(t, e -> false));
    }
}
