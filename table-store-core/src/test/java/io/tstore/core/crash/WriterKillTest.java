package io.tstore.core.crash;

import static org.assertj.core.api.Assertions.assertThat;

import io.tstore.core.catalog.Catalog;
import io.tstore.core.catalog.FileSystemCatalog;
import io.tstore.core.data.InternalRow;
import io.tstore.core.fs.s3.S3ProxyServer;
import io.tstore.core.lifecycle.OrphanFilesClean;
import io.tstore.core.schema.Schema;
import io.tstore.core.snapshot.Snapshot;
import io.tstore.core.table.FileStoreTable;
import io.tstore.core.table.Identifier;
import io.tstore.core.types.DataTypes;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Kills a Java API writer, and the dedicated compaction job beside a write-only writer, with SIGKILL at random
 * points (while writing and flushing, compacting, committing, expiring), many times, each time starting the next
 * process, which recovers on its own. After every kill, in this JVM: orphan-file removal with no grace period deletes
 * what the killed process left, and then every retained snapshot reads exactly the rows of the writer's commits up
 * to the one that snapshot holds (a model replays them), so no committed row is lost or doubled, no snapshot is half
 * visible, and no file a snapshot references was deleted. A commit the killed writer saw succeed is in the table.
 *
 * <p>The writer runs on the local file system and on S3 (S3Proxy on 127.0.0.1, commits published with a conditional
 * put). {@code -Dtstore.crash.kills=N} sets the kills per test (default 10; the soak run in the README uses more).
 */
class WriterKillTest {
    private static final int KILLS = Integer.getInteger("tstore.crash.kills", 10);
    private static final Random RANDOM = new Random(Long.getLong("tstore.crash.seed", System.nanoTime()));
    private static final List<String> TOTALS = new ArrayList<>();
    private static S3ProxyServer s3;

    /** Where a test's table lives: a warehouse and its catalog options, and a local directory for the logs. */
    private record Warehouse(String location, Map<String, String> options, Path logs) {
        FileStoreTable table(Identifier id) throws IOException {
            return FileSystemCatalog.create(location, options).getTable(id);
        }
    }

    @AfterAll
    static void report() throws Exception {
        TOTALS.forEach(System.out::println);
        if (s3 != null) {
            s3.close();
        }
    }

    private static Warehouse local(String name) throws IOException {
        Path dir = emptyDirectory(name);
        return new Warehouse(dir.resolve("warehouse").toString(), Map.of(), dir);
    }

    private static Warehouse onS3(String name) throws Exception {
        if (s3 == null) {
            s3 = S3ProxyServer.start();
        }
        s3.createBucket("crash-" + name);
        return new Warehouse("s3://crash-" + name + "/warehouse", s3.options(), emptyDirectory(name));
    }

    @Test
    void javaApiWriterRecoversFromKills() throws Exception {
        writerRecoversFromKills(local("writer"), "Java API writer");
    }

    @Test
    void javaApiWriterOnS3RecoversFromKills() throws Exception {
        writerRecoversFromKills(onS3("writer-s3"), "Java API writer on S3");
    }

    private void writerRecoversFromKills(Warehouse warehouse, String what) throws Exception {
        Identifier id = createTable(warehouse, "inline", Map.of(
                "num-sorted-run.compaction-trigger", "3",
                "snapshot.num-retained.min", "3",
                "snapshot.num-retained.max", "6",
                "snapshot.time-retained", "1 ms"));
        Counts counts = new Counts();
        for (int kill = 0; kill < KILLS; kill++) {
            Child writer = Child.start(warehouse, id, "writer");
            writer.killAtRandomPoint(RANDOM, "COMMIT");
            verify(warehouse, id, writer.lastCommitted, counts);
        }
        TOTALS.add(what + ": " + counts);
        assertThat(counts.writerCommits).as("commits between the kills").isPositive();
    }

