package io.tstore.core.table;

import io.tstore.core.catalog.FileSystemCatalog;
import io.tstore.core.commit.CommitConflictException;
import io.tstore.core.commit.CommitMessage;
import io.tstore.core.commit.ManifestCommittable;
import io.tstore.core.data.BinaryString;
import io.tstore.core.data.GenericRow;
import io.tstore.core.data.InternalRow;
import io.tstore.core.schema.Schema;
import io.tstore.core.snapshot.CommitKind;
import io.tstore.core.snapshot.Snapshot;
import io.tstore.core.types.DataTypes;
import io.tstore.lsm.RowKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Several writers (each its own commit user, in its own thread) and a dedicated compaction process commit to one
 * primary-key table at once.
 *
 * <p>The invariants: nothing committed is lost, and a reader sees all of a commit or none of it. A commit that
 * cannot land fails with a {@link CommitConflictException} naming the table; the writer then aborts the commit's
 * messages (which must delete exactly the files no snapshot refers to), restarts from the latest snapshot and goes
 * on. Whether a failed commit landed in part (its APPEND snapshot before its COMPACT one failed) is asked of the
 * table with {@code filterCommitted}, as a restarted writer would.
 *
 * <p>With each writer owning its keys, the expected table is exact: the union of what each writer's commits left.
 * Writers sharing keys order their versions by sequence numbers of their own, so which version wins a key depends
 * on more than commit order; that test only checks that each key shows a version some landed commit wrote.
 */
class TableConcurrencyTest {
    private static final String[] PARTITIONS = {"p0", "p1"};
    private static final int WRITERS = 3;

    @TempDir
    java.nio.file.Path warehouse;

    private FileStoreTable createTable(String name, String format) throws IOException {
        FileSystemCatalog catalog = FileSystemCatalog.create(warehouse.toString(), Map.of());
        catalog.createDatabase("db", true);
        Identifier id = Identifier.of("db", name);
        catalog.createTable(id, Schema.newBuilder()
                .column("k", DataTypes.BIGINT().notNull())
                .column("dt", DataTypes.STRING().notNull())
                .column("v", DataTypes.STRING())
                .primaryKey("k", "dt")
                .partitionKeys("dt")
                .option("bucket", "2")
                .option("file.format", format)
                .option("num-sorted-run.compaction-trigger", "3")
                .option("write-buffer-size", "256 kb")
                .option("page-size", "4 kb")
                .option("commit.max-retries", "100")
                .option("commit.max-retry-wait", "50 ms")
                .build(), false);
        return catalog.getTable(id);
    }

    /** A row of the model: key (k, dt) to value v. */
    private record Key(long k, String dt) implements Comparable<Key> {
        @Override
        public int compareTo(Key other) {
            int c = Long.compare(k, other.k);
            return c != 0 ? c : dt.compareTo(other.dt);
        }
    }

    /** What one writer committed: the table's rows of its keys after each landed commit, in commit order. */
    private record WriterOutcome(String user, List<Map<Key, String>> history, int commits, List<String> conflicts) {
        Map<Key, String> last() {
            return history.get(history.size() - 1);
        }
    }

