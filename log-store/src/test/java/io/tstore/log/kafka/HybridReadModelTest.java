package io.tstore.log.kafka;

import io.tstore.core.catalog.FileSystemCatalog;
import io.tstore.core.table.Identifier;
import io.tstore.core.commit.CommitMessage;
import io.tstore.core.data.BinaryString;
import io.tstore.core.data.GenericRow;
import io.tstore.core.data.InternalRow;
import io.tstore.core.connector.HybridReader;
import io.tstore.core.log.LogStore;
import io.tstore.core.log.LogStores;
import io.tstore.core.log.LogWriter;
import io.tstore.core.schema.Schema;
import io.tstore.core.snapshot.Snapshot;
import io.tstore.core.table.FileStoreTable;
import io.tstore.core.table.TableCommit;
import io.tstore.core.table.TableTestSupport;
import io.tstore.core.table.TableWrite;
import io.tstore.core.types.DataTypes;
import io.tstore.lsm.RowKind;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hybrid read (a snapshot's files, then the log from the snapshot's offsets) against an in-memory model of a
 * random workload: upserts (+I, or -U and +U), deletes, aborted commits, writer restarts, across table partitions
 * sharing the topic's partitions. From every snapshot, the files must hold exactly the model's state at that
 * commit, and the log exactly the changes of the later commits, each once and in order per key, also when the
 * reader restarts from its position at random points. A start from a timestamp reads exactly the changes after
 * it; a start the log no longer holds (records deleted as retention would), or records deleted under a reader,
 * fall back to the latest snapshot.
 */
class HybridReadModelTest extends KafkaTestBase {
    private static final String[] PARTITIONS = {"eu", "us"};

    @TempDir
    java.nio.file.Path warehouse;

