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
import org.apache.flink.table.api.StatementSet;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.types.Row;
import org.apache.flink.types.RowKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;

/** Streaming writes: changelogs, checkpoint-aligned commits, and exactly-once results across failures. */
class FlinkStreamingSinkTest {
    @TempDir
    Path warehouse;

    private static StreamTableEnvironment streaming(Path warehouse, Map<String, String> options) {
        Configuration conf = loopback();
        conf.addAll(Configuration.fromMap(options));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        StreamTableEnvironment tEnv = StreamTableEnvironment.create(env);
        withCatalog(tEnv, warehouse);
        return tEnv;
    }

    @Test
    void changelogOfUpsertsAndDeletes() throws Exception {
        StreamTableEnvironment tEnv = streaming(warehouse, Map.of("parallelism.default", "2"));
        tEnv.executeSql("CREATE TABLE t (k INT, v STRING, PRIMARY KEY (k) NOT ENFORCED) WITH ('bucket' = '2')");
        DataStream<Row> changes = tEnv.toChangelogStream(tEnv.fromValues(1)).getExecutionEnvironment().fromData(
                Types.ROW_NAMED(new String[] {"k", "v"}, Types.INT, Types.STRING),
                Row.ofKind(RowKind.INSERT, 1, "a"),
                Row.ofKind(RowKind.INSERT, 2, "b"),
                Row.ofKind(RowKind.INSERT, 3, "c"),
                Row.ofKind(RowKind.UPDATE_BEFORE, 1, "a"),
                Row.ofKind(RowKind.UPDATE_AFTER, 1, "a2"),
                Row.ofKind(RowKind.DELETE, 2, "b"),
                Row.ofKind(RowKind.INSERT, 4, "d"),
                Row.ofKind(RowKind.DELETE, 4, "d"));
        tEnv.createTemporaryView("changes", tEnv.fromChangelogStream(changes, org.apache.flink.table.api.Schema.newBuilder()
                .column("k", "INT NOT NULL").column("v", "STRING").primaryKey("k").build()));
        tEnv.executeSql("INSERT INTO t SELECT k, v FROM changes").await();

        assertThat(tableRows(warehouse, "default", "t")).containsExactlyInAnyOrder("+I(k=1, v='a2')", "+I(k=3, v='c')");
        TableTestSupport.assertNoOrphanAndNoMissingFiles(table(warehouse, "default", "t"));
    }

    @Test
    void updatingAggregateIntoAPrimaryKeyTable() throws Exception {
        StreamTableEnvironment tEnv = streaming(warehouse, Map.of("parallelism.default", "2", "execution.checkpointing.interval", "100ms"));
        tEnv.executeSql("CREATE TABLE counts (k INT, n BIGINT, PRIMARY KEY (k) NOT ENFORCED)");
        tEnv.executeSql("INSERT INTO counts SELECT k, COUNT(*) FROM (VALUES (1), (2), (1), (3), (1), (2)) AS v(k) GROUP BY k").await();

        assertThat(tableRows(warehouse, "default", "counts")).containsExactlyInAnyOrder(
                "+I(k=1, n=3)", "+I(k=2, n=2)", "+I(k=3, n=1)");
        TableTestSupport.assertNoOrphanAndNoMissingFiles(table(warehouse, "default", "counts"));
    }

