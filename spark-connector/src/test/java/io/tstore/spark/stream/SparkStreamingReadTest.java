package io.tstore.spark.stream;

import io.tstore.core.connector.CommitHelper;
import io.tstore.core.connector.PendingCommit;
import io.tstore.core.connector.WriteBuilder;
import io.tstore.core.data.GenericRow;
import io.tstore.core.table.FileStoreTable;
import io.tstore.core.table.TableCompactor;
import io.tstore.core.table.TableWrite;
import io.tstore.lsm.RowKind;
import io.tstore.spark.SparkTestSupport;

import org.apache.spark.api.java.function.VoidFunction2;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.Trigger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Structured Streaming reads of tables: changelogs, scan modes, AvailableNow, restarts, consumers. */
class SparkStreamingReadTest {
    private static SparkTestSupport support;
    private static int queries;
    private static final Map<String, List<Row>> RESULTS = new java.util.concurrent.ConcurrentHashMap<>();

    @BeforeAll
    static void start() {
        support = SparkTestSupport.start("streaming-read");
        support.sql("CREATE DATABASE db");
    }

    @AfterAll
    static void stop() {
        support.close();
    }

    @Test
    void theChangelogOfUpsertsAndDeletesAppliedInOrderReproducesTheTable() throws Exception {
        support.sql("CREATE TABLE db.cl (k INT, v BIGINT) TBLPROPERTIES ('primary-key' = 'k', 'bucket' = '2', "
                + "'changelog-producer' = 'lookup')");
        FileStoreTable table = support.table("db", "cl");
        Random random = new Random(42);
        TreeMap<Integer, Long> rows = new TreeMap<>();
        write(table, random, rows, 20);
        Path checkpoint = checkpoint();
        StreamingQuery query = support.spark.readStream().table("tstore.db.`cl$audit_log`")
                .writeStream().format("memory").queryName("changelog")
                .option("checkpointLocation", checkpoint.toString())
                .start();
        try {
            for (int round = 0; round < 6; round++) {
                write(table, random, rows, 10);
                if (round == 2) {
                    // A snapshot without changes to follow: the stream passes over it.
                    new TableCompactor(table, "compactor").compact(true);
                }
                query.processAllAvailable();
            }
        } finally {
            query.stop();
        }
        TreeMap<Integer, Long> model = new TreeMap<>();
        List<Row> changes = support.spark.sql("SELECT * FROM changelog").collectAsList();
        for (Row change : changes) {
            String kind = change.getString(0);
            int key = change.getInt(1);
            long value = change.getLong(2);
            switch (kind) {
                case "+I" -> assertThat(model.put(key, value)).as("+I of a new key %s", key).isNull();
                case "-U", "-D" -> assertThat(model.remove(key)).as("%s of key %s", kind, key).isEqualTo(value);
                case "+U" -> assertThat(model.put(key, value)).as("+U of key %s", key).isNull();
                default -> throw new AssertionError("row kind " + kind);
            }
        }
        assertThat(changes.stream().map(row -> row.getString(0)).collect(Collectors.toSet()))
                .contains("+I", "-U", "+U", "-D");
        assertThat(model).isEqualTo(rows);
        assertThat(support.sql("SELECT * FROM db.cl ORDER BY k")).containsExactlyElementsOf(
                rows.entrySet().stream().map(e -> "[" + e.getKey() + "," + e.getValue() + "]").toList());
    }

