package io.tstore.flink;

import static io.tstore.flink.FlinkSqlTestSupport.table;
import static org.assertj.core.api.Assertions.assertThat;

import io.tstore.core.consumer.Consumer;
import io.tstore.core.consumer.ConsumerManager;
import io.tstore.core.data.BinaryString;
import io.tstore.core.data.GenericRow;
import io.tstore.core.table.FileStoreTable;
import io.tstore.core.table.TableCommit;
import io.tstore.core.table.TableWrite;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.types.Row;
import org.apache.flink.types.RowKind;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Streaming SELECTs of a primary-key table through Flink SQL, with the table written by the core API while the
 * query runs. The invariant: the changelog the query returns, applied in order, reproduces the expected table
 * (the whole table for a full start; only the rows of later commits for a start from a snapshot or a consumer).
 */
@Timeout(600)
class FlinkStreamingReadTest {
    @TempDir
    Path warehouse;

    TableEnvironment tEnv;
    FileStoreTable table;
    TableCommit commit;
    long identifier;
    final Random random = new Random(17);

    @BeforeEach
    void setUp() throws Exception {
        Configuration conf = new Configuration();
        conf.setString("parallelism.default", "2");
        conf.setString("execution.checkpointing.interval", "500 ms");
        tEnv = FlinkSqlTestSupport.streaming(warehouse, conf);
        tEnv.executeSql("CREATE TABLE t (id BIGINT, name STRING, extra INT, PRIMARY KEY (id) NOT ENFORCED)"
                + " WITH ('bucket' = '3', 'continuous.discovery-interval' = '100 ms')");
        table = table(warehouse, "default", "t");
        commit = table.newCommit(UUID.randomUUID().toString());
    }

    @Test
    void latestFullReadsTheTableThenFollowsItsChanges() throws Exception {
        Map<Long, String> model = new TreeMap<>();
        commitRandom(60, model);
        commitRandom(60, model);
        Set<RowKind> kinds = EnumSet.noneOf(RowKind.class);
        try (ChangelogReader reader = new ChangelogReader(tEnv.executeSql("SELECT id, name FROM t").collect(), kinds)) {
            reader.readUntil(model);
            for (int i = 0; i < 4; i++) {
                commitRandom(60, model);
                reader.readUntil(model);
            }
        }
        assertThat(kinds).contains(RowKind.INSERT, RowKind.UPDATE_BEFORE, RowKind.UPDATE_AFTER, RowKind.DELETE);
    }

    @Test
    void projectionWithoutThePrimaryKeyStillRetractsCorrectly() throws Exception {
        Map<Long, String> model = new TreeMap<>();
        commitRandom(40, model);
        commitRandom(40, model);
        // Names as a multiset: the planner keeps the key it needs to normalize upserts, even if it is not selected.
        Map<String, Integer> names = new TreeMap<>();
        try (CloseableIterator<Row> rows = tEnv.executeSql("SELECT name FROM t").collect()) {
            readNamesUntil(rows, names, countNames(model));
            commitRandom(40, model);
            readNamesUntil(rows, names, countNames(model));
        }
    }

    /** Applies rows of names to a multiset until it equals the expected one; a count never goes below zero. */
    private static void readNamesUntil(CloseableIterator<Row> rows, Map<String, Integer> names, Map<String, Integer> expected) {
        while (!names.equals(expected)) {
            assertThat(rows.hasNext()).isTrue();
            Row row = rows.next();
            String name = (String) row.getField(0);
            int delta = row.getKind() == RowKind.INSERT || row.getKind() == RowKind.UPDATE_AFTER ? 1 : -1;
            names.merge(name, delta, Integer::sum);
            assertThat(names.get(name)).as("count of %s after %s", name, row).isNotNegative();
            names.remove(name, 0);
        }
    }

    private static Map<String, Integer> countNames(Map<Long, String> model) {
        Map<String, Integer> counts = new TreeMap<>();
        model.values().forEach(name -> counts.merge(name, 1, Integer::sum));
        return counts;
    }

    @Test
    void lookupProducerGivesTheCompleteChangelog() throws Exception {
        tEnv.executeSql("ALTER TABLE t SET ('changelog-producer' = 'lookup')");
        table = table(warehouse, "default", "t");
        commit = table.newCommit(UUID.randomUUID().toString());
        Map<Long, String> model = new TreeMap<>();
        commitRandom(60, model);
        Set<RowKind> kinds = EnumSet.noneOf(RowKind.class);
        try (ChangelogReader reader = new ChangelogReader(tEnv.executeSql("SELECT id, name FROM t").collect(), kinds)) {
            reader.readUntil(model);
            for (int i = 0; i < 4; i++) {
                commitRandom(60, model);
                reader.readUntil(model);
            }
        }
        assertThat(kinds).contains(RowKind.INSERT, RowKind.UPDATE_BEFORE, RowKind.UPDATE_AFTER, RowKind.DELETE);
        assertThat(tEnv.explainSql("SELECT id, name FROM t")).doesNotContain("ChangelogNormalize");
    }