    /**
     * A streaming INSERT whose input fails at random points, restarted from its last checkpoint each time, ends with
     * exactly the rows of the input: none twice in the table without primary key, the last version of each key in
     * the primary-key table.
     */
    @Test
    void exactlyOnceAcrossFailures() throws Exception {
        int rows = 20_000;
        int keys = 700;
        int failures = 4;
        long seed = System.nanoTime();
        FailingMap.arm(failures, seed);
        StreamTableEnvironment tEnv = streaming(warehouse, Map.of(
                "parallelism.default", "2",
                "execution.checkpointing.interval", "150ms",
                "restart-strategy.type", "fixed-delay",
                "restart-strategy.fixed-delay.attempts", "50",
                "restart-strategy.fixed-delay.delay", "50ms"));
        tEnv.executeSql("CREATE TABLE appends (id BIGINT, k INT, round INT) WITH ('bucket' = '3')");
        tEnv.executeSql("CREATE TABLE upserts (k INT, id BIGINT, round INT, PRIMARY KEY (k) NOT ENFORCED)"
                + " WITH ('bucket' = '3', 'num-sorted-run.compaction-trigger' = '3')");

        // One source subtask, so that the versions of each key reach their writer in order.
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        DataStream<Row> source = tEnv.toChangelogStream(tEnv.fromValues(1)).getExecutionEnvironment()
                .fromSequence(0, rows - 1).setParallelism(1)
                .map(new FailingMap(rows, keys)).setParallelism(1)
                .returns(Types.ROW_NAMED(new String[] {"id", "k", "round"}, Types.LONG, Types.INT, Types.INT));
        tEnv.createTemporaryView("source", source);
        StatementSet inserts = tEnv.createStatementSet();
        inserts.addInsertSql("INSERT INTO appends SELECT id, k, round FROM source");
        inserts.addInsertSql("INSERT INTO upserts SELECT k, id, round FROM source");
        inserts.execute().await();

        assertThat(FailingMap.FAILURES_LEFT.get()).as("failures injected (seed %d)", seed).isZero();

        List<String> expectedAppends = new ArrayList<>();
        for (long id = 0; id < rows; id++) {
            expectedAppends.add(String.format("+I(id=%d, k=%d, round=%d)", id, id % keys, id / keys));
        }
        assertThat(tableRows(warehouse, "default", "appends")).as("seed %d", seed).containsExactlyInAnyOrderElementsOf(expectedAppends);
        List<String> expectedUpserts = new ArrayList<>();
        for (long id = rows - keys; id < rows; id++) {
            expectedUpserts.add(String.format("+I(k=%d, id=%d, round=%d)", id % keys, id, id / keys));
        }
        assertThat(tableRows(warehouse, "default", "upserts")).as("seed %d", seed).containsExactlyInAnyOrderElementsOf(expectedUpserts);

        for (String name : List.of("appends", "upserts")) {
            FileStoreTable table = table(warehouse, "default", name);
            assertThat(table.snapshotManager().latestSnapshot().id()).as("commits of %s, one per checkpoint with data", name).isGreaterThan(1);
            assertNoMissingFilesAndOnlyUncommittedDataFilesLeft(table);
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

    /** Turns sequence numbers into rows, and fails a given number of times at random rows. */
    static final class FailingMap extends RichMapFunction<Long, Row> {
        // Static: the counts survive the restarts of the task within the test's JVM.
        static final AtomicInteger FAILURES_LEFT = new AtomicInteger();
        static volatile long seed;

        private final int rows;
        private final int keys;
        private transient Random random;

        FailingMap(int rows, int keys) {
            this.rows = rows;
            this.keys = keys;
        }

        static void arm(int failures, long newSeed) {
            FAILURES_LEFT.set(failures);
            seed = newSeed;
        }

        @Override
        public Row map(Long id) throws Exception {
            if (random == null) {
                random = new Random(seed + getRuntimeContext().getTaskInfo().getAttemptNumber());
            }
            if (id % 20 == 0) {
                Thread.sleep(1); // spread the input over many checkpoints
            }
            // Fail at random rows; force the remaining failures near the end, so that all of them happen.
            boolean fail = random.nextInt(rows / 4) == 0 || id >= rows - 10;
            if (fail && FAILURES_LEFT.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                throw new IllegalStateException("Injected failure at row " + id + " (seed " + seed + ")");
            }
            return Row.of(id, (int) (id % keys), (int) (id / keys));
        }
    }
}