    @Test
    void availableNowReadsInBatchesAndARestartReadsOnlyWhatIsNew() throws Exception {
        support.sql("CREATE TABLE db.events (id BIGINT, name STRING) TBLPROPERTIES ('bucket' = '2')");
        for (int i = 0; i < 3; i++) {
            support.sql("INSERT INTO db.events VALUES (" + (2 * i) + ", 'a'), (" + (2 * i + 1) + ", 'b')");
        }
        Path checkpoint = checkpoint();
        StreamingQuery first = availableNow("tstore.db.events", "events1", checkpoint,
                Map.of(StreamReadOptions.MAX_SNAPSHOTS_PER_TRIGGER, "1", "scan.mode", "from-snapshot", "scan.snapshot-id", "1"));
        assertThat(ids("events1")).containsExactlyInAnyOrder(0L, 1L, 2L, 3L, 4L, 5L);
        // One snapshot per micro-batch.
        assertThat(java.util.Arrays.stream(first.recentProgress()).filter(p -> p.numInputRows() > 0).count()).isEqualTo(3);

        support.sql("INSERT INTO db.events VALUES (6, 'c')", "INSERT INTO db.events VALUES (7, 'd')");
        availableNow("tstore.db.events", "events2", checkpoint,
                Map.of(StreamReadOptions.MAX_SNAPSHOTS_PER_TRIGGER, "1", "scan.mode", "from-snapshot", "scan.snapshot-id", "1"));
        assertThat(ids("events2")).containsExactlyInAnyOrder(6L, 7L);

        // Nothing new: a restart reads nothing.
        availableNow("tstore.db.events", "events3", checkpoint, Map.of());
        assertThat(ids("events3")).isEmpty();
    }

    @Test
    void aMicroBatchRunAgainAfterARestartReadsWhatItReadBefore() throws Exception {
        support.sql("CREATE TABLE db.replay (id BIGINT, name STRING) TBLPROPERTIES ('primary-key' = 'id', 'bucket' = '2')");
        support.sql("INSERT INTO db.replay VALUES (1, 'a'), (2, 'b')");
        Path checkpoint = checkpoint();
        availableNow("tstore.db.`replay$audit_log`", "replay1", checkpoint, Map.of());
        List<String> firstRun = rows("replay1");
        assertThat(firstRun).containsExactly("[+I,1,a]", "[+I,2,b]");
        support.sql("INSERT INTO db.replay VALUES (3, 'c')");

        // As if the query had stopped after the batch's offsets were logged but before it was committed: Spark runs
        // batch 0 again (from the kept initial offset, though the latest snapshot has moved on), then the new one.
        Files.delete(checkpoint.resolve("commits").resolve("0"));
        Files.deleteIfExists(checkpoint.resolve("commits").resolve(".0.crc"));
        availableNow("tstore.db.`replay$audit_log`", "replay2", checkpoint, Map.of());
        assertThat(rows("replay2")).containsExactly("[+I,1,a]", "[+I,2,b]", "[+I,3,c]");
    }

    @Test
    void everyScanModeStartsWhereItSays() throws Exception {
        support.sql("CREATE TABLE db.modes (id BIGINT, v STRING) TBLPROPERTIES ('primary-key' = 'id', 'bucket' = '1')");
        support.sql("INSERT INTO db.modes VALUES (1, 'a')");                 // snapshot 1
        support.sql("INSERT INTO db.modes VALUES (2, 'b')");                 // snapshot 2
        long afterTwo = support.table("db", "modes").snapshotManager().latestSnapshot().timeMillis();
        Thread.sleep(5);
        support.sql("INSERT INTO db.modes VALUES (1, 'c')");                 // snapshot 3
        String log = "tstore.db.`modes$audit_log`";

        assertThat(modeRows(log, Map.of())).containsExactly("[+I,1,c]", "[+I,2,b]");
        assertThat(modeRows(log, Map.of("scan.mode", "latest-full"))).containsExactly("[+I,1,c]", "[+I,2,b]");
        assertThat(modeRows(log, Map.of("scan.mode", "latest"))).isEmpty();
        assertThat(modeRows(log, Map.of("scan.mode", "from-snapshot", "scan.snapshot-id", "2")))
                .containsExactly("[+I,2,b]", "[+I,1,c]"); // no changelog producer: the upsert as written
        assertThat(modeRows(log, Map.of("scan.mode", "from-snapshot-full", "scan.snapshot-id", "2")))
                .containsExactly("[+I,1,a]", "[+I,2,b]", "[+I,1,c]");
        assertThat(modeRows(log, Map.of("scan.mode", "from-timestamp", "scan.timestamp-millis", String.valueOf(afterTwo))))
                .containsExactly("[+I,1,c]");

        new TableCompactor(support.table("db", "modes"), "compactor").compact(true);   // snapshot 4, COMPACT
        assertThat(modeRows(log, Map.of("scan.mode", "compacted-full"))).containsExactly("[+I,1,c]", "[+I,2,b]");
        assertThat(modeRows(log, Map.of("scan.mode", "from-snapshot", "scan.snapshot-id", "3")))
                .as("a compaction without changelog is passed over").containsExactly("[+I,1,c]");

        // latest: what is committed after the query started
        Path checkpoint = checkpoint();
        availableNow(log, "latest1", checkpoint, Map.of("scan.mode", "latest"));
        support.sql("INSERT INTO db.modes VALUES (3, 'd')");
        availableNow(log, "latest2", checkpoint, Map.of("scan.mode", "latest"));
        assertThat(rows("latest2")).containsExactly("[+I,3,d]");

        assertThatThrownBy(() -> modeRows(log, Map.of("scan.mode", "sideways")))
                .hasStackTraceContaining("scan.mode").hasStackTraceContaining("sideways");
        assertThatThrownBy(() -> modeRows(log, Map.of(StreamReadOptions.MAX_FILES_PER_TRIGGER, "0")))
                .hasStackTraceContaining("max-files-per-trigger").hasStackTraceContaining("db.modes");
    }

