package io.tstore.core.table;

import io.tstore.core.catalog.FileSystemCatalog;
import io.tstore.core.data.InternalRow;
import io.tstore.core.fs.s3.S3ProxyServer;
import io.tstore.core.schema.Schema;
import io.tstore.core.snapshot.Snapshot;
import io.tstore.core.types.DataTypes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Many committers race on one table on S3 (S3Proxy on loopback), with nothing but the conditional put between them:
 * writers in threads of one process, and writers in processes of their own. The invariants: exactly one commit wins
 * each snapshot id, every commit lands exactly once or fails with an error, and every row of a landed commit is read
 * back exactly once, with no row of a failed one.
 */
class S3CommitRaceTest {
    private static final String BUCKET = "race";
    private static final int ROWS_PER_COMMIT = 3;
    private static S3ProxyServer server;

    @BeforeAll
    static void startServer() throws Exception {
        server = S3ProxyServer.start();
        server.createBucket(BUCKET);
    }

    @AfterAll
    static void stopServer() throws Exception {
        server.close();
    }

    @Test
    void writersInThreadsRaceOnOneTable() throws Exception {
        FileStoreTable table = createTable("threads");
        int writers = 8;
        int commits = 3;
        ExecutorService executor = Executors.newFixedThreadPool(writers);
        List<Future<S3CommitRaceWriter.Outcome>> futures = new ArrayList<>();
        for (int writer = 0; writer < writers; writer++) {
            int w = writer;
            futures.add(executor.submit(() -> S3CommitRaceWriter.run(table, w, commits, ROWS_PER_COMMIT)));
        }
        List<S3CommitRaceWriter.Outcome> outcomes = new ArrayList<>();
        for (Future<S3CommitRaceWriter.Outcome> future : futures) {
            outcomes.add(future.get(120, TimeUnit.SECONDS));
        }
        executor.shutdown();
        assertRaceInvariants(table, outcomes, writers * commits);
    }

    @Test
    void writersInProcessesRaceOnOneTable() throws Exception {
        FileStoreTable table = createTable("processes");
        int writers = 3;
        int commits = 3;
        java.nio.file.Path dir = Files.createTempDirectory("s3-race");
        List<Process> processes = new ArrayList<>();
        for (int writer = 0; writer < writers; writer++) {
            List<String> command = List.of(
                    java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx256m",
                    "-cp", System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
                    S3CommitRaceWriter.class.getName(),
                    server.endpoint(), "s3://" + BUCKET + "/warehouse", "processes",
                    String.valueOf(writer), String.valueOf(commits), String.valueOf(ROWS_PER_COMMIT));
            processes.add(new ProcessBuilder(command)
                    .redirectOutput(dir.resolve("out-" + writer).toFile())
                    .redirectError(dir.resolve("err-" + writer).toFile())
                    .start());
        }
        List<S3CommitRaceWriter.Outcome> outcomes = new ArrayList<>();
        for (int writer = 0; writer < writers; writer++) {
            Process process = processes.get(writer);
            assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("writer process %d ended", writer).isTrue();
            String err = Files.readString(dir.resolve("err-" + writer), StandardCharsets.UTF_8);
            assertThat(process.exitValue()).as("exit code of writer %d; stderr: %s", writer, err).isZero();
            List<Long> landed = new ArrayList<>();
            List<String> failed = new ArrayList<>();
            for (String line : Files.readAllLines(dir.resolve("out-" + writer), StandardCharsets.UTF_8)) {
                if (line.startsWith("landed ")) {
                    landed.add(Long.parseLong(line.substring("landed ".length())));
                } else if (line.startsWith("failed ")) {
                    failed.add(line.substring("failed ".length()));
                }
            }
            outcomes.add(new S3CommitRaceWriter.Outcome(writer, landed, failed));
        }
        assertRaceInvariants(table, outcomes, writers * commits);
    }

    /**
     * Checks the table against what the writers say landed: one snapshot per landed commit, with consecutive ids
     * and one (user, identifier) each; every row of a landed commit exactly once; nothing else.
     */
    static void assertRaceInvariants(FileStoreTable table, List<S3CommitRaceWriter.Outcome> outcomes, int attempted) throws IOException {
        Map<String, Integer> expected = new HashMap<>();
        int landedCommits = 0;
        for (S3CommitRaceWriter.Outcome outcome : outcomes) {
            assertThat(outcome.failed()).as("commits of writer %d that failed", outcome.writer()).isEmpty();
            assertThat(new HashSet<>(outcome.landed())).as("each commit of writer %d lands once", outcome.writer())
                    .hasSize(outcome.landed().size());
            for (long identifier : outcome.landed()) {
                landedCommits++;
                for (int i = 0; i < ROWS_PER_COMMIT; i++) {
                    expected.merge(outcome.writer() + ":" + (identifier * 1000 + i), 1, Integer::sum);
                }
            }
        }
        assertThat(landedCommits).isEqualTo(attempted);

        List<Snapshot> snapshots = table.snapshotManager().snapshots();
        assertThat(snapshots).as("one snapshot per commit").hasSize(landedCommits);
        Set<String> commitsSeen = new HashSet<>();
        for (int i = 0; i < snapshots.size(); i++) {
            Snapshot snapshot = snapshots.get(i);
            assertThat(snapshot.id()).as("snapshot ids are consecutive").isEqualTo(i + 1);
            assertThat(commitsSeen.add(snapshot.commitUser() + "/" + snapshot.commitIdentifier()))
                    .as("commit %s/%d is in exactly one snapshot", snapshot.commitUser(), snapshot.commitIdentifier()).isTrue();
        }

        Map<String, Integer> read = new HashMap<>();
        for (InternalRow row : table.newReadBuilder().readAll()) {
            read.merge(row.getInt(0) + ":" + row.getLong(1), 1, Integer::sum);
        }
        assertThat(read).as("every committed row exactly once, and nothing else").isEqualTo(expected);
        TableTestSupport.assertNoOrphanAndNoMissingFiles(table);
    }

    static FileStoreTable createTable(String name) throws IOException {
        FileSystemCatalog catalog = FileSystemCatalog.create("s3://" + BUCKET + "/warehouse", server.options());
        catalog.createDatabase("db", true);
        Identifier id = Identifier.of("db", name);
        catalog.createTable(id, Schema.newBuilder()
                .column("writer", DataTypes.INT().notNull())
                .column("seq", DataTypes.BIGINT().notNull())
                .option("bucket", "2")
                // Writers that race do not compact: a dedicated compaction job does (a compaction would conflict).
                .option("write-only", "true")
                .option("commit.max-retries", "200")
                .option("commit.max-retry-wait", "100 ms")
                .build(), false);
        return catalog.getTable(id);
    }
}
