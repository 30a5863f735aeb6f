package io.tstore.flink;

import static io.tstore.flink.FlinkSqlTestSupport.batch;
import static io.tstore.flink.FlinkSqlTestSupport.rows;
import static io.tstore.flink.FlinkSqlTestSupport.table;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tstore.core.snapshot.Snapshot;
import io.tstore.core.table.FileStoreTable;
import io.tstore.core.tag.TagManager;

import org.apache.flink.table.api.TableEnvironment;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * Time travel from Flink SQL: OPTIONS hints with {@code scan.snapshot-id} and {@code scan.tag-name}, and
 * {@code FOR SYSTEM_TIME AS OF TIMESTAMP}, each checked against the model of the table after each commit.
 */
class FlinkTimeTravelTest {
    @TempDir
    Path warehouse;

    TableEnvironment tEnv;
    FileStoreTable table;
    /** The expected rows at each snapshot that ended a commit. */
    final Map<Long, List<String>> rowsAtSnapshot = new TreeMap<>();

    @BeforeEach
    void setUp() throws Exception {
        tEnv = batch(warehouse);
        tEnv.getConfig().setLocalTimeZone(ZoneOffset.UTC);
        tEnv.executeSql("CREATE TABLE t (id BIGINT, part INT, name STRING, price DOUBLE, PRIMARY KEY (id) NOT ENFORCED)"
                + " WITH ('bucket' = '2')");
        table = table(warehouse, "default", "t");
        Random random = new Random(5);
        TreeMap<Long, FlinkBatchReadTest.Row> model = new TreeMap<>();
        for (int commit = 0; commit < 3; commit++) {
            model = FlinkBatchReadTest.writeRandom(table, 1, 40, random, model);
            List<String> rows = new ArrayList<>();
            model.values().forEach(r -> rows.add(r.projected()));
            rowsAtSnapshot.put(table.snapshotManager().latestSnapshotId().getAsLong(), rows);
            Thread.sleep(5); // distinct commit times, so that each snapshot has a time of its own to travel to
        }
    }

    @Test
    void snapshotIdHintReadsThatSnapshot() {
        rowsAtSnapshot.forEach((id, expected) -> assertThat(
                rows(tEnv, "SELECT name, id FROM t /*+ OPTIONS('scan.snapshot-id'='" + id + "') */"))
                .as("snapshot " + id)
                .containsExactlyInAnyOrderElementsOf(expected));
    }

    @Test
    void tagNameHintReadsTheTaggedSnapshot() throws Exception {
        long first = rowsAtSnapshot.keySet().iterator().next();
        new TagManager(table).createTag("first", first);
        assertThat(rows(tEnv, "SELECT name, id FROM t /*+ OPTIONS('scan.tag-name'='first') */"))
                .containsExactlyInAnyOrderElementsOf(rowsAtSnapshot.get(first));
    }

    @Test
    void forSystemTimeAsOfReadsTheSnapshotOfThatTime() throws Exception {
        DateTimeFormatter format = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS").withZone(ZoneOffset.UTC);
        for (Map.Entry<Long, List<String>> entry : rowsAtSnapshot.entrySet()) {
            Snapshot snapshot = table.snapshotManager().snapshot(entry.getKey());
            String time = format.format(Instant.ofEpochMilli(snapshot.timeMillis()));
            assertThat(rows(tEnv, "SELECT name, id FROM t FOR SYSTEM_TIME AS OF TIMESTAMP '" + time + "'"))
                    .as("as of " + time + " (snapshot " + entry.getKey() + ")")
                    .containsExactlyInAnyOrderElementsOf(entry.getValue());
        }
    }

    @Test
    void badTimeTravelOptionsNameTheOption() {
        assertThatThrownBy(() -> rows(tEnv, "SELECT * FROM t /*+ OPTIONS('scan.snapshot-id'='x') */"))
                .hasStackTraceContaining("scan.snapshot-id");
        assertThatThrownBy(() -> rows(tEnv, "SELECT * FROM t /*+ OPTIONS('scan.tag-name'='nope') */"))
                .hasStackTraceContaining("nope");
    }
}
