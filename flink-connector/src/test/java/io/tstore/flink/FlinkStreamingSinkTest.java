package io.tstore.flink;

import static io.tstore.flink.FlinkSqlTestSupport.loopback;
import static io.tstore.flink.FlinkSqlTestSupport.table;
import static io.tstore.flink.FlinkSqlTestSupport.tableRows;
import static io.tstore.flink.FlinkSqlTestSupport.withCatalog;
import static org.assertj.core.api.Assertions.assertThat;

import io.tstore.core.snapshot.Snapshot;
import io.tstore.core.table.FileStoreTable;
import io.tstore.core.table.TableTestSupport;

import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.api.Schema;
import org.apache.flink.table.api.StatementSet;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.table.connector.ChangelogMode;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.types.Row;
import org.apache.flink.types.RowKind;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** Streaming writes: changelogs, checkpoint-aligned commits, and exactly-once results across failures. */
class FlinkStreamingSinkTest {
    @TempDir
    Path warehouse;

    private static StreamExecutionEnvironment env(Map<String, String> options) {
        Configuration conf = loopback();
        conf.addAll(Configuration.fromMap(options));
        return StreamExecutionEnvironment.getExecutionEnvironment(conf);
    }

    private static StreamTableEnvironment tableEnv(StreamExecutionEnvironment env, Path warehouse) {
        StreamTableEnvironment tEnv = StreamTableEnvironment.create(env);
        withCatalog(tEnv, warehouse);
        return tEnv;
    }

    @Test
    void changelogOfUpsertsAndDeletes() throws Exception {
        StreamExecutionEnvironment env = env(Map.of("parallelism.default", "2"));
        StreamTableEnvironment tEnv = tableEnv(env, warehouse);
        tEnv.executeSql("CREATE TABLE t (k INT, v STRING, PRIMARY KEY (k) NOT ENFORCED) WITH ('bucket' = '2')");
        DataStream<Row> changes = env.fromData(
                Types.ROW_NAMED(new String[] {"k", "v"}, Types.INT, Types.STRING),
                Row.ofKind(RowKind.INSERT, 1, "a"),
                Row.ofKind(RowKind.INSERT, 2, "b"),
                Row.ofKind(RowKind.INSERT, 3, "c"),
                Row.ofKind(RowKind.UPDATE_BEFORE, 1, "a"),
                Row.ofKind(RowKind.UPDATE_AFTER, 1, "a2"),
                Row.ofKind(RowKind.DELETE, 2, "b"),
                Row.ofKind(RowKind.INSERT, 4, "d"),
                Row.ofKind(RowKind.DELETE, 4, "d"));
        tEnv.createTemporaryView("changes", tEnv.fromChangelogStream(changes, Schema.newBuilder()
                .column("k", "INT NOT NULL").column("v", "STRING").primaryKey("k").build()));
        tEnv.executeSql("INSERT INTO t SELECT k, v FROM changes").await();

        assertThat(tableRows(warehouse, "default", "t")).containsExactlyInAnyOrder("+I(k=1, v='a2')", "+I(k=3, v='c')");
        TableTestSupport.assertNoOrphanAndNoMissingFiles(table(warehouse, "default", "t"));
    }

    @Test
    void updatingAggregateIntoAPrimaryKeyTable() throws Exception {
        StreamTableEnvironment tEnv = tableEnv(env(Map.of("parallelism.default", "2", "execution.checkpointing.interval", "100ms")), warehouse);
        tEnv.executeSql("CREATE TABLE counts (k INT, n BIGINT, PRIMARY KEY (k) NOT ENFORCED)");
        tEnv.executeSql("INSERT INTO counts SELECT k, COUNT(*) FROM (VALUES (1), (2), (1), (3), (1), (2)) AS v(k) GROUP BY k").await();

        assertThat(tableRows(warehouse, "default", "counts")).containsExactlyInAnyOrder(
                "+I(k=1, n=3)", "+I(k=2, n=2)", "+I(k=3, n=1)");
        TableTestSupport.assertNoOrphanAndNoMissingFiles(table(warehouse, "default", "counts"));
    }

    /**
     * A streaming INSERT whose input fails at random points, restarted from its last checkpoint each time, ends with
     * exactly the rows of the input: every row once in the table without primary key, and in the primary-key table
     * the state that applying the input's random upserts and deletes in order to a map gives.
     */
    @Test
    @Timeout(value = 15, unit = TimeUnit.MINUTES)
    void exactlyOnceAcrossFailures() throws Exception {
        int rows = 20_000;
        int keys = 700;
        long seed = System.nanoTime();
        FailingMap.arm(4);
        StreamExecutionEnvironment env = env(Map.of(
                "parallelism.default", "2",
                "execution.checkpointing.interval", "150ms",
                "restart-strategy.type", "fixed-delay",
                "restart-strategy.fixed-delay.attempts", "50",
                "restart-strategy.fixed-delay.delay", "50ms"));
        StreamTableEnvironment tEnv = tableEnv(env, warehouse);
        tEnv.executeSql("CREATE TABLE appends (id BIGINT, k INT, round INT) WITH ('bucket' = '3')");
        tEnv.executeSql("CREATE TABLE upserts (k INT, id BIGINT, PRIMARY KEY (k) NOT ENFORCED)"
                + " WITH ('bucket' = '3', 'num-sorted-run.compaction-trigger' = '3')");

        // One source subtask each, so that the versions of each key reach their writer in order.
        DataStream<Row> inserts = env.fromSequence(0, rows - 1).setParallelism(1)
                .map(new FailingMap(rows, keys, seed, false)).setParallelism(1)
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

        List<String> expectedAppends = new ArrayList<>();
        TreeMap<Integer, Long> model = new TreeMap<>();
        for (long id = 0; id < rows; id++) {
            expectedAppends.add(String.format("+I(id=%d, k=%d, round=%d)", id, id % keys, id / keys));
            Row change = FailingMap.change(id, keys, seed);
            if (change.getKind() == RowKind.DELETE) {
                model.remove((Integer) change.getField(0));
            } else {
                model.put((Integer) change.getField(0), id);
            }
        }
        assertThat(tableRows(warehouse, "default", "appends")).as("seed %d", seed).containsExactlyInAnyOrderElementsOf(expectedAppends);
        List<String> expectedUpserts = new ArrayList<>();
        model.forEach((k, id) -> expectedUpserts.add(String.format("+I(k=%d, id=%d)", k, id)));
        assertThat(tableRows(warehouse, "default", "upserts")).as("seed %d", seed).containsExactlyInAnyOrderElementsOf(expectedUpserts);

        for (String name : List.of("appends", "upserts")) {
            FileStoreTable table = table(warehouse, "default", name);
            assertThat(table.snapshotManager().latestSnapshot().id()).as("commits of %s, one per checkpoint with data", name).isGreaterThan(1);
            assertNoMissingFilesAndOnlyUncommittedDataFilesLeft(table);
        }
        assertStreamingReadReproduces(model);
    }