    @Test
    void compactionJobRecoversFromKills() throws Exception {
        Warehouse warehouse = local("compactor");
        Identifier id = createTable(warehouse, "split", Map.of(
                "write-only", "true",
                "num-sorted-run.compaction-trigger", "2",
                "snapshot.num-retained.min", "100000"));
        Counts counts = new Counts();
        for (int kill = 0; kill < KILLS; kill++) {
            // At most 8 commits per writer run: a fast writer would otherwise pile up thousands of level-0 files
            // while the compaction job is being killed, and one compaction of them all needs a heap of its own.
            Child writer = Child.start(warehouse, id, "writer:8");
            Child compactor = Child.start(warehouse, id, "compactor");
            compactor.killAtRandomPoint(RANDOM, "COMPACTED");
            // The writer dies too, at a random moment of its own, so that the table is still when it is checked.
            writer.killAtRandomPoint(RANDOM, "COMMIT");
            verify(warehouse, id, writer.lastCommitted, counts);
        }
        TOTALS.add("compaction job: " + counts);
        assertThat(counts.compactions).as("compactions committed between the kills").isPositive();
    }

    private static Identifier createTable(Warehouse warehouse, String name, Map<String, String> options) throws IOException {
        Catalog catalog = FileSystemCatalog.create(warehouse.location(), warehouse.options());
        catalog.createDatabase("crash", true);
        Identifier id = Identifier.of("crash", name);
        catalog.createTable(id, Schema.newBuilder()
                .column("id", DataTypes.BIGINT())
                .column("commit_no", DataTypes.BIGINT())
                .column("row_no", DataTypes.BIGINT())
                .column("payload", DataTypes.STRING())
                .primaryKey("id")
                .option("bucket", "2")
                // Small buffers: a commit flushes several level-0 files, so kills land in flushes too.
                .option("write-buffer-size", "512 kb")
                .option("page-size", "16 kb")
                .options(options)
                .build(), false);
        return id;
    }

    private static final class Counts {
        int kills;
        long writerCommits;
        long compactions;
        long snapshotsChecked;
        long rowsChecked;
        long orphansDeleted;
        long lastSnapshotChecked;

        @Override
        public String toString() {
            return kills + " kills survived, " + writerCommits + " writer commits, " + compactions
                    + " snapshots of the compaction job, " + snapshotsChecked + " snapshot reads checked (" + rowsChecked
                    + " rows), " + orphansDeleted + " orphan files deleted, nothing lost";
        }
    }

    /**
     * Checks the table after its writers were killed: removes orphans, then reads every retained snapshot against
     * the model of the writer's commits up to that snapshot.
     */
    private static void verify(Warehouse warehouse, Identifier id, long acknowledged, Counts counts) throws IOException {
        counts.kills++;
        FileStoreTable table = warehouse.table(id);
        counts.orphansDeleted += new OrphanFilesClean(table).clean(Duration.ZERO).size();

        List<Snapshot> snapshots = table.snapshotManager().snapshots();
        if (snapshots.isEmpty()) {
            assertThat(acknowledged).as("a commit the writer saw succeed, but no snapshot").isZero();
            assertThat(table.newReadBuilder().readAll()).isEmpty();
            return;
        }
        Snapshot lastOfWriter = table.snapshotManager().latestSnapshotOfUser(KilledWriter.WRITER_USER);
        long lastCommit = lastOfWriter == null ? 0 : lastOfWriter.commitIdentifier();
        assertThat(lastCommit).as("every commit the writer saw succeed is in the table").isGreaterThanOrEqualTo(acknowledged);

        // Snapshots are immutable: each is read once, after the kill that followed it, and the latest every time
        // (orphan removal ran since).
        long checkedBefore = counts.lastSnapshotChecked;
        counts.lastSnapshotChecked = snapshots.get(snapshots.size() - 1).id();
        SortedMap<Long, List<Object>> model = new TreeMap<>();
        long modelCommit = 0;
        long writerCommit = -1;
        long compactions = 0;
        for (Snapshot snapshot : snapshots) {
            if (snapshot.commitUser().equals(KilledWriter.WRITER_USER)) {
                writerCommit = snapshot.commitIdentifier();
            } else {
                compactions++;
                if (writerCommit < 0) {
                    // A compaction before the first retained writer snapshot: it holds what the writer had then.
                    writerCommit = table.snapshotManager().snapshots().stream()
                            .filter(s -> s.id() < snapshot.id() && s.commitUser().equals(KilledWriter.WRITER_USER))
                            .mapToLong(Snapshot::commitIdentifier).max().orElse(0);
                }
            }
            while (modelCommit < writerCommit) {
                KilledWriter.apply(++modelCommit, model);
            }
            if (snapshot.id() <= checkedBefore && snapshot != snapshots.get(snapshots.size() - 1)) {
                continue;
            }
            List<List<Object>> rows = new ArrayList<>();
            for (InternalRow row : table.newReadBuilder().withSnapshot(snapshot.id()).readAll()) {
                rows.add(List.of(row.getLong(0), row.getLong(1), row.getLong(2), row.getString(3).toString()));
            }
            rows.sort(Comparator.comparing(r -> (Long) r.get(0)));
            assertThat(rows).as("snapshot %s (%s commit %s) of %s", snapshot.id(), snapshot.commitUser(),
                    snapshot.commitIdentifier(), id).containsExactlyElementsOf(model.values());
            counts.snapshotsChecked++;
            counts.rowsChecked += rows.size();
        }
        counts.writerCommits = lastCommit;
        counts.compactions = compactions;
    }