    @Test
    void writersOfDisjointKeysAndACompactorLoseNothing() throws Exception {
        FileStoreTable table = createTable("disjoint", "orc");
        int rounds = Integer.getInteger("table.concurrency.rounds", 25);
        AtomicBoolean writersDone = new AtomicBoolean();
        ExecutorService threads = Executors.newFixedThreadPool(WRITERS + 1);
        try {
            List<Future<WriterOutcome>> writers = new ArrayList<>();
            for (int w = 0; w < WRITERS; w++) {
                int writer = w;
                // Writer w owns keys [w * 1000, w * 1000 + 40): its rows are exactly what its landed commits left.
                writers.add(threads.submit(() -> runWriter(table, "writer-" + writer, rounds, new Random(writer),
                        random -> writer * 1000L + random.nextInt(40), true)));
            }
            Future<CompactorOutcome> compactor = threads.submit(() -> runCompactor(table, writersDone));
            List<WriterOutcome> outcomes = new ArrayList<>();
            for (Future<WriterOutcome> writer : writers) {
                outcomes.add(writer.get(120, TimeUnit.SECONDS));
            }
            writersDone.set(true);
            CompactorOutcome compactions = compactor.get(120, TimeUnit.SECONDS);
            report(table, outcomes, compactions);

            Map<Key, String> expected = new TreeMap<>();
            for (WriterOutcome outcome : outcomes) {
                expected.putAll(outcome.last());
                assertThat(outcome.commits()).as("landed commits of %s", outcome.user()).isPositive();
                assertConflictsAreClear(table, outcome.conflicts());
            }
            assertConflictsAreClear(table, compactions.conflicts());
            assertThat(compactions.commits()).as("landed compactions").isPositive();
            assertThat(conflicts(outcomes, compactions)).as("conflicts provoked").isPositive();
            assertThat(read(table, null)).isEqualTo(expected);

            // Every snapshot shows, of each writer's keys, the state after one of its commits, never going back:
            // no commit is seen in part, and none is undone by a later one.
            int[] seen = new int[WRITERS];
            for (Snapshot snapshot : table.snapshotManager().snapshots()) {
                Map<Key, String> rows = read(table, snapshot.id());
                for (int w = 0; w < WRITERS; w++) {
                    Map<Key, String> mine = slice(rows, w);
                    List<Map<Key, String>> history = outcomes.get(w).history();
                    int match = seen[w];
                    while (match < history.size() && !history.get(match).equals(mine)) {
                        match++;
                    }
                    assertThat(match).as("snapshot %d (%s by %s) shows keys of writer %d as after one of its commits, "
                                    + "not before one it showed earlier: %s", snapshot.id(), snapshot.commitKind(),
                            snapshot.commitUser(), w, mine)
                            .isLessThan(history.size());
                    seen[w] = match;
                }
            }
            TableTestSupport.assertNoOrphanAndNoMissingFiles(table);
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void writersOfTheSameKeysKeepOneOfTheLandedVersions() throws Exception {
        FileStoreTable table = createTable("shared", "parquet");
        int rounds = Integer.getInteger("table.concurrency.rounds", 25);
        AtomicBoolean writersDone = new AtomicBoolean();
        ExecutorService threads = Executors.newFixedThreadPool(WRITERS + 1);
        try {
            List<Future<WriterOutcome>> writers = new ArrayList<>();
            for (int w = 0; w < WRITERS; w++) {
                int writer = w;
                writers.add(threads.submit(() -> runWriter(table, "writer-" + writer, rounds, new Random(100 + writer),
                        random -> (long) random.nextInt(30), false)));
            }
            Future<CompactorOutcome> compactor = threads.submit(() -> runCompactor(table, writersDone));
            List<WriterOutcome> outcomes = new ArrayList<>();
            for (Future<WriterOutcome> writer : writers) {
                outcomes.add(writer.get(120, TimeUnit.SECONDS));
            }
            writersDone.set(true);
            CompactorOutcome compactions = compactor.get(120, TimeUnit.SECONDS);
            report(table, outcomes, compactions);

            // The versions each landed commit left of each key (the last it wrote of the key).
            Map<Key, Set<String>> landed = new TreeMap<>();
            for (WriterOutcome outcome : outcomes) {
                Map<Key, String> previous = Map.of();
                for (Map<Key, String> state : outcome.history()) {
                    for (Map.Entry<Key, String> row : state.entrySet()) {
                        if (!row.getValue().equals(previous.get(row.getKey()))) {
                            landed.computeIfAbsent(row.getKey(), k -> new HashSet<>()).add(row.getValue());
                        }
                    }
                    previous = state;
                }
                assertConflictsAreClear(table, outcome.conflicts());
            }
            assertConflictsAreClear(table, compactions.conflicts());
            assertThat(conflicts(outcomes, compactions)).as("conflicts provoked").isPositive();

            // No key is lost (there are no deletes), and each shows a version a landed commit wrote: in the end, and
            // in what each compaction wrote, since a compaction merges the versions of several writers into one.
            Map<Key, String> rows = read(table, null);
            assertThat(rows.keySet()).isEqualTo(landed.keySet());
            for (Snapshot snapshot : table.snapshotManager().snapshots()) {
                if (snapshot.commitKind() != CommitKind.COMPACT) {
                    continue;
                }
                for (Map.Entry<Key, String> row : read(table, snapshot.id()).entrySet()) {
                    assertThat(landed.get(row.getKey())).as("versions of %s that landed (snapshot %d)", row.getKey(), snapshot.id())
                            .contains(row.getValue());
                }
            }
            TableTestSupport.assertNoOrphanAndNoMissingFiles(table);
        } finally {
            threads.shutdownNow();
        }
    }

    /**
     * The usual conflict, step by step: a writer's compaction replaces a file that the compaction process already
     * replaced. The commit's APPEND snapshot lands, its COMPACT snapshot conflicts; the error says so, and the
     * abort must delete only the compaction's output, never the new files that landed.
     */
    @Test
    void aWriterWhoseCompactionLostToTheCompactorKeepsItsNewRows() throws IOException {
        FileStoreTable table = createTable("lost_compaction", "orc");
        TableCommit commit = table.newCommit("writer");
        try (TableWrite write = table.newWrite(false)) {
            write.write(GenericRow.of(1L, BinaryString.fromString("p0"), BinaryString.fromString("a")));
            commit.commit(1, write.prepareCommit(true));
            DataSplit split = table.newReadBuilder().newScan().dataSplits().get(0);
            try (TableWrite compactor = table.newWrite(false)) {
                compactor.compact(split.partition(), split.bucket(), true);
                table.newCommit("compactor").commit(1, compactor.prepareCommit(true));
            }
            // The writer still holds the file the compactor replaced, and compacts it with its new one.
            write.write(GenericRow.of(1L, BinaryString.fromString("p0"), BinaryString.fromString("b")));
            write.compact(split.partition(), split.bucket(), true);
            List<CommitMessage> messages = write.prepareCommit(true);
            assertThatThrownBy(() -> commit.commit(2, messages))
                    .isInstanceOf(CommitConflictException.class)
                    .hasMessageContaining("Commit to table db.lost_compaction conflicts")
                    .hasMessageContaining("is no longer in the table")
                    .hasMessageContaining("The new files of commit 2 of user writer did land, in snapshot 3")
                    .hasMessageContaining("restart the writer");
            assertThat(commit.filterCommitted(List.of(new ManifestCommittable(2, messages)))).isEmpty();
            commit.abort(messages);
        }
        assertThat(read(table, null)).isEqualTo(Map.of(new Key(1, "p0"), "b"));
        TableTestSupport.assertNoOrphanAndNoMissingFiles(table);
    }

    /** What happened, for the test's output: the test is only as good as the conflicts it provoked. */
    private static void report(FileStoreTable table, List<WriterOutcome> writers, CompactorOutcome compactor) throws IOException {
        StringBuilder line = new StringBuilder(table.name()).append(": ");
        for (WriterOutcome writer : writers) {
            line.append(writer.user()).append(' ').append(writer.commits()).append(" commits landed, ")
                    .append(writer.conflicts().size()).append(" conflicts; ");
        }
        line.append("compactor ").append(compactor.commits()).append(" landed, ").append(compactor.conflicts().size())
                .append(" conflicts; ").append(table.snapshotManager().latestSnapshotId().orElse(0)).append(" snapshots");
        System.out.println(line);
        writers.stream().flatMap(w -> w.conflicts().stream()).limit(2).forEach(System.out::println);
        compactor.conflicts().stream().limit(2).forEach(System.out::println);
    }

    private static int conflicts(List<WriterOutcome> writers, CompactorOutcome compactor) {
        return writers.stream().mapToInt(w -> w.conflicts().size()).sum() + compactor.conflicts().size();
    }

    private static void assertConflictsAreClear(FileStoreTable table, List<String> conflicts) {
        for (String message : conflicts) {
            assertThat(message).contains(table.name()).contains("conflict");
        }
    }

    private static Map<Key, String> slice(Map<Key, String> rows, int writer) {
        Map<Key, String> mine = new TreeMap<>();
        rows.forEach((key, value) -> {
            if (key.k() / 1000 == writer) {
                mine.put(key, value);
            }
        });
        return mine;
    }

    private interface KeyPicker {
        long next(Random random);
    }

    /**
     * Rounds of upserts (and, with {@code deletes}, deletes) followed by a commit. After a commit fails, the writer
     * asks the table whether it landed (its APPEND may have, before its compaction conflicted), aborts the messages
     * and restarts from the latest snapshot. Returns the rows of its keys after each landed commit.
     */
    private WriterOutcome runWriter(FileStoreTable table, String user, int rounds, Random random, KeyPicker keys, boolean deletes)
            throws IOException {
        Map<Key, String> live = new TreeMap<>();
        Map<Key, String> committed = new TreeMap<>();
        List<Map<Key, String>> history = new ArrayList<>();
        history.add(Map.copyOf(committed));
        List<String> conflicts = new ArrayList<>();
        TableCommit commit = table.newCommit(user);
        TableWrite write = table.newWrite(false);
        int commits = 0;
        try {
            for (long identifier = 1; identifier <= rounds; identifier++) {
                int rows = 1 + random.nextInt(40);
                for (int i = 0; i < rows; i++) {
                    Key key = new Key(keys.next(random), PARTITIONS[random.nextInt(PARTITIONS.length)]);
                    String value = user + "/" + identifier + "/" + i;
                    GenericRow row = GenericRow.of(key.k(), BinaryString.fromString(key.dt()), BinaryString.fromString(value));
                    if (deletes && random.nextInt(6) == 0) {
                        row.setRowKind(RowKind.DELETE);
                        live.remove(key);
                    } else {
                        live.put(key, value);
                    }
                    write.write(row);
                }
                List<CommitMessage> messages = write.prepareCommit(random.nextBoolean());
                boolean landed;
                try {
                    commit.commit(identifier, messages);
                    landed = true;
                } catch (CommitConflictException e) {
                    conflicts.add(e.getMessage());
                    landed = commit.filterCommitted(List.of(new ManifestCommittable(identifier, messages))).isEmpty();
                    assertThat(e.getMessage().contains("did land")).as("the error tells whether the new files landed: %s", e.getMessage())
                            .isEqualTo(landed);
                    commit.abort(messages);
                    write.close();
                    write = table.newWrite(false);
                }
                if (landed) {
                    committed = new TreeMap<>(live);
                    history.add(Map.copyOf(committed));
                    commits++;
                } else {
                    live = new TreeMap<>(committed);
                }
            }
        } finally {
            write.close();
        }
        return new WriterOutcome(user, history, commits, conflicts);
    }

    private record CompactorOutcome(int commits, List<String> conflicts) {}

    /**
     * A dedicated compaction process: each round restores a writer from the latest snapshot, fully compacts every
     * bucket and commits. A conflict drops the round's compaction. After the writers finish it runs once more, so the
     * last snapshot is a full compaction of everything.
     */
    private CompactorOutcome runCompactor(FileStoreTable table, AtomicBoolean writersDone) throws IOException {
        TableCommit commit = table.newCommit("compactor");
        List<String> conflicts = new ArrayList<>();
        int commits = 0;
        long identifier = 0;
        boolean last = false;
        while (!last) {
            last = writersDone.get();
            try (TableWrite write = table.newWrite(false)) {
                for (DataSplit split : table.newReadBuilder().newScan().dataSplits()) {
                    write.compact(split.partition(), split.bucket(), true);
                }
                List<CommitMessage> messages = write.prepareCommit(true);
                if (messages.isEmpty()) {
                    continue;
                }
                try {
                    commit.commit(++identifier, messages);
                    commits++;
                } catch (CommitConflictException e) {
                    assertThat(last).as("the last compaction runs alone and cannot conflict: %s", e.getMessage()).isFalse();
                    conflicts.add(e.getMessage());
                    commit.abort(messages);
                }
            }
        }
        return new CompactorOutcome(commits, conflicts);
    }

    private static Map<Key, String> read(FileStoreTable table, Long snapshotId) throws IOException {
        DataReadBuilder builder = table.newReadBuilder();
        if (snapshotId != null) {
            builder.withSnapshot(snapshotId);
        }
        Map<Key, String> rows = new TreeMap<>();
        for (InternalRow row : builder.readAll()) {
            String previous = rows.put(new Key(row.getLong(0), row.getString(1).toString()), row.getString(2).toString());
            assertThat(previous).as("key %s read twice", row.getLong(0)).isNull();
        }
        return rows;
    }
}
