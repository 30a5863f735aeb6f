package io.tstore.flink;

import static io.tstore.flink.FlinkSqlTestSupport.loopback;
import static io.tstore.flink.FlinkSqlTestSupport.table;
import static io.tstore.flink.FlinkSqlTestSupport.tableRows;
import static io.tstore.flink.FlinkSqlTestSupport.withCatalog;
import static org.assertj.core.api.Assertions.assertThat;

import io.tstore.core.data.InternalRow;
import io.tstore.core.log.LogReader;
import io.tstore.core.log.LogRecord;
import io.tstore.core.log.LogStore;
import io.tstore.core.log.LogStores;
import io.tstore.core.snapshot.Snapshot;
import io.tstore.core.table.FileStoreTable;
import io.tstore.flink.FlinkStreamingSinkTest.FailingMap;
import io.tstore.log.kafka.EmbeddedKafka;
import io.tstore.lsm.RowKind;

import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.api.Schema;
import org.apache.flink.table.api.StatementSet;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.table.connector.ChangelogMode;
import org.apache.flink.types.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * The Flink sink with the log on, against a real in-process Kafka broker: through failures and restarts from
 * checkpoints, a {@code read_committed} consumer of the log sees every change exactly once, in order per key, and
 * the snapshots' log offsets are where the files end.
 */
class FlinkLogSinkTest {
    private static EmbeddedKafka kafka;

    @TempDir
    Path warehouse;

    @BeforeAll
    static void startKafka() throws IOException {
        kafka = new EmbeddedKafka(Files.createTempDirectory("flink-log-kafka"), true, Map.of()).start();
    }

    @AfterAll
    static void stopKafka() {
        if (kafka != null) {
            kafka.stop();
        }
    }

    private String logOptions(String consistency) {
        return "'log.system' = 'kafka', 'log.consistency' = '" + consistency + "', 'log.changelog-mode' = 'all', "
                + "'kafka.bootstrap.servers' = '" + kafka.bootstrapServers() + "'";
    }

    @Test
    @Timeout(value = 15, unit = TimeUnit.MINUTES)
    void exactlyOnceInTheLogAcrossFailures() throws Exception {
        int rows = 20_000;
        int keys = 500;
        long seed = System.nanoTime();
        FailingMap.arm(3);
        FailAfterCheckpoint.FAILURES_LEFT.set(2);
        Configuration conf = loopback();
        conf.addAll(Configuration.fromMap(Map.of(
                "parallelism.default", "2",
                "execution.checkpointing.interval", "150ms",
                "restart-strategy.type", "fixed-delay",
                "restart-strategy.fixed-delay.attempts", "50",
                "restart-strategy.fixed-delay.delay", "50ms")));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        StreamTableEnvironment tEnv = StreamTableEnvironment.create(env);
        withCatalog(tEnv, warehouse);
        tEnv.executeSql("CREATE TABLE appends (id BIGINT, k INT, round INT) WITH ('bucket' = '3', " + logOptions("transactional") + ")");
        tEnv.executeSql("CREATE TABLE upserts (k INT, id BIGINT, PRIMARY KEY (k) NOT ENFORCED) WITH ('bucket' = '3', "
                + logOptions("transactional") + ")");

        DataStream<Row> inserts = env.fromSequence(0, rows - 1).setParallelism(1)
                .map(new FailingMap(rows, keys, seed, false)).setParallelism(1)
                .returns(Types.ROW_NAMED(new String[] {"id", "k", "round"}, Types.LONG, Types.INT, Types.INT))
                .map(new FailAfterCheckpoint()).setParallelism(1)
                .returns(Types.ROW_NAMED(new String[] {"id", "k", "round"}, Types.LONG, Types.INT, Types.INT));
        DataStream<Row> changes = env.fromSequence(0, rows - 1).setParallelism(1)
                .map(new FailingMap(rows, keys, seed, true)).setParallelism(1)
                .returns(Types.ROW_NAMED(new String[] {"k", "id"}, Types.INT, Types.LONG));
        tEnv.createTemporaryView("inserts", inserts);
        tEnv.createTemporaryView("changes", tEnv.fromChangelogStream(changes,
                Schema.newBuilder().column("k", "INT NOT NULL").column("id", "BIGINT").primaryKey("k").build(),
                ChangelogMode.upsert()));
        StatementSet statements = tEnv.createStatementSet();
        statements.addInsertSql("INSERT INTO appends SELECT id, k, round FROM inserts");
        statements.addInsertSql("INSERT INTO upserts SELECT k, id FROM changes");
        statements.execute().await();
        assertThat(FailingMap.FAILURES_LEFT.get()).as("failures injected (seed %d)", seed).isZero();
        assertThat(FailAfterCheckpoint.FAILURES_LEFT.get()).as("failures injected after checkpoints").isZero();

        // The append table's log: every id exactly once.
        FileStoreTable appends = table(warehouse, "default", "appends");
        List<LogRecord> appendLog = readCommitted(appends, Map.of());
        List<Long> ids = appendLog.stream().map(r -> r.row().getLong(0)).sorted().toList();
        List<Long> expectedIds = new ArrayList<>();
        for (long id = 0; id < rows; id++) {
            expectedIds.add(id);
        }
        assertThat(ids).as("ids in the log of appends (seed %d)", seed).containsExactlyElementsOf(expectedIds);
        assertThat(appendLog).allMatch(r -> r.row().getRowKind() == RowKind.INSERT);

        // The primary-key table's log: the changelog the sink took (the input's upserts, and its deletes of keys
        // that exist: Flink's normalisation of an upsert source drops the others), every change once and, per key,
        // in the order of the input.
        TreeMap<Integer, Long> model = new TreeMap<>();
        Map<Integer, List<String>> expectedChanges = new TreeMap<>();
        for (long id = 0; id < rows; id++) {
            Row change = FailingMap.change(id, keys, seed);
            int k = (Integer) change.getField(0);
            if (change.getKind() == org.apache.flink.types.RowKind.DELETE) {
                if (model.remove(k) != null) {
                    expectedChanges.computeIfAbsent(k, key -> new ArrayList<>()).add("-D");
                }
            } else {
                model.put(k, id);
                expectedChanges.computeIfAbsent(k, key -> new ArrayList<>()).add("+U " + id);
            }
        }
        FileStoreTable upserts = table(warehouse, "default", "upserts");
        Map<Integer, List<String>> logged = new TreeMap<>();
        for (LogRecord record : readCommitted(upserts, Map.of())) { // in log order per bucket; a key stays in its bucket
            InternalRow row = record.row();
            String change = switch (row.getRowKind()) {
                case INSERT, UPDATE_AFTER -> "+U " + row.getLong(1);
                case DELETE -> "-D";
                case UPDATE_BEFORE -> "-U";
            };
            logged.computeIfAbsent(row.getInt(0), key -> new ArrayList<>()).add(change);
        }
        assertThat(logged).as("the changes of each key in the log of upserts (seed %d)", seed).isEqualTo(expectedChanges);
        List<String> expectedRows = new ArrayList<>();
        model.forEach((k, id) -> expectedRows.add(String.format("+I(k=%d, id=%d)", k, id)));
        assertThat(tableRows(warehouse, "default", "upserts")).containsExactlyInAnyOrderElementsOf(expectedRows);

        // The snapshots' log offsets are where their files end: nothing in the log after the last snapshot's, and
        // the log up to an earlier snapshot's offsets holds exactly the ids that snapshot's files hold.
        for (FileStoreTable table : List.of(appends, upserts)) {
            Snapshot latest = table.snapshotManager().latestSnapshot();
            assertThat(latest.logOffsets()).as("offsets of %s", table.name()).isNotEmpty();
            assertThat(readCommitted(table, latest.logOffsets())).as("log records after the last snapshot of %s", table.name()).isEmpty();
        }
        // $snapshots shows them
        List<String> shown = FlinkSqlTestSupport.rows(FlinkSqlTestSupport.batch(warehouse),
                "SELECT log_offsets FROM `appends$snapshots` ORDER BY snapshot_id DESC LIMIT 1");
        assertThat(shown).containsExactly("+I[" + new TreeMap<>(appends.snapshotManager().latestSnapshot().logOffsets()) + "]");
        for (Snapshot snapshot : appends.snapshotManager().snapshots()) {
            Map<Integer, Long> offsets = snapshot.logOffsets() == null ? Map.of() : snapshot.logOffsets();
            List<Long> logBefore = appendLog.stream().filter(r -> r.offset() < offsets.getOrDefault(r.bucket(), 0L))
                    .map(r -> r.row().getLong(0)).sorted().toList();
            List<Long> files = new ArrayList<>();
            for (InternalRow row : appends.copy(Map.of("scan.snapshot-id", Long.toString(snapshot.id()))).newReadBuilder().readAll()) {
                files.add(row.getLong(0));
            }
            assertThat(logBefore).as("the log before the offsets of snapshot %d (seed %d)", snapshot.id(), seed)
                    .containsExactlyElementsOf(files.stream().sorted().toList());
        }
    }