    /** A {@link KilledWriter} process and the lines it printed. */
    private static final class Child {
        final Process process;
        final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        final Thread reader;
        final Path errors;
        volatile long lastCommitted;

        private Child(Process process, Path errors) {
            this.process = process;
            this.errors = errors;
            this.reader = new Thread(() -> {
                try (BufferedReader in = new BufferedReader(
                        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line; (line = in.readLine()) != null; ) {
                        if (line.startsWith("COMMITTED ")) {
                            lastCommitted = Long.parseLong(line.substring("COMMITTED ".length()));
                        }
                        lines.add(line);
                    }
                } catch (IOException e) {
                    // the process was killed
                }
            });
            reader.setDaemon(true);
            reader.start();
        }

        static Child start(Warehouse warehouse, Identifier id, String role) throws IOException {
            String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g",
                    "-XX:TieredStopAtLevel=1", "-Dtstore.local-fs.fsync=false",
                    "-cp", classpath, KilledWriter.class.getName(),
                    warehouse.location(), id.fullName(), role));
            warehouse.options().forEach((key, value) -> command.add(key + "=" + value));
            Path errors = warehouse.logs().resolve(role.replace(':', '-') + "-stderr.txt");
            return new Child(new ProcessBuilder(command)
                    .redirectError(ProcessBuilder.Redirect.appendTo(errors.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .start(), errors);
        }

        /**
         * Kills the process with SIGKILL: half of the time a few milliseconds after it announced a {@code step}
         * (a commit or a compaction), else after a random time (writing, flushing, compacting).
         */
        void killAtRandomPoint(Random random, String step) throws Exception {
            // Timed from what the process printed, not from its start, so that a slow start (a loaded machine)
            // does not turn every kill into a kill before the first write.
            if (random.nextBoolean()) {
                awaitLine(step, step.equals("COMMIT") ? random.nextInt(3) : 0);
                Thread.sleep(random.nextInt(30));
            } else {
                awaitLine(step.equals("COMMIT") ? "COMMIT" : "COMPACT", 0);
                Thread.sleep(random.nextInt(1_500));
            }
            assertThat(process.isAlive()).as("the %s process is still running when killed", step).isTrue();
            process.destroyForcibly(); // SIGKILL on Linux
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
            reader.join(5_000);
        }

        /** Waits for the {@code skip + 1}-th line starting with {@code prefix}. */
        private void awaitLine(String prefix, int skip) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (System.nanoTime() < deadline) {
                String line = lines.poll(100, TimeUnit.MILLISECONDS);
                if (line != null && line.startsWith(prefix) && skip-- == 0) {
                    return;
                }
                if (!process.isAlive() && lines.isEmpty()) {
                    throw new AssertionError("the process ended by itself, exit code " + process.exitValue()
                            + "; its standard error is in " + errors);
                }
            }
            throw new AssertionError("no line '" + prefix + "' within 120 s");
        }
    }

    private static Path emptyDirectory(String name) throws IOException {
        Path dir = Path.of("target", "tmp", "WriterKillTest", name).toAbsolutePath();
        if (Files.exists(dir)) {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        return Files.createDirectories(dir);
    }
}
