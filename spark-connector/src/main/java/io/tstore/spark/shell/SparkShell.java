package io.tstore.spark.shell;

import io.tstore.shell.ErrorMessages;
import io.tstore.shell.RowPrinter;
import io.tstore.shell.ShellCommand;
import io.tstore.shell.ShellOptions;
import io.tstore.shell.StatementSplitter;
import io.tstore.spark.SparkCatalog;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code bin/tstore sql --engine spark}: the tstore shell over an embedded local SparkSession ({@code local[2]},
 * bound to 127.0.0.1, no UI) with the catalog {@code tstore} on the warehouse, current, and its database
 * {@code default} the current namespace. Same options, output formats and exit codes as the Flink shell
 * (docs/tstore.md); {@code --embedded-kafka} is Flink's only.
 */
public final class SparkShell {
    public static final String CATALOG = "tstore";
    private static final String PROMPT = "tstore> ";
    private static final int EXIT_FAILED = ShellCommand.EXIT_FAILED;

    private SparkShell() {}

    public static void main(String[] args) {
        if (System.getProperty("log4j2.configurationFile") == null) {
            System.setProperty("log4j2.configurationFile", "io/tstore/spark/shell/log4j2-shell.properties");
        }
        int code = run(Arrays.asList(args));
        System.out.flush();
        System.err.flush();
        System.exit(code);
    }

    static int run(List<String> args) {
        PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        ShellCommand command;
        try {
            command = ShellCommand.parse(args, "spark", out, err);
        } catch (ShellCommand.Exit e) {
            return e.code();
        }
        ShellOptions options = command.options();
        String script = command.script();
        SparkSession spark;
        try {
            spark = start(options);
        } catch (RuntimeException e) {
            err.println("[ERROR] Cannot start Spark: " + message(e));
            if (options.verbose()) {
                e.printStackTrace(err);
            }
            return EXIT_FAILED;
        }
        ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
            Thread thread = new Thread(r, "tstore-spark-statement");
            thread.setDaemon(true);
            return thread;
        });
        try {
            if (script == null) {
                return interactive(spark, options, executor, out, err);
            }
            boolean echo = options.format() == ShellOptions.Format.TABLE && options.file().isPresent();
            for (StatementSplitter.Statement statement : StatementSplitter.splitScript(script)) {
                if (echo) {
                    out.println();
                    out.println(PROMPT + statement.sql() + ";");
                }
                if (!execute(spark, options, executor, statement.sql(),
                        options.file().isPresent() ? statement.line() : 0, out, err)) {
                    return EXIT_FAILED;
                }
            }
            return 0;
        } finally {
            executor.shutdownNow();
            spark.stop();
        }
    }

    static SparkSession start(ShellOptions options) {
        return SparkSession.builder()
                .appName("tstore")
                .master("local[2]")
                .config("spark.ui.enabled", "false")
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.sql.shuffle.partitions", "2")
                .config("spark.sql.warehouse.dir", options.warehouse().resolve(".spark-warehouse").toUri().toString())
                .config("spark.sql.catalog." + CATALOG, SparkCatalog.class.getName())
                .config("spark.sql.catalog." + CATALOG + ".warehouse", options.warehouse().toString())
                .config("spark.sql.defaultCatalog", CATALOG)
                .getOrCreate();
    }

    /** Statements from standard input, line by line; each complete statement runs at its ';'. */
    private static int interactive(SparkSession spark, ShellOptions options, ExecutorService executor, PrintWriter out,
            PrintWriter err) {
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
                    if (!execute(spark, options, executor, sql, 0, out, err)) {
                        code = EXIT_FAILED;
                        if (!terminal) {
                            return code; // a piped script stops at the first failure, as -f does
                        }
                    }
                }
            }
            if (!pending.toString().isBlank()) {
                return execute(spark, options, executor, pending.toString(), 0, out, err) ? code : EXIT_FAILED;
            }
            return code;
        } catch (IOException e) {
            err.println("[ERROR] " + message(e));
            return EXIT_FAILED;
        }
    }

    /** Runs one statement and prints its result; false when it failed (the error is printed). */
    static boolean execute(SparkSession spark, ShellOptions options, ExecutorService executor, String sql, int line,
            PrintWriter out, PrintWriter err) {
        Future<Void> run = executor.submit(() -> {
            Dataset<Row> result = spark.sql(sql);
            if (result.schema().fields().length == 0) {
                err.println("[INFO] Execute statement succeeded.");
                return null;
            }
            print(result, options, out);
            return null;
        });
        try {
            if (options.timeout().isPresent()) {
                run.get(options.timeout().get().toMillis(), TimeUnit.MILLISECONDS);
            } else {
                run.get();
            }
            return true;
        } catch (TimeoutException e) {
            spark.sparkContext().cancelAllJobs();
            run.cancel(true);
            err.println("[INFO] Query stopped after --timeout " + options.timeout().get().toSeconds() + " s.");
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            spark.sparkContext().cancelAllJobs();
            return false;
        } catch (java.util.concurrent.ExecutionException e) {
            err.println("[ERROR] " + message(e.getCause()) + (line > 0 ? " (statement at line " + line + ")" : ""));
            if (options.verbose()) {
                e.getCause().printStackTrace(err);
            }
            return false;
        }
    }

    /** Prints a result as text: every column cast to a string, as Spark shows values. */
    private static void print(Dataset<Row> result, ShellOptions options, PrintWriter out) {
        List<String> names = Arrays.asList(result.columns());
        String[] positional = new String[names.size()];
        Column[] asText = new Column[names.size()];
        for (int i = 0; i < positional.length; i++) {
            positional[i] = "c" + i;
            asText[i] = functions.col(positional[i]).cast("string");
        }
        Dataset<Row> text = result.toDF(positional).select(asText);
        if (options.maxRows().isPresent()) {
            text = text.limit((int) Math.min(Integer.MAX_VALUE, options.maxRows().get()));
        }
        List<String[]> rows = new ArrayList<>();
        for (Row row : text.collectAsList()) {
            String[] values = new String[row.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = row.isNullAt(i) ? null : row.getString(i);
            }
            rows.add(values);
        }
        RowPrinter.print(names, rows, options.format(), out);
    }

    /** One line saying what went wrong ({@link ErrorMessages}): Spark's analysis errors say it all themselves. */
    static String message(Throwable t) {
        return ErrorMessages.firstLine(ErrorMessages.reason(t, e -> e instanceof org.apache.spark.sql.AnalysisException));
    }
}