    /** One change to one key; values are unique, so a sequence of changes identifies every record. */
    record Change(RowKind kind, String value) {}

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2})
    void hybridReadsHaveNoGapAndNoDuplicate(long seed) throws Exception {
        Random random = new Random(seed);
        FileSystemCatalog catalog = FileSystemCatalog.create(warehouse.toString(), Map.of());
        catalog.createDatabase("db", true);
        Identifier id = Identifier.of("db", "model_" + seed);
        catalog.createTable(id, Schema.newBuilder()
                .column("p", DataTypes.STRING())
                .column("k", DataTypes.INT())
                .column("v", DataTypes.STRING())
                .primaryKey("p", "k")
                .partitionKeys("p")
                .option("bucket", "3")
                .option("log.system", "kafka")
                .option("log.changelog-mode", "all")
                .option("kafka.bootstrap.servers", kafka.bootstrapServers())
                .build(), false);
        FileStoreTable table = catalog.getTable(id);

        Map<String, String> model = new TreeMap<>();
        // Per commit identifier: the state after it, its changes per key, and a time before its first record.
        Map<Long, Map<String, String>> stateAfter = new HashMap<>();
        Map<Long, Map<String, List<Change>>> changesOf = new HashMap<>();
        Map<Long, Long> timeBefore = new HashMap<>();
        stateAfter.put(0L, Map.of());
        String user = "writer-" + seed;
        long identifier = 0;
        int aborted = 0;
        try (LogStore log = LogStores.of(table).orElseThrow()) {
            TableWrite write = table.newWrite(false);
            LogWriter logWriter = log.newWriter(user, bucket -> true);
            TableCommit commit = table.newCommit(user);
            for (int round = 0; round < 24; round++) {
                Thread.sleep(2);
                long before = System.currentTimeMillis();
                Thread.sleep(2);
                Map<String, String> next = new TreeMap<>(model);
                Map<String, List<Change>> changes = new HashMap<>();
                int ops = 1 + random.nextInt(30);
                for (int op = 0; op < ops; op++) {
                    String p = PARTITIONS[random.nextInt(PARTITIONS.length)];
                    int k = random.nextInt(20);
                    String key = p + "/" + k;
                    String old = next.get(key);
                    String value = "r" + round + "-" + op;
                    List<GenericRow> rows = new ArrayList<>();
                    if (old != null && random.nextInt(10) < 3) {
                        rows.add(row(RowKind.DELETE, p, k, old));
                        next.remove(key);
                    } else if (old != null) {
                        rows.add(row(RowKind.UPDATE_BEFORE, p, k, old));
                        rows.add(row(RowKind.UPDATE_AFTER, p, k, value));
                        next.put(key, value);
                    } else {
                        rows.add(row(RowKind.INSERT, p, k, value));
                        next.put(key, value);
                    }
                    for (GenericRow row : rows) {
                        write.write(row);
                        logWriter.write(row);
                        changes.computeIfAbsent(key, x -> new ArrayList<>()).add(new Change(row.getRowKind(), row.getString(2).toString()));
                    }
                }
                List<CommitMessage> messages = write.prepareCommit(random.nextBoolean());
                Map<Integer, Long> offsets = logWriter.prepareCommit();
                if (random.nextInt(8) == 0) {
                    // A failed commit: the log transaction is aborted, the files are deleted, the writer restarts.
                    logWriter.abort();
                    commit.abort(messages);
                    write.close();
                    write = table.newWrite(false);
                    aborted++;
                    continue;
                }
                identifier++;
                logWriter.commit();
                commit.commit(identifier, messages, offsets);
                model = next;
                stateAfter.put(identifier, Map.copyOf(model));
                changesOf.put(identifier, changes);
                timeBefore.put(identifier, before);
                if (random.nextInt(5) == 0) {
                    // A restarted writer takes over the transactional ids of its predecessor.
                    logWriter.close();
                    logWriter = log.newWriter(user, bucket -> true);
                }
            }
            write.close();
            logWriter.close();
            assertThat(aborted).as("the workload aborts some commits").isPositive();

            // From every snapshot: its files, then exactly the changes of the later commits.
            for (Snapshot snapshot : table.snapshotManager().snapshots()) {
                long c = snapshot.commitIdentifier();
                Read read = read(table, log, random, () -> HybridReader.fromSnapshot(table, log, snapshot.id()));
                assertThat(read.files).as("files of snapshot %d", snapshot.id()).isEqualTo(stateAfter.get(c));
                assertThat(read.log).as("log after snapshot %d", snapshot.id()).isEqualTo(changesAfter(changesOf, c, identifier));
            }
            // From a time: exactly the changes of the commits after it, and no files.
            for (long c = 1; c <= identifier; c += 1 + random.nextInt(4)) {
                long time = timeBefore.get(c);
                Read read = read(table, log, random, () -> HybridReader.fromTimestamp(table, log, time));
                assertThat(read.files).isEmpty();
                assertThat(read.log).as("log from the time before commit %d", c).isEqualTo(changesAfter(changesOf, c - 1, identifier));
            }

            // Retention: delete the records before the offsets of a middle snapshot, as retention would.
            List<Snapshot> snapshots = table.snapshotManager().snapshots();
            Snapshot middle = snapshots.get(snapshots.size() / 2);
            Map<TopicPartition, RecordsToDelete> deletions = new HashMap<>();
            middle.logOffsets().forEach((bucket, offset) ->
                    deletions.put(new TopicPartition(((KafkaLogStore) log).topic(), bucket), RecordsToDelete.beforeOffset(offset)));
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
                admin.deleteRecords(deletions).all().get();
            }
            Snapshot first = snapshots.get(0);
            Snapshot latest = snapshots.get(snapshots.size() - 1);
            Read fallBack = read(table, log, random, () -> HybridReader.fromSnapshot(table, log, first.id()));
            assertThat(fallBack.files).as("falls back to the latest snapshot's files").isEqualTo(stateAfter.get(latest.commitIdentifier()));
            assertThat(fallBack.log).isEmpty();
            Read fromLostPosition = read(table, log, random, () -> HybridReader.fromPosition(table, log, Map.of()));
            assertThat(fromLostPosition.files).isEqualTo(model);
            assertThat(fromLostPosition.log).isEmpty();
            // A snapshot whose offsets the log still holds reads as before.
            Read fromMiddle = read(table, log, random, () -> HybridReader.fromSnapshot(table, log, middle.id()));
            assertThat(fromMiddle.files).isEqualTo(stateAfter.get(middle.commitIdentifier()));
            assertThat(fromMiddle.log).isEqualTo(changesAfter(changesOf, middle.commitIdentifier(), identifier));

            // Retention while reading: a reader starts where the log still holds its records, which are deleted
            // before it reads them; it falls back to the latest snapshot's files.
            HybridReader lagging = HybridReader.fromPosition(table, log, middle.logOffsets());
            Map<TopicPartition, RecordsToDelete> all = new HashMap<>();
            latest.logOffsets().forEach((bucket, offset) ->
                    all.put(new TopicPartition(((KafkaLogStore) log).topic(), bucket), RecordsToDelete.beforeOffset(offset)));
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
                admin.deleteRecords(all).all().get();
            }
            Read lostWhileReading = read(table, log, new Random(seed), () -> lagging);
            assertThat(lostWhileReading.files).as("falls back to the latest snapshot's files").isEqualTo(model);
            assertThat(lostWhileReading.log).isEmpty();
        }
        TableTestSupport.assertNoOrphanAndNoMissingFiles(table);
    }

    private static GenericRow row(RowKind kind, String p, int k, String v) {
        GenericRow row = GenericRow.of(BinaryString.fromString(p), k, BinaryString.fromString(v));
        row.setRowKind(kind);
        return row;
    }

    private static Map<String, List<Change>> changesAfter(Map<Long, Map<String, List<Change>>> changesOf, long after, long last) {
        Map<String, List<Change>> expected = new HashMap<>();
        for (long c = after + 1; c <= last; c++) {
            changesOf.get(c).forEach((key, changes) -> expected.computeIfAbsent(key, x -> new ArrayList<>()).addAll(changes));
        }
        return expected;
    }

    /** What a hybrid read returned: the files' rows by key, and the log's changes per key in order. */
    record Read(Map<String, String> files, Map<String, List<Change>> log) {}

    interface Opener {
        HybridReader open() throws IOException;
    }

    /** Reads to the log's end, restarting the reader from its position at random points of the log phase. */
    private static Read read(FileStoreTable table, LogStore log, Random random, Opener opener) throws IOException {
        Map<Integer, Long> end = log.latestOffsets();
        Map<String, String> files = new TreeMap<>();
        Map<String, List<Change>> changes = new HashMap<>();
        HybridReader reader = opener.open();
        try {
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (reader.readingSnapshot() != null || !reached(reader.position(), end)) {
                assertThat(System.nanoTime()).as("reading to offsets %s", end).isLessThan(deadline);
                boolean fromFiles = reader.readingSnapshot() != null;
                for (InternalRow row : reader.poll(Duration.ofMillis(100))) {
                    String key = row.getString(0) + "/" + row.getInt(1);
                    String value = row.getString(2).toString();
                    if (fromFiles) {
                        assertThat(row.getRowKind()).isEqualTo(RowKind.INSERT);
                        assertThat(files.put(key, value)).as("key %s twice in the files", key).isNull();
                    } else {
                        changes.computeIfAbsent(key, x -> new ArrayList<>()).add(new Change(row.getRowKind(), value));
                    }
                }
                if (!fromFiles && reader.position() != null && random.nextInt(4) == 0) {
                    Map<Integer, Long> position = reader.position();
                    reader.close();
                    reader = HybridReader.fromPosition(table, log, position);
                }
            }
        } finally {
            reader.close();
        }
        return new Read(files, changes);
    }
}
