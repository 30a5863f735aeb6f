package io.tstore.core.lifecycle;

import io.tstore.core.table.TableCompactor;

import io.tstore.core.snapshot.ExpiryMark;

import io.tstore.core.commit.CommitConflictException;
import io.tstore.core.lifecycle.LifecycleTables.Key;
import io.tstore.core.snapshot.SnapshotManager;
import io.tstore.core.system.SystemTables;
import io.tstore.core.table.FileStoreTable;
import io.tstore.core.table.TableCommit;
import io.tstore.core.table.TableTestSupport;
import io.tstore.core.table.TableWrite;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
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

/**
 * Expiry racing writers and readers. Writers (each its own partition and keys) commit in their own threads and
 * expire after each commit, keeping only a few snapshots; or, with {@code write-only}, they only write while a
 * {@link TableCompactor} compacts and expires beside them. Readers read the earliest and the latest snapshot
 * again and again.
 *
 * <p>The invariants: a read that succeeds shows, of each writer's keys, the state after one of its commits; a read
 * that meets a missing file read a snapshot that expiry had doomed before deleting anything (its mark is above the
 * snapshot), so a reader of a kept snapshot never misses a file; the compactor never conflicts with write-only
 * writers; and in the end the table holds exactly the writers' last states with no file missing or left over.
 */
class ExpiryRaceTest {
    private static final int WRITERS = 2;
    private static final int READERS = 2;

    @TempDir
    Path warehouse;

    @Test
    void writersThatExpireAfterEachCommitBesideReaders() throws Exception {
        run(LifecycleTables.create(warehouse, "expiring_writers", Map.of(
                "snapshot.num-retained.min", "2", "snapshot.num-retained.max", "3", "snapshot.time-retained", "0 ms")), false);
    }

    @Test
    void writeOnlyWritersBesideACompactorAndReaders() throws Exception {
        run(LifecycleTables.create(warehouse, "compacted", Map.of(
                "write-only", "true",
                "snapshot.num-retained.min", "2", "snapshot.num-retained.max", "3", "snapshot.time-retained", "0 ms")), true);
    }

    private record Read(long snapshotId, Map<Key, String> rows) {}

    private void run(FileStoreTable table, boolean compactor) throws Exception {
        int rounds = Integer.getInteger("lifecycle.race.rounds", 25);
        AtomicBoolean writersDone = new AtomicBoolean();
        ExecutorService threads = Executors.newFixedThreadPool(WRITERS + READERS + 1);
        try {
            List<Future<List<Map<Key, String>>>> writers = new ArrayList<>();
            for (int w = 0; w < WRITERS; w++) {
                int writer = w;
                writers.add(threads.submit(() -> write(table, writer, rounds)));
            }
            // Each reader fills its own list; the lists are looked at after its future completed.
            List<List<Read>> readers = new ArrayList<>();
            List<Future<Integer>> misses = new ArrayList<>();
            for (int r = 0; r < READERS; r++) {
                List<Read> reads = new ArrayList<>();
                readers.add(reads);
                misses.add(threads.submit(() -> read(table, writersDone, reads)));
            }
            Future<Integer> compactions = compactor ? threads.submit(() -> compact(table, writersDone)) : null;

            List<Set<Map<Key, String>>> histories = new ArrayList<>();
            Map<Key, String> expected = new TreeMap<>();
            for (Future<List<Map<Key, String>>> writer : writers) {
                List<Map<Key, String>> history = writer.get(300, TimeUnit.SECONDS);
                histories.add(new HashSet<>(history));
                expected.putAll(history.get(history.size() - 1));
            }
            writersDone.set(true);
            int missed = 0;
            for (Future<Integer> miss : misses) {
                missed += miss.get(300, TimeUnit.SECONDS);
            }
            int compacted = compactions == null ? 0 : compactions.get(300, TimeUnit.SECONDS);
            int reads = 0;
            for (List<Read> reader : readers) {
                for (Read read : reader) {
                    reads++;
                    for (int w = 0; w < WRITERS; w++) {
                        assertThat(histories.get(w)).as("snapshot %d shows writer %d's keys as after one of its commits", read.snapshotId(), w)
                                .contains(slice(read.rows(), w));
                    }
                }
            }
            SnapshotManager snapshots = table.snapshotManager();
            System.out.printf("%s: %d snapshots, %d kept, %d reads, %d reads of doomed snapshots, %d compactions%n",
                    table.name(), snapshots.latestSnapshotId().getAsLong(), snapshots.snapshots().size(), reads, missed, compacted);
            if (compactor) {
                assertThat(compacted).as("compactions committed").isPositive();
                new TableCompactor(table, "compactor").compact(true);
                assertThat(SystemTables.load(table, SystemTables.BUCKETS).newReadBuilder().readAll())
                        .allSatisfy(row -> assertThat(row.getInt(3)).as("sorted runs after a full compaction").isEqualTo(1));
            }
            assertThat(LifecycleTables.read(table, snapshots.latestSnapshotId().getAsLong())).isEqualTo(expected);
            assertThat(snapshots.snapshots().size()).isLessThanOrEqualTo(3);
            TableTestSupport.assertNoOrphanAndNoMissingFiles(table);
        } finally {
            threads.shutdownNow();
        }
    }

