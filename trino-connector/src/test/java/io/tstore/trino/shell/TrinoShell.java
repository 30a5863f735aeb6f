package io.tstore.trino.shell;

import io.trino.Session;
import io.trino.testing.DistributedQueryRunner;
import io.trino.testing.MaterializedResult;
import io.trino.testing.MaterializedRow;
import io.trino.testing.QueryRunner;
import io.tstore.trino.TStorePlugin;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.trino.testing.TestingSession.testSessionBuilder;

/**
 * A stop-gap SQL shell over an in-process Trino (the real engine of trino-testing's query runner) with the
 * {@code tstore} catalog on a warehouse: {@code TrinoShell [--warehouse DIR] [-e SQL] [-f FILE]} runs the statements
 * and prints each result as TSV (a header line, tab-separated values, {@code NULL} for nulls).
 *
 * <p>It lives beside the tests because the engine is a test dependency of this module. It must move onto the
 * engine-neutral shell (flags, statement splitting, TSV and table printing) once that leaves flink-connector, as
 * {@code bin/tstore sql --engine trino}.
 */
public final class TrinoShell {
    private TrinoShell() {}

    public static void main(String[] args) throws Exception {
        String warehouse = "warehouse";
        List<String> statements = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--warehouse" -> warehouse = args[++i];
                case "-e" -> statements.addAll(split(args[++i]));
                case "-f" -> statements.addAll(split(Files.readString(Path.of(args[++i]), StandardCharsets.UTF_8)));
                default -> throw new IllegalArgumentException("Unknown argument " + args[i]
                        + "; usage: TrinoShell [--warehouse DIR] [-e SQL] [-f FILE]");
            }
        }
        Path directory = Path.of(warehouse).toAbsolutePath();
        Files.createDirectories(directory);
        Session session = testSessionBuilder().setCatalog("tstore").setSchema("default").build();
        try (DistributedQueryRunner runner = DistributedQueryRunner.builder(session).setWorkerCount(0).build()) {
            runner.installPlugin(new TStorePlugin());
            runner.createCatalog("tstore", "tstore", Map.of("warehouse", directory.toUri().toString()));
            run(runner, statements, System.out);
        }
    }

    /** Runs each statement and prints its result as TSV. */
    public static void run(QueryRunner runner, List<String> statements, PrintStream out) {
        for (String statement : statements) {
            MaterializedResult result = runner.execute(statement);
            List<String> columns;
            try {
                columns = result.getColumnNames();
            } catch (IllegalStateException e) {
                // A statement without a result set (CREATE TABLE, ...): its kind.
                out.println(result.getUpdateType().orElse("OK"));
                continue;
            }
            out.println(String.join("\t", columns));
            for (MaterializedRow row : result.getMaterializedRows()) {
                List<String> values = new ArrayList<>();
                for (Object value : row.getFields()) {
                    values.add(value == null ? "NULL" : value.toString());
                }
                out.println(String.join("\t", values));
            }
        }
    }

    /** Statements of a script: split at semicolons outside quotes and comments, blank ones dropped. */
    public static List<String> split(String script) {
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        char quote = 0;
        for (int i = 0; i < script.length(); i++) {
            char c = script.charAt(i);
            if (quote == 0 && c == '-' && i + 1 < script.length() && script.charAt(i + 1) == '-') {
                while (i < script.length() && script.charAt(i) != '\n') {
                    i++;
                }
                current.append('\n');
                continue;
            }
            if (quote == 0 && (c == '\'' || c == '"')) {
                quote = c;
            } else if (c == quote) {
                quote = 0;
            } else if (quote == 0 && c == ';') {
                addStatement(statements, current);
                continue;
            }
            current.append(c);
        }
        addStatement(statements, current);
        return statements;
    }

    private static void addStatement(List<String> statements, StringBuilder current) {
        String statement = current.toString().strip();
        if (!statement.isEmpty()) {
            statements.add(statement);
        }
        current.setLength(0);
    }
}