    /**
     * Fails at the first row after a checkpoint completes, a given number of times across restarts: a failure while
     * the writers may or may not have been told yet that the checkpoint is complete, so that the job restored from
     * it finds its log transactions prepared and still open, or committed.
     */
    static final class FailAfterCheckpoint extends org.apache.flink.api.common.functions.RichMapFunction<Row, Row>
            implements org.apache.flink.api.common.state.CheckpointListener {
        static final java.util.concurrent.atomic.AtomicInteger FAILURES_LEFT = new java.util.concurrent.atomic.AtomicInteger();
        private transient volatile long completed;

        @Override
        public void notifyCheckpointComplete(long checkpointId) {
            completed = checkpointId;
        }

        @Override
        public Row map(Row row) throws InterruptedException {
            if (completed > 0 && FAILURES_LEFT.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                throw new IllegalStateException("Injected failure after checkpoint " + completed);
            }
            completed = 0;
            if (FAILURES_LEFT.get() > 0) {
                // Until its failures are injected the job must outlive a few checkpoints, however busy the
                // machine; sleeping between records leaves barriers free to pass.
                Thread.sleep(1);
            }
            return row;
        }
    }

    /** Reads the table's log from these offsets (from the start where none) to its end, read_committed. */
    private static List<LogRecord> readCommitted(FileStoreTable table, Map<Integer, Long> from) throws IOException {
        try (LogStore log = LogStores.of(table).orElseThrow()) {
            Map<Integer, Long> end = log.latestOffsets();
            List<LogRecord> records = new ArrayList<>();
            try (LogReader reader = log.newReader(from)) {
                long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                while (!reached(reader.position(), end)) {
                    assertThat(System.nanoTime()).as("reading the log of %s to %s", table.name(), end).isLessThan(deadline);
                    records.addAll(reader.poll(Duration.ofMillis(200)));
                }
            }
            return records;
        }
    }

    private static boolean reached(Map<Integer, Long> position, Map<Integer, Long> end) {
        for (Map.Entry<Integer, Long> entry : end.entrySet()) {
            if (position.getOrDefault(entry.getKey(), 0L) < entry.getValue()) {
                return false;
            }
        }
        return true;
    }
}