    @Test
    void aConsumerRecordsItsPositionAndANewQueryWithItResumesThere() throws Exception {
        support.sql("CREATE TABLE db.consumed (id BIGINT) TBLPROPERTIES ('bucket' = '1')");
        support.sql("INSERT INTO db.consumed VALUES (1)", "INSERT INTO db.consumed VALUES (2)");
        Map<String, String> options = Map.of("consumer-id", "reader1", StreamReadOptions.MAX_FILES_PER_TRIGGER, "1");
        availableNow("tstore.db.consumed", "consumed1", checkpoint(), options);
        assertThat(ids("consumed1")).containsExactlyInAnyOrder(1L, 2L);
        assertThat(support.sql("SELECT consumer_id, next_snapshot_id FROM db.`consumed$consumers`"))
                .containsExactly("[reader1,3]");

        support.sql("INSERT INTO db.consumed VALUES (3)");
        // A new checkpoint, the same consumer: it continues from the consumer's position.
        availableNow("tstore.db.consumed", "consumed2", checkpoint(), options);
        assertThat(ids("consumed2")).containsExactly(3L);
        assertThat(support.sql("SELECT consumer_id, next_snapshot_id FROM db.`consumed$consumers`"))
                .containsExactly("[reader1,4]");
    }

    @Test
    void aTableWithUpdatesIsStreamedThroughItsAuditLog() {
        support.sql("CREATE TABLE db.upserted (id BIGINT, v STRING) TBLPROPERTIES ('primary-key' = 'id', 'bucket' = '1')");
        assertThatThrownBy(() -> availableNow("tstore.db.upserted", "upserted", checkpoint(), Map.of()))
                .hasStackTraceContaining("db.`upserted$audit_log`");
        assertThatThrownBy(() -> availableNow("tstore.db.`upserted$snapshots`", "snaps", checkpoint(), Map.of()))
                .hasStackTraceContaining("upserted$snapshots");
    }