    /** One writer: its own partition and keys; returns the state of its keys after each of its commits. */
    private static List<Map<Key, String>> write(FileStoreTable table, int writer, int rounds) throws IOException {
        Random random = new Random(writer);
        Map<Key, String> model = new TreeMap<>();
        List<Map<Key, String>> history = new ArrayList<>();
        history.add(Map.of());
        TableCommit commit = table.newCommit("writer-" + writer);
        try (TableWrite write = table.newWrite(false)) {
            for (int round = 1; round <= rounds; round++) {
                LifecycleTables.writeRound(write, model, random, "p" + writer, writer * 1000L, 30, "w" + writer + "/" + round);
                commit.commit(round, write.prepareCommit(random.nextBoolean()));
                history.add(Map.copyOf(model));
            }
        }
        return history;
    }

    /** Reads the earliest and the latest snapshot by turns until the writers are done; returns how many reads met a missing file. */
    private static int read(FileStoreTable table, AtomicBoolean writersDone, List<Read> reads) throws IOException {
        SnapshotManager snapshots = table.snapshotManager();
        int missed = 0;
        boolean oldest = false;
        while (!writersDone.get()) {
            // The earliest snapshot is the next to expire: reading it races expiry most.
            oldest = !oldest;
            long id = (oldest ? snapshots.earliestSnapshotId() : snapshots.latestSnapshotId()).orElse(0);
            if (id == 0) {
                continue;
            }
            try {
                reads.add(new Read(id, LifecycleTables.read(table, id)));
            } catch (IOException e) {
                if (!isMissingFile(e)) {
                    throw e;
                }
                long doomedBelow = ExpiryMark.read(snapshots);
                assertThat(doomedBelow).as("snapshot %d met a missing file (%s) but was not doomed by expiry", id, e)
                        .isGreaterThan(id);
                missed++;
            }
        }
        return missed;
    }

    /** A dedicated compaction process; returns how many of its compactions were committed. */
    private static int compact(FileStoreTable table, AtomicBoolean writersDone) throws IOException {
        TableCompactor compactor = new TableCompactor(table, "compactor");
        int committed = 0;
        boolean last = false;
        while (!last) {
            last = writersDone.get();
            try {
                if (compactor.compact(new Random(committed).nextInt(3) == 0) > 0) {
                    committed++;
                }
            } catch (CommitConflictException e) {
                throw new AssertionError("a compactor beside write-only writers conflicted", e);
            }
        }
        return committed;
    }

    private static boolean isMissingFile(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof FileNotFoundException || t instanceof NoSuchFileException) {
                return true;
            }
        }
        return false;
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
}