    /**
     * A streaming reader of the table written through the failures, starting with its first snapshot in full and
     * following every later one, sees a changelog that, applied in order, ends at exactly the table: every -U and
     * -D retracts the row the reader holds, and no +I or +U arrives for a key it holds.
     */
    private void assertStreamingReadReproduces(TreeMap<Integer, Long> expected) throws Exception {
        TableEnvironment reader = FlinkSqlTestSupport.streaming(warehouse, new Configuration());
        Map<Integer, Long> state = new TreeMap<>();
        List<String> log = new ArrayList<>();
        try (CloseableIterator<Row> rows = reader.executeSql("SELECT k, id FROM upserts /*+ OPTIONS("
                + "'scan.mode' = 'from-snapshot-full', 'scan.snapshot-id' = '1') */").collect()) {
            while (!state.equals(expected)) {
                assertThat(rows.hasNext()).as("the streaming query ended; changelog so far: %s", log).isTrue();
                Row row = rows.next();
                log.add(row.toString());
                Integer k = (Integer) row.getField(0);
                Long id = (Long) row.getField(1);
                switch (row.getKind()) {
                    case INSERT, UPDATE_AFTER -> {
                        assertThat(state).as("%s for a key the reader holds; changelog %s", row, log).doesNotContainKey(k);
                        state.put(k, id);
                    }
                    case UPDATE_BEFORE, DELETE -> assertThat(state.remove(k))
                            .as("%s retracts the row the reader holds; changelog %s", row, log).isEqualTo(id);
                }
            }
        }
    }

    /**
     * Every file a snapshot refers to exists, and the only files no snapshot refers to are data files written for
     * a checkpoint that a failure cut short (the writers' work after the last completed checkpoint, which the
     * restarted job writes again); metadata files of commits are never left behind.
     */
    private static void assertNoMissingFilesAndOnlyUncommittedDataFilesLeft(FileStoreTable table) throws Exception {
        Set<String> referenced = new TreeSet<>();
        for (Snapshot snapshot : table.snapshotManager().snapshots()) {
            referenced.addAll(TableTestSupport.referencedFiles(table, snapshot));
        }
        Set<String> present = TableTestSupport.listFiles(table);
        Set<String> missing = new TreeSet<>(referenced);
        missing.removeAll(present);
        assertThat(missing).as("missing files of %s", table.name()).isEmpty();
        assertThat(TableTestSupport.orphans(present, referenced)).as("unreferenced files of %s", table.name())
                .allMatch(path -> path.contains("/bucket-"));
    }

    /**
     * Turns sequence numbers into rows (inserts, or a changelog of random upserts and deletes), and fails a given
     * number of times, across all instances, at random rows.
     */
    static final class FailingMap extends RichMapFunction<Long, Row> {
        // Static: the count survives the restarts of the tasks within the test's JVM.
        static final AtomicInteger FAILURES_LEFT = new AtomicInteger();

        private final int rows;
        private final int keys;
        private final long seed;
        private final boolean changelog;
        private transient Random random;

        FailingMap(int rows, int keys, long seed, boolean changelog) {
            this.rows = rows;
            this.keys = keys;
            this.seed = seed;
            this.changelog = changelog;
        }

        static void arm(int failures) {
            FAILURES_LEFT.set(failures);
        }

        /** Change {@code id} of the changelog: a delete (one in five) or an upsert of a random key to {@code id}. */
        static Row change(long id, int keys, long seed) {
            Random random = new Random(seed * 31 + id);
            int key = random.nextInt(keys);
            return random.nextInt(5) == 0 ? Row.ofKind(RowKind.DELETE, key, null) : Row.ofKind(RowKind.UPDATE_AFTER, key, id);
        }

        @Override
        public Row map(Long id) throws Exception {
            if (random == null) {
                random = new Random(seed + getRuntimeContext().getTaskInfo().getAttemptNumber() * 7919L + (changelog ? 1 : 0));
            }
            if (id % 20 == 0) {
                Thread.sleep(1); // spread the input over many checkpoints
            }
            // Fail at random rows; force the remaining failures near the end, so that all of them happen.
            boolean fail = random.nextInt(rows / 2) == 0 || id >= rows - 10;
            if (fail && FAILURES_LEFT.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                throw new IllegalStateException("Injected failure at row " + id + " (seed " + seed + ")");
            }
            return changelog ? change(id, keys, seed) : Row.of(id, (int) (id % keys), (int) (id / keys));
        }
    }
}