    @Test
    void fromSnapshotReadsOnlyTheChangesOfLaterSnapshots() throws Exception {
        commitRandom(60, new HashMap<>());
        long next = table.snapshotManager().latestSnapshotId().getAsLong() + 1;
        Map<Long, String> changes = new TreeMap<>();
        commitRandom(60, changes);
        commitRandom(60, changes);
        String sql = "SELECT id, name FROM t /*+ OPTIONS('scan.mode'='from-snapshot', 'scan.snapshot-id'='" + next + "') */";
        try (ChangelogReader reader = new ChangelogReader(tEnv.executeSql(sql).collect(), EnumSet.noneOf(RowKind.class))) {
            reader.readUntil(changes);
            commitRandom(60, changes);
            reader.readUntil(changes);
        }
    }

    @Test
    void consumerIdResumesWhereTheLastReaderStopped() throws Exception {
        Map<Long, String> model = new TreeMap<>();
        commitRandom(60, model);
        commitRandom(60, model);
        String sql = "SELECT * FROM t /*+ OPTIONS('consumer-id'='reader1') */";
        ConsumerManager consumers = new ConsumerManager(table.fileIO(), table.location());
        try (ChangelogReader reader = new ChangelogReader(tEnv.executeSql(sql).collect(), EnumSet.noneOf(RowKind.class))) {
            reader.readUntil(model);
            long next = table.snapshotManager().latestSnapshotId().getAsLong() + 1;
            // The position is recorded when a checkpoint completes after the last snapshot was planned.
            while (!consumers.consumer("reader1").map(Consumer::nextSnapshot).equals(Optional.of(next))) {
                Thread.sleep(100);
            }
        }
        Map<Long, String> later = new TreeMap<>();
        commitRandom(60, later);
        try (ChangelogReader reader = new ChangelogReader(tEnv.executeSql(sql).collect(), EnumSet.noneOf(RowKind.class))) {
            reader.readUntil(later);
        }
    }

    /** One commit of random upserts and deletes of keys 0..keys-1, applied to the model too. */
    private void commitRandom(int keys, Map<Long, String> model) throws Exception {
        try (TableWrite write = table.newWrite(false)) {
            for (int i = 0; i < keys; i++) {
                long id = random.nextInt(keys);
                if (random.nextInt(4) == 0) {
                    GenericRow row = GenericRow.of(id, null, null);
                    row.setRowKind(io.tstore.lsm.RowKind.DELETE);
                    write.write(row);
                    model.remove(id);
                } else {
                    String name = "v" + random.nextInt(1000);
                    write.write(GenericRow.of(id, BinaryString.fromString(name), i));
                    model.put(id, name);
                }
            }
            commit.commit(++identifier, write.prepareCommit(true));
        }
    }

    /** Applies the rows of a streaming query's changelog to a table kept in memory. */
    static final class ChangelogReader implements AutoCloseable {
        private final CloseableIterator<Row> rows;
        private final Set<RowKind> kinds;
        private final Map<Long, String> state = new TreeMap<>();
        private final List<String> log = new ArrayList<>();

        ChangelogReader(CloseableIterator<Row> rows, Set<RowKind> kinds) {
            this.rows = rows;
            this.kinds = kinds;
        }

        /** Reads rows until the state equals the expected table (the test's timeout ends a run that never gets there). */
        void readUntil(Map<Long, String> expected) {
            while (!state.equals(expected)) {
                assertThat(rows.hasNext()).as("the query ended; changelog so far: %s", log).isTrue();
                apply(rows.next());
            }
        }

        private void apply(Row row) {
            kinds.add(row.getKind());
            log.add(row.toString());
            long id = (Long) row.getField(0);
            String name = (String) row.getField(1);
            switch (row.getKind()) {
                case INSERT, UPDATE_AFTER -> {
                    assertThat(state).as("%s of a key already present; changelog %s", row, log).doesNotContainKey(id);
                    state.put(id, name);
                }
                case UPDATE_BEFORE, DELETE -> assertThat(state.remove(id)).as("%s retracts the row held; changelog %s", row, log).isEqualTo(name);
            }
        }

        @Override
        public void close() throws Exception {
            rows.close();
        }
    }
}
