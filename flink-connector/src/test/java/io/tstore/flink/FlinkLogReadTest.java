package io.tstore.flink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.tstore.core.commit.CommitMessage;
import io.tstore.core.data.BinaryString;
import io.tstore.core.data.GenericRow;
import io.tstore.core.log.LogStore;
import io.tstore.core.log.LogStores;
import io.tstore.core.log.LogWriter;
import io.tstore.core.table.FileStoreTable;
import io.tstore.core.table.TableCommit;
import io.tstore.core.table.TableTestSupport;
import io.tstore.core.table.TableWrite;
import io.tstore.log.kafka.EmbeddedKafka;
import io.tstore.log.kafka.KafkaLogStore;
import io.tstore.lsm.RowKind;

import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.types.Row;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Streaming SELECTs of tables with a Kafka log store (an in-process broker), written with the Java API in the
 * documented order (the table's files and the log, the log's commit, then the table's commit with the offsets).
 * The invariants: from the start snapshot's files on, every change arrives exactly once and in order per key,
 * compared with an in-memory model of the changelog; changes are seen once the log has them, before the table
 * commit; a job stopped with a savepoint continues exactly there; a read whose offsets retention deleted falls back
 * to the latest snapshot and converges to the table.
 */
@Timeout(600)
class FlinkLogReadTest {
    private static final String[] PARTITIONS = {"eu", "us"};
    private static final Map<String, BlockingQueue<Row>> RESULTS = new ConcurrentHashMap<>();

    static EmbeddedKafka kafka;

    @TempDir
    Path warehouse;

    final Random random = new Random(23);
    final String user = "writer-" + UUID.randomUUID();
    final String results = UUID.randomUUID().toString();
    final List<JobClient> jobs = new ArrayList<>();
    FileStoreTable table;
    LogStore log;
    TableWrite write;
    LogWriter logWriter;
    TableCommit commit;
    long identifier;

    /** The model: each key ("p/k") and its value now. */
    final Map<String, String> state = new TreeMap<>();
    /** The keys the query reads. */
    java.util.function.Predicate<String> keyFilter = key -> true;

    @BeforeAll
    static void startKafka() throws IOException {
        kafka = new EmbeddedKafka(Path.of("target", "tmp", "kafka-" + UUID.randomUUID()), true, Map.of()).start();
    }

    @AfterAll
    static void stopKafka() {
        if (kafka != null) {
            kafka.stop();
        }
    }

    @AfterEach
    void tearDown() throws Exception {
        for (JobClient job : jobs) {
            try {
                job.cancel().get(60, TimeUnit.SECONDS);
            } catch (Exception e) {
                // finished already (stopped with a savepoint)
            }
        }
        if (write != null) {
            write.close();
        }
        if (logWriter != null) {
            logWriter.close();
        }
        if (log != null) {
            log.close();
        }
        RESULTS.remove(results);
        if (table != null) {
            TableTestSupport.assertNoOrphanAndNoMissingFiles(table);
        }
    }

    @Test
    void everyChangeExactlyOnceInOrderPerKeyFromTheFilesOnThroughTheLog() throws Exception {
        createTable("'log.changelog-mode' = 'all'");
        for (int i = 0; i < 3; i++) {
            commitRound(25);
        }
        Map<String, List<String>> expected = fullRead(state);
        // The start: the latest snapshot's files (planned before the first row arrives), then the log.
        startQuery("SELECT * FROM t", null);
        Map<String, List<String>> received = new TreeMap<>();
        readUntil(received, count(expected.values()));
        for (int round = 0; round < 6; round++) {
            append(expected, commitRound(25));
            readUntil(received, count(expected.values()));
            assertThat(received).as("round %d", round).isEqualTo(expected);
        }
        // Nothing more arrives before the changes of a last commit.
        append(expected, commitRound(25));
        readUntil(received, count(expected.values()));
        assertThat(received).isEqualTo(expected);
        // The log carries a complete changelog: no normalisation.
        assertThat(explain("SELECT * FROM t")).doesNotContain("ChangelogNormalize");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"eventual", "transactional"})
    void changesAreSeenOnceTheLogHasThemBeforeTheTableCommit(String consistency) throws Exception {
        createTable("'log.consistency' = '" + consistency + "'");
        commitRound(20);
        startQuery("SELECT * FROM t", null);
        Map<String, String> seen = new TreeMap<>();
        applyUntil(seen, state);

        // Written to the log only: flushed (eventual) or with the log transaction committed (transactional), and
        // no table commit yet. The query sees them through the log.
        Map<String, String> next = new TreeMap<>(state);
        writeChanges(20, next, new HashMap<>());
        List<CommitMessage> messages = write.prepareCommit(false);
        Map<Integer, Long> offsets = logWriter.prepareCommit();
        logWriter.commit();
        long snapshotsBefore = table.snapshotManager().latestSnapshotId().getAsLong();
        applyUntil(seen, next);
        assertThat(table.snapshotManager().latestSnapshotId().getAsLong()).isEqualTo(snapshotsBefore);
        commit.commit(++identifier, messages, offsets);
        state.clear();
        state.putAll(next);
        if (consistency.equals("eventual")) {
            assertThat(explain("SELECT * FROM t")).contains("ChangelogNormalize");
        }
    }

    @Test
    void stopWithSavepointAndRestoreContinuesWithNoGapAndNoDuplicate() throws Exception {
        createTable("'log.changelog-mode' = 'all'");
        commitRound(25);
        long start = table.snapshotManager().latestSnapshotId().getAsLong();
        commitRound(25);
        Map<String, List<String>> expected = fullRead(stateAt(start));
        append(expected, changesAfter(start));
        // A projection (columns reordered) and a filter on the key, applied to the files and to the log alike.
        String sql = "SELECT v, k, p FROM t /*+ OPTIONS('scan.mode' = 'from-snapshot-full', 'scan.snapshot-id' = '"
                + start + "') */ WHERE k < 20";
        keyFilter = key -> Integer.parseInt(key.substring(3)) < 20;
        expected.keySet().removeIf(key -> !keyFilter.test(key));
        JobClient first = startQuery(sql, null);
        Map<String, List<String>> received = new TreeMap<>();
        readUntil(received, count(expected.values()));
        append(expected, commitRound(25));
        // Stop somewhere in the middle of what the query has to read.
        String savepoint = first.stopWithSavepoint(false, warehouse.resolve("savepoints").toUri().toString(),
                SavepointFormatType.CANONICAL).get(120, TimeUnit.SECONDS);
        drainInto(received);
        for (int i = 0; i < 2; i++) {
            append(expected, commitRound(25));
        }
        startQuery(sql, savepoint);
        readUntil(received, count(expected.values()));
        append(expected, commitRound(25));
        readUntil(received, count(expected.values()));
        assertThat(received).isEqualTo(expected);
    }

    @Test
    void aStartWhoseOffsetsRetentionDeletedFallsBackToTheLatestSnapshot() throws Exception {
        createTable("'log.changelog-mode' = 'all'");
        commitRound(25);
        commitRound(25);
        deleteLogBefore(table.snapshotManager().latestSnapshot().logOffsets());
        commitRound(25);
        // Snapshot 1's offsets are gone: the read falls back to the latest snapshot and its offsets.
        Map<String, List<String>> expected = fullRead(state);
        startQuery("SELECT * FROM t /*+ OPTIONS('scan.mode' = 'from-snapshot-full', 'scan.snapshot-id' = '1') */", null);
        Map<String, List<String>> received = new TreeMap<>();
        readUntil(received, count(expected.values()));
        append(expected, commitRound(25));
        readUntil(received, count(expected.values()));
        assertThat(received).isEqualTo(expected);
    }

    @Test
    void aRestoreWhoseOffsetsRetentionDeletedFallsBackAndConverges() throws Exception {
        createTable("'log.changelog-mode' = 'all'");
        commitRound(25);
        JobClient first = startQuery("SELECT * FROM t", null);
        Map<String, String> seen = new TreeMap<>();
        applyUntil(seen, state);
        commitRound(25);
        applyUntil(seen, state);
        String savepoint = first.stopWithSavepoint(false, warehouse.resolve("savepoints").toUri().toString(),
                SavepointFormatType.CANONICAL).get(120, TimeUnit.SECONDS);
        applyAll(seen);
        commitRound(25);
        commitRound(25);
        deleteLogBefore(table.snapshotManager().latestSnapshot().logOffsets());
        // The restored readers' offsets are gone: they read the latest snapshot's files as +I rows (which replace
        // what the consumer has) and continue from its offsets. Deletes in the lost records are lost with them: a
        // key deleted there stays with the consumer, and every row of the table has its latest value.
        startQuery("SELECT * FROM t", savepoint);
        applyUntilItHolds(seen, state);
        commitRound(25);
        applyUntilItHolds(seen, state);
        Map<String, String> stale = new TreeMap<>(seen);
        stale.keySet().removeAll(state.keySet());
        assertThat(stale.size()).as("keys deleted in the lost records").isLessThan(seen.size());
    }

    /** Applies rows of the query until the state holds every row of the expected state (and possibly more). */
    private void applyUntilItHolds(Map<String, String> seen, Map<String, String> expected) throws InterruptedException {
        BlockingQueue<Row> rows = RESULTS.computeIfAbsent(results, x -> new LinkedBlockingQueue<>());
        while (!seen.entrySet().containsAll(expected.entrySet())) {
            Row row = rows.poll(120, TimeUnit.SECONDS);
            if (row == null) {
                fail("no row within 120 s; state %s, expected at least %s", seen, expected);
            }
            apply(seen, row);
        }
    }

    @Test
    void logScanDisabledFollowsSnapshotsAndBatchReadsAreUnchanged() throws Exception {
        createTable("'log.changelog-mode' = 'all'");
        commitRound(25);
        startQuery("SELECT * FROM t /*+ OPTIONS('log.scan.enabled' = 'false', 'continuous.discovery-interval' = '100 ms') */", null);
        Map<String, String> seen = new TreeMap<>();
        applyUntil(seen, state);
        // Written to the log and committed there, but not to the table: a reader of snapshots does not see it
        // until the table commit.
        Map<String, String> next = new TreeMap<>(state);
        writeChanges(20, next, new HashMap<>());
        List<CommitMessage> messages = write.prepareCommit(false);
        Map<Integer, Long> offsets = logWriter.prepareCommit();
        logWriter.commit();
        commit.commit(++identifier, messages, offsets);
        state.clear();
        state.putAll(next);
        applyUntil(seen, state);
        assertThat(explain("SELECT * FROM t /*+ OPTIONS('log.scan.enabled' = 'false') */")).contains("ChangelogNormalize");

        Map<String, String> batch = new TreeMap<>();
        for (String row : FlinkSqlTestSupport.rows(FlinkSqlTestSupport.batch(warehouse), "SELECT p, k, v FROM t")) {
            String[] fields = row.substring(3, row.length() - 1).split(", ");
            batch.put(fields[0] + "/" + fields[1], fields[2]);
        }
        assertThat(batch).isEqualTo(state);
    }

    // ---------------------------------------------------------------- the table, its writer and the model

    private void createTable(String options) throws Exception {
        String name = "t";
        var tEnv = FlinkSqlTestSupport.batch(warehouse);
        tEnv.executeSql("CREATE TABLE " + name + " (p STRING, k INT, v STRING, PRIMARY KEY (p, k) NOT ENFORCED)"
                + " PARTITIONED BY (p) WITH ('bucket' = '3', 'log.system' = 'kafka', 'kafka.bootstrap.servers' = '"
                + kafka.bootstrapServers() + "', 'kafka.topic' = 'log-read-" + results + "', " + options + ")").await();
        table = FlinkSqlTestSupport.table(warehouse, "default", name);
        log = LogStores.of(table).orElseThrow();
        write = table.newWrite(false);
        logWriter = log.newWriter(user, bucket -> true);
        commit = table.newCommit(user);
    }

    private final Map<Long, Map<String, String>> stateAfter = new HashMap<>();
    private final Map<Long, Map<String, List<String>>> changesOf = new HashMap<>();

    /** One commit of random inserts, updates (-U, +U) and deletes: files, log, log commit, table commit. */
    private Map<String, List<String>> commitRound(int ops) throws Exception {
        Map<String, List<String>> changes = new TreeMap<>();
        writeChanges(ops, state, changes);
        List<CommitMessage> messages = write.prepareCommit(false);
        Map<Integer, Long> offsets = logWriter.prepareCommit();
        logWriter.commit();
        commit.commit(++identifier, messages, offsets);
        long snapshot = table.snapshotManager().latestSnapshotId().getAsLong();
        stateAfter.put(snapshot, Map.copyOf(state));
        changesOf.put(snapshot, changes);
        return changes;
    }

    private void writeChanges(int ops, Map<String, String> model, Map<String, List<String>> changes) throws IOException {
        for (int op = 0; op < ops; op++) {
            String p = PARTITIONS[random.nextInt(PARTITIONS.length)];
            int k = random.nextInt(30);
            String key = p + "/" + k;
            String old = model.get(key);
            String value = "v" + identifier + "-" + op;
            List<GenericRow> rows = new ArrayList<>();
            if (old != null && random.nextInt(4) == 0) {
                rows.add(row(RowKind.DELETE, p, k, old));
                model.remove(key);
            } else if (old != null) {
                rows.add(row(RowKind.UPDATE_BEFORE, p, k, old));
                rows.add(row(RowKind.UPDATE_AFTER, p, k, value));
                model.put(key, value);
            } else {
                rows.add(row(RowKind.INSERT, p, k, value));
                model.put(key, value);
            }
            for (GenericRow row : rows) {
                write.write(row);
                logWriter.write(row);
                changes.computeIfAbsent(key, x -> new ArrayList<>()).add(row.getRowKind().shortString() + " " + row.getString(2));
            }
        }
    }

    private static GenericRow row(RowKind kind, String p, int k, String v) {
        GenericRow row = GenericRow.of(BinaryString.fromString(p), k, BinaryString.fromString(v));
        row.setRowKind(kind);
        return row;
    }

    private Map<String, String> stateAt(long snapshot) {
        return stateAfter.get(snapshot);
    }

    private Map<String, List<String>> changesAfter(long snapshot) {
        Map<String, List<String>> changes = new TreeMap<>();
        for (long id = snapshot + 1; changesOf.containsKey(id); id++) {
            append(changes, changesOf.get(id));
        }
        return changes;
    }

    /** What a full read of a state gives: +I of each row. */
    private Map<String, List<String>> fullRead(Map<String, String> state) {
        Map<String, List<String>> rows = new TreeMap<>();
        state.forEach((key, value) -> rows.computeIfAbsent(key, x -> new ArrayList<>()).add("+I " + value));
        return rows;
    }

    private void append(Map<String, List<String>> to, Map<String, List<String>> changes) {
        changes.forEach((key, list) -> {
            if (keyFilter.test(key)) {
                to.computeIfAbsent(key, x -> new ArrayList<>()).addAll(list);
            }
        });
    }

    private static int count(Iterable<List<String>> lists) {
        int count = 0;
        for (List<String> list : lists) {
            count += list.size();
        }
        return count;
    }

    private void deleteLogBefore(Map<Integer, Long> offsets) throws Exception {
        Map<TopicPartition, RecordsToDelete> deletions = new HashMap<>();
        offsets.forEach((bucket, offset) ->
                deletions.put(new TopicPartition(((KafkaLogStore) log).topic(), bucket), RecordsToDelete.beforeOffset(offset)));
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
            admin.deleteRecords(deletions).all().get();
        }
        assertThat(log.earliestOffsets()).isEqualTo(new TreeMap<>(offsets));
    }

    // ---------------------------------------------------------------- the query and its results

    /** Runs a streaming query into {@link #RESULTS}, from a savepoint when given. */
    private JobClient startQuery(String sql, String savepoint) throws Exception {
        Configuration conf = FlinkSqlTestSupport.loopback();
        conf.setString("parallelism.default", "2");
        conf.setString("execution.checkpointing.interval", "300 ms");
        if (savepoint != null) {
            conf.set(StateRecoveryOptions.SAVEPOINT_PATH, savepoint);
        }
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        StreamTableEnvironment tEnv = StreamTableEnvironment.create(env);
        FlinkSqlTestSupport.withCatalog(tEnv, warehouse);
        tEnv.toChangelogStream(tEnv.sqlQuery(sql)).sinkTo(new QueueSink(results));
        JobClient job = env.executeAsync("log read");
        jobs.add(job);
        return job;
    }

    private String explain(String sql) {
        return FlinkSqlTestSupport.streaming(warehouse, new Configuration()).explainSql(sql);
    }

    /** Takes rows of the query, as "key" to "kind value", until {@code total} arrived in all. */
    private void readUntil(Map<String, List<String>> received, int total) throws InterruptedException {
        BlockingQueue<Row> rows = RESULTS.computeIfAbsent(results, x -> new LinkedBlockingQueue<>());
        while (count(received.values()) < total) {
            Row row = rows.poll(120, TimeUnit.SECONDS);
            if (row == null) {
                fail("no row within 120 s; received %d of %d: %s", count(received.values()), total, received);
            }
            add(received, row);
        }
    }

    private void drainInto(Map<String, List<String>> received) {
        List<Row> rest = new ArrayList<>();
        RESULTS.computeIfAbsent(results, x -> new LinkedBlockingQueue<>()).drainTo(rest);
        rest.forEach(row -> add(received, row));
    }

    private static void add(Map<String, List<String>> received, Row row) {
        String key = row.getField("p") + "/" + row.getField("k");
        received.computeIfAbsent(key, x -> new ArrayList<>()).add(row.getKind().shortString() + " " + row.getField("v"));
    }

    /** Applies rows of the query to a state (+I/+U put, -U/-D remove) until it equals the expected state. */
    private void applyUntil(Map<String, String> seen, Map<String, String> expected) throws InterruptedException {
        BlockingQueue<Row> rows = RESULTS.computeIfAbsent(results, x -> new LinkedBlockingQueue<>());
        while (!seen.equals(expected)) {
            Row row = rows.poll(120, TimeUnit.SECONDS);
            if (row == null) {
                fail("no row within 120 s; state %s, expected %s", seen, expected);
            }
            apply(seen, row);
        }
    }

    private void applyAll(Map<String, String> seen) {
        List<Row> rest = new ArrayList<>();
        RESULTS.computeIfAbsent(results, x -> new LinkedBlockingQueue<>()).drainTo(rest);
        rest.forEach(row -> apply(seen, row));
    }

    private static void apply(Map<String, String> seen, Row row) {
        String key = row.getField("p") + "/" + row.getField("k");
        switch (row.getKind()) {
            case INSERT, UPDATE_AFTER -> seen.put(key, (String) row.getField("v"));
            case UPDATE_BEFORE, DELETE -> seen.remove(key);
        }
    }

    /** Puts every row it gets into the queue of {@link #RESULTS} under its name (one JVM: the MiniCluster's). */
    private record QueueSink(String name) implements Sink<Row> {
        @Override
        public SinkWriter<Row> createWriter(WriterInitContext context) {
            BlockingQueue<Row> queue = RESULTS.computeIfAbsent(name, x -> new LinkedBlockingQueue<>());
            return new SinkWriter<>() {
                @Override
                public void write(Row row, Context context) {
                    queue.add(row);
                }

                @Override
                public void flush(boolean endOfInput) {}

                @Override
                public void close() {}
            };
        }
    }
}
