package io.tstore.flink.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

import io.tstore.flink.shell.TstoreProcess.Run;

/**
 * Runs {@code tstore sql} as a separate process, as a user does, on the module's test classpath,
 * and checks what it prints and its exit code.
 */
class TstoreCliTest {

    private Path dir;

    @BeforeEach
    void createDirectory(TestInfo test) throws IOException {
        dir = TstoreProcess.emptyDirectory(TstoreCliTest.class, test);
    }

    @Test
    void tsvPrintsAHeaderAndTabSeparatedRowsWithNullAndJobsReportTheirEnd() throws Exception {
        Run run = tstore("--format", "tsv", "-e", String.join(";\n",
                "SELECT * FROM (VALUES (1, 'a b', CAST(NULL AS DOUBLE)), (2, CAST(NULL AS STRING), 2.5),"
                        + " (3, 'tab\there', 0.0)) AS t(id, name, score) ORDER BY id",
                "CREATE TABLE counts (k STRING, n INT, PRIMARY KEY (k) NOT ENFORCED)",
                "INSERT INTO counts VALUES ('a', 1), ('b', 2), ('a', 3)"));

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.stdoutLines()).containsExactly(
                "id\tname\tscore",
                "1\ta b\tNULL",
                "2\tNULL\t2.5",
                "3\ttab\\there\t0.0");
        // The job's progress: the rows its writers took, the snapshots it committed.
        assertThat(run.stderr()).containsPattern(
                "\\[INFO\\] Job [0-9a-f]{32} finished in [0-9.]+ s: 3 rows written, 1 snapshot committed\\.");
    }

    @Test
    void scriptFileIsSplitIntoStatementsAndPrintedAsAlignedTables() throws Exception {
        Path script = dir.resolve("script.sql");
        Files.writeString(script, String.join("\n",
                "-- a comment; not a statement",
                "CREATE TEMPORARY VIEW v AS",
                "  SELECT * FROM (VALUES ('x;y', 1), ('it''s', 2), (CAST(NULL AS STRING), 30)) AS t(s, n);",
                "/* a; block */ SELECT s, n FROM v /* ; */ ORDER BY n;",
                "SELECT COUNT(*) AS c FROM v"));

        Run run = tstore("-f", script.toString());

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.stdoutLines()).containsExactly(
                "",
                "tstore> CREATE TEMPORARY VIEW v AS",
                "  SELECT * FROM (VALUES ('x;y', 1), ('it''s', 2), (CAST(NULL AS STRING), 30)) AS t(s, n);",
                "",
                "tstore> SELECT s, n FROM v /* ; */ ORDER BY n;",
                "+--------+----+",
                "|      s |  n |",
                "+--------+----+",
                "|    x;y |  1 |",
                "|   it's |  2 |",
                "| <NULL> | 30 |",
                "+--------+----+",
                "3 rows in set",
                "",
                "tstore> SELECT COUNT(*) AS c FROM v;",
                "+---+",
                "| c |",
                "+---+",
                "| 3 |",
                "+---+",
                "1 row in set");
    }

    @Test
    void aFailingStatementPrintsOneLineAndStopsTheScriptWithExitCode1() throws Exception {
        // Statements from standard input (not a terminal) run as a script.
        Path input = dir.resolve("input.sql");
        Files.writeString(input, "SELECT 1 AS a; SELECT * FROM no_such_table; SELECT 2 AS b");
        Run run = finish(start(input, "--format", "tsv"));

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        assertThat(run.stdoutLines()).containsExactly("a", "1");
        List<String> errors = run.stderrLines();
        assertThat(errors).hasSize(1);
        assertThat(errors.get(0)).startsWith("[ERROR] ").contains("no_such_table");

        Path script = dir.resolve("bad.sql");
        Files.writeString(script, "SELECT 1;\n\n  SELEC 2;\nSELECT 3;");
        Run verbose = tstore("--verbose", "-f", script.toString());
        assertThat(verbose.exitCode()).as(verbose.toString()).isEqualTo(1);
        assertThat(verbose.stderrLines().get(0)).startsWith("[ERROR] ").endsWith("(statement at line 3)");
        assertThat(verbose.stderr()).contains("\tat org.apache.flink.");
        assertThat(verbose.stdout()).doesNotContain("SELECT 3");
    }

    @Test
    void badCommandLinesExitWith2() throws Exception {
        Run run = tstore("--format", "csv", "-e", "SELECT 1");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.stderrLines().get(0)).isEqualTo("[ERROR] Invalid --format 'csv': use 'table' or 'tsv'.");

        Run negative = tstore("--max-rows", "-3", "-e", "SELECT 1");
        assertThat(negative.exitCode()).isEqualTo(2);
        assertThat(negative.stderrLines().get(0)).contains("--max-rows").contains("-3");
    }

    @Test
    void setResetAndUseChangeTheSession() throws Exception {
        Run run = tstore("--format", "tsv", "-e", String.join(";\n",
                "CREATE DATABASE shop",
                "USE shop",
                "CREATE TABLE orders (id BIGINT, amount INT, PRIMARY KEY (id) NOT ENFORCED) WITH ('bucket' = '2')",
                "SHOW CURRENT CATALOG",
                "SHOW CURRENT DATABASE",
                "SHOW TABLES",
                "CREATE TEMPORARY VIEW v AS SELECT * FROM (VALUES (1)) AS t(x)",
                "SET 'execution.runtime-mode' = 'streaming'",
                "SELECT x FROM v",
                "RESET 'execution.runtime-mode'",
                "SELECT x FROM v",
                "SET 'execution.runtime-mode' = 'streaming'",
                "RESET",
                "SELECT x + 1 AS y FROM v",
                "USE CATALOG default_catalog",
                "SHOW CURRENT CATALOG",
                "SET 'execution.runtime-mode' = 'sideways'",
                "SELECT 'not reached'"));

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        assertThat(run.stdoutLines()).containsExactly(
                "current catalog name", "tstore",
                "current database name", "shop",
                "table name", "orders",
                // streaming: the changelog with its op column; the temporary view lives on
                "op\tx", "+I\t1",
                // batch again after RESET of the key, and after RESET of everything
                "x", "1",
                "y", "2",
                "current catalog name", "default_catalog");
        assertThat(run.stderrLines()).containsExactly("[ERROR] Invalid value 'sideways' for"
                + " 'execution.runtime-mode': execution.runtime-mode is 'batch' or 'streaming'.");
        // The table is in the warehouse the shell was given.
        assertThat(dir.resolve("warehouse/shop.db/orders/schema")).isDirectory();
    }

    @Test
    void streamingQueryStopsAtMaxRows() throws Exception {
        Run run = tstore("--format", "tsv", "--max-rows", "3", "-e", String.join(";\n",
                "SET 'execution.runtime-mode' = 'streaming'",
                "CREATE TEMPORARY TABLE numbers (n BIGINT) WITH ('connector' = 'datagen',"
                        + " 'fields.n.kind' = 'sequence', 'fields.n.start' = '1', 'fields.n.end' = '1000000',"
                        + " 'rows-per-second' = '20')",
                "SELECT n, CAST(NULL AS STRING) AS missing FROM numbers",
                "SELECT 'after' AS s"));

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.stdoutLines()).containsExactly(
                "op\tn\tmissing", "+I\t1\tNULL", "+I\t2\tNULL", "+I\t3\tNULL",
                "op\ts", "+I\tafter");
        assertThat(run.stderr()).contains("[INFO] Query stopped after 3 rows (--max-rows).");
    }

    @Test
    void streamingQueryStopsAfterTheTimeout() throws Exception {
        Run run = tstore("--timeout", "3", "-e", String.join(";\n",
                "SET 'execution.runtime-mode' = 'streaming'",
                "CREATE TEMPORARY TABLE numbers (n BIGINT) WITH ('connector' = 'datagen', 'rows-per-second' = '1')",
                "SELECT COUNT(*) AS c FROM numbers"));

        assertThat(run.exitCode()).as(run.toString()).isZero();
        List<String> lines = run.stdoutLines();
        assertThat(lines.subList(0, 3)).containsExactly(
                "+----+----------------------+",
                "| op |                    c |",
                "+----+----------------------+");
        assertThat(lines.get(lines.size() - 1)).startsWith("Received a total of ");
        assertThat(run.stderr()).contains("[INFO] Query stopped: after 3 s (--timeout).");
    }

    @Test
    void ctrlCStopsTheRunningQueryAndTheScriptGoesOn() throws Exception {
        // A process whose parent ignores SIGINT inherits that, and Ctrl-C cannot reach it.
        assumeTrue(!sigintIgnored(), "SIGINT is ignored in this process tree");
        Process process = start("--format", "tsv", "-e", String.join(";\n",
                "SET 'execution.runtime-mode' = 'streaming'",
                "CREATE TEMPORARY TABLE numbers (n BIGINT) WITH ('connector' = 'datagen',"
                        + " 'fields.n.kind' = 'sequence', 'fields.n.start' = '1', 'fields.n.end' = '1000000',"
                        + " 'rows-per-second' = '5')",
                "SELECT n FROM numbers",
                "SELECT 'after' AS s"));
        Path stdout = dir.resolve("stdout.txt");
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(4);
        while (!Files.readString(stdout).contains("+I\t1\n")) {
            assertThat(System.nanoTime()).as("the first row within 4 minutes").isLessThan(deadline);
            assertThat(process.isAlive()).as("tstore is running").isTrue();
            Thread.sleep(200);
        }
        new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).start().waitFor();
        Run run = finish(process);

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.stderr()).contains("[INFO] Query stopped: interrupted.");
        List<String> lines = run.stdoutLines();
        assertThat(lines.get(0)).isEqualTo("op\tn");
        assertThat(lines.subList(lines.size() - 2, lines.size())).containsExactly("op\ts", "+I\tafter");
        // The changelog rows are the sequence from 1, in order, up to where it was stopped.
        List<String> rows = lines.subList(1, lines.size() - 2);
        for (int i = 0; i < rows.size(); i++) {
            assertThat(rows.get(i)).isEqualTo("+I\t" + (i + 1));
        }
    }

    private static boolean sigintIgnored() throws IOException {
        Path status = Path.of("/proc/self/status");
        if (!Files.exists(status)) {
            return false;
        }
        for (String line : Files.readAllLines(status)) {
            if (line.startsWith("SigIgn:")) {
                long mask = Long.parseLong(line.substring("SigIgn:".length()).strip(), 16);
                return (mask & (1L << 1)) != 0; // SIGINT is signal 2: bit 1
            }
        }
        return false;
    }

    // ------------------------------------------------------------------------------------------

    private Run tstore(String... args) throws Exception {
        return finish(start(args));
    }

    private Process start(String... args) throws IOException {
        return start(Path.of("/dev/null"), args);
    }

    private Process start(Path input, String... args) throws IOException {
        return TstoreProcess.start(dir, input, args);
    }

    private Run finish(Process process) throws Exception {
        return TstoreProcess.finish(dir, process);
    }
}