    @Test
    void offsetsAreJsonAndPartitionsAndReadersSurviveJavaSerialization() throws Exception {
        support.sql("CREATE TABLE db.shipped (id BIGINT, v STRING) TBLPROPERTIES ('primary-key' = 'id', 'bucket' = '2')");
        support.sql("INSERT INTO db.shipped VALUES (1, 'a'), (2, 'b'), (3, 'c')");
        support.sql("INSERT INTO db.shipped VALUES (2, 'x')");
        org.apache.spark.sql.connector.catalog.Table table = support.catalog().loadTable(
                org.apache.spark.sql.connector.catalog.Identifier.of(new String[] {"db"}, "shipped$audit_log"));
        SparkMicroBatchStream stream = (SparkMicroBatchStream) ((org.apache.spark.sql.connector.catalog.SupportsRead) table)
                .newScanBuilder(org.apache.spark.sql.util.CaseInsensitiveStringMap.empty()).build()
                .toMicroBatchStream(checkpoint().toString());

        StreamOffset initial = (StreamOffset) stream.initialOffset();
        assertThat(initial.json()).isEqualTo("{\"version\":1,\"next\":3,\"full\":2}");
        StreamOffset end = (StreamOffset) stream.latestOffset(initial, org.apache.spark.sql.connector.read.streaming.ReadLimit.allAvailable());
        assertThat(end.json()).isEqualTo("{\"version\":1,\"next\":3}");
        assertThat(stream.deserializeOffset(end.json())).isEqualTo(end);
        assertThatThrownBy(() -> stream.deserializeOffset("{\"version\":9,\"next\":3}")).hasMessageContaining("version 9");
        assertThatThrownBy(() -> stream.deserializeOffset("[3]")).hasMessageContaining("[3]");

        List<String> rows = new ArrayList<>();
        org.apache.spark.sql.connector.read.PartitionReaderFactory readers = roundTrip(stream.createReaderFactory());
        for (org.apache.spark.sql.connector.read.InputPartition partition : stream.planInputPartitions(initial, end)) {
            try (org.apache.spark.sql.connector.read.PartitionReader<org.apache.spark.sql.catalyst.InternalRow> reader =
                    readers.createReader(roundTrip(partition))) {
                while (reader.next()) {
                    rows.add(reader.get().getString(0) + reader.get().getLong(1) + reader.get().getString(2));
                }
            }
        }
        assertThat(rows).containsExactlyInAnyOrder("+I1a", "+I2x", "+I3c");
    }

    @SuppressWarnings("unchecked")
    private static <T> T roundTrip(T value) throws Exception {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(bytes)) {
            out.writeObject(value);
        }
        try (java.io.ObjectInputStream in = new java.io.ObjectInputStream(new java.io.ByteArrayInputStream(bytes.toByteArray()))) {
            return (T) in.readObject();
        }
    }

    private static List<String> modeRows(String table, Map<String, String> options) throws Exception {
        String name = "mode" + (++queries);
        availableNow(table, name, checkpoint(), options);
        return rows(name);
    }

    /**
     * Runs a query with {@code Trigger.AvailableNow} until it ends, collecting its rows under {@code name} (the memory
     * sink cannot restart from a checkpoint; foreachBatch can).
     */
    private static StreamingQuery availableNow(String table, String name, Path checkpoint, Map<String, String> options)
            throws Exception {
        List<Row> rows = new ArrayList<>();
        RESULTS.put(name, rows);
        StreamingQuery query = support.spark.readStream().options(options).table(table)
                .writeStream()
                .foreachBatch((VoidFunction2<Dataset<Row>, Long>) (batch, id) -> rows.addAll(batch.collectAsList()))
                .option("checkpointLocation", checkpoint.toString())
                .trigger(Trigger.AvailableNow())
                .start();
        query.awaitTermination();
        return query;
    }

    /** The rows a query collected, as {@code Row.toString()}, in the order read. */
    private static List<String> rows(String name) {
        return RESULTS.get(name).stream().map(Row::toString).toList();
    }

    private static List<Long> ids(String name) {
        return RESULTS.get(name).stream().map(r -> r.getLong(0)).toList();
    }

    private static Path checkpoint() {
        return support.warehouse.resolve("checkpoints").resolve(UUID.randomUUID().toString());
    }

    /** Upserts and deletes random keys through the core, as one commit, and keeps the model up to date. */
    private static void write(FileStoreTable table, Random random, TreeMap<Integer, Long> rows, int changes) throws Exception {
        List<io.tstore.core.commit.CommitMessage> messages;
        try (TableWrite write = WriteBuilder.of(table).build()) {
            for (int i = 0; i < changes; i++) {
                int key = random.nextInt(15);
                if (rows.containsKey(key) && random.nextInt(3) == 0) {
                    write.write(GenericRow.ofKind(RowKind.DELETE, key, rows.remove(key)));
                } else {
                    long value = random.nextInt(1000);
                    write.write(GenericRow.ofKind(RowKind.INSERT, key, value));
                    rows.put(key, value);
                }
            }
            messages = write.prepareCommit(true);
        }
        new CommitHelper(table, UUID.randomUUID().toString()).commitOrAbort(PendingCommit.of(1, messages));
    }
}
