package io.tstore.log.kafka;

import io.tstore.core.catalog.FileSystemCatalog;
import io.tstore.core.table.Identifier;
import io.tstore.core.commit.CommitMessage;
import io.tstore.core.data.BinaryString;
import io.tstore.core.data.GenericRow;
import io.tstore.core.data.InternalRow;
import io.tstore.core.log.LogRecord;
import io.tstore.core.log.LogStore;
import io.tstore.core.log.LogStores;
import io.tstore.core.log.LogWriter;
import io.tstore.core.options.TableOptions;
import io.tstore.core.schema.Schema;
import io.tstore.core.schema.SchemaChange;
import io.tstore.core.snapshot.Snapshot;
import io.tstore.core.table.FileStoreTable;
import io.tstore.core.table.TableCommit;
import io.tstore.core.table.TableTestSupport;
import io.tstore.core.table.TableWrite;
import io.tstore.core.types.DataTypes;
import io.tstore.lsm.RowKind;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The Kafka log store against a real in-process broker: topics, transactions, two writers, options. */
class KafkaLogStoreTest extends KafkaTestBase {
    @TempDir
    java.nio.file.Path warehouse;

    private FileSystemCatalog catalog() throws IOException {
        FileSystemCatalog catalog = FileSystemCatalog.create(warehouse.toString(), Map.of());
        catalog.createDatabase("db", true);
        return catalog;
    }

    private static Schema schema(int buckets, Map<String, String> extra) {
        Map<String, String> options = new HashMap<>(Map.of(
                "bucket", Integer.toString(buckets),
                "log.system", "kafka",
                "kafka.bootstrap.servers", kafka.bootstrapServers()));
        options.putAll(extra);
        return Schema.newBuilder()
                .column("k", DataTypes.INT())
                .column("v", DataTypes.STRING())
                .primaryKey("k")
                .options(options)
                .build();
    }

    private static GenericRow row(RowKind kind, int k, String v) {
        GenericRow row = GenericRow.of(k, v == null ? null : BinaryString.fromString(v));
        row.setRowKind(kind);
        return row;
    }

    private static Admin admin() {
        return Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()));
    }

    @Test
    void creatingAndDroppingATableCreatesAndDeletesItsTopic() throws Exception {
        FileSystemCatalog catalog = catalog();
        Identifier id = Identifier.of("db", "orders");
        catalog.createTable(id, schema(3, Map.of("log.retention", "2 h")), false);
        String topic = "tstore.db.orders";
        try (Admin admin = admin()) {
            assertThat(admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions()).hasSize(3);
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
            assertThat(admin.describeConfigs(List.of(resource)).all().get().get(resource).get("retention.ms").value())
                    .isEqualTo(Long.toString(Duration.ofHours(2).toMillis()));

            catalog.dropTable(id, false);
            assertThat(admin.listTopics().names().get()).doesNotContain(topic);
        }
    }

    @Test
    void aTopicWhosePartitionsDoNotMatchTheBucketsIsAClearError() throws Exception {
        try (Admin admin = admin()) {
            admin.createTopics(List.of(new NewTopic("three-partitions", 3, (short) 1))).all().get();
        }
        FileSystemCatalog catalog = catalog();
        Identifier id = Identifier.of("db", "mismatch");
        assertThatThrownBy(() -> catalog.createTable(id, schema(4, Map.of("kafka.topic", "three-partitions")), false))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Table db.mismatch has 4 buckets")
                .hasMessageContaining("Kafka topic 'three-partitions', has 3 partitions");
        assertThat(catalog.tableExists(id)).as("a table whose log does not fit is not created").isFalse();
    }

    @Test
    void kafkaOptionsAreTableOptionsAndUnknownOnesStillFail() {
        TableOptions.validator().validate(Map.of(
                "log.system", "kafka",
                "log.consistency", "eventual",
                "kafka.bootstrap.servers", "127.0.0.1:9092",
                "kafka.topic", "t",
                "kafka.linger.ms", "5"), "table db.t");
        assertThatThrownBy(() -> TableOptions.validator().validate(Map.of("kafkas.topic", "t"), "table db.t"))
                .hasMessageContaining("unknown option ['kafkas.topic']");
        assertThatThrownBy(() -> TableOptions.validator().validate(Map.of("log.consistency", "strong"), "table db.t"))
                .hasMessageContaining("log.consistency").hasMessageContaining("strong");
    }

    @Test
    void aKafkaTableWithoutBootstrapServersIsAClearError() throws IOException {
        FileSystemCatalog catalog = catalog();
        Schema schema = Schema.newBuilder().column("k", DataTypes.INT()).primaryKey("k")
                .option("log.system", "kafka").build();
        assertThatThrownBy(() -> catalog.createTable(Identifier.of("db", "nobrokers"), schema, false))
                .hasMessageContaining("Table db.nobrokers")
                .hasMessageContaining("'kafka.bootstrap.servers'");
    }

    @Test
    void anAbortedTransactionLeavesNothingVisibleToReadCommitted() throws Exception {
        FileSystemCatalog catalog = catalog();
        Identifier id = Identifier.of("db", "aborts");
        catalog.createTable(id, schema(2, Map.of()), false);
        FileStoreTable table = catalog.getTable(id);
        try (LogStore log = LogStores.of(table).orElseThrow();
                LogWriter writer = log.newWriter("job", bucket -> true)) {
            for (int k = 0; k < 20; k++) {
                writer.write(row(RowKind.INSERT, k, "aborted"));
            }
            writer.prepareCommit();
            writer.abort();
            for (int k = 0; k < 10; k++) {
                writer.write(row(RowKind.INSERT, k, "committed"));
            }
            Map<Integer, Long> offsets = writer.prepareCommit();
            writer.commit();

            List<LogRecord> read = readToEnd(log, Map.of());
            assertThat(read).extracting(r -> r.row().getString(1).toString()).containsOnly("committed").hasSize(10);
            // The aborted records were sent: a read_uncommitted consumer sees all 30, the committed reader 10.
            assertThat(readUncommitted(log)).isEqualTo(30);
            // The offsets the commit reports are where its records end: nothing committed lies at or after them.
            for (LogRecord record : read) {
                assertThat(record.offset()).isLessThan(offsets.get(record.bucket()));
            }
        }
        catalog.dropTable(id, false);
    }

    private static int readUncommitted(LogStore log) throws IOException {
        Map<Integer, Long> end = log.latestOffsets();
        Map<String, Object> properties = Map.of(
                "bootstrap.servers", kafka.bootstrapServers(),
                "isolation.level", "read_uncommitted",
                "key.deserializer", ByteArrayDeserializer.class,
                "value.deserializer", ByteArrayDeserializer.class);
        int count = 0;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(properties)) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (int p : end.keySet()) {
                partitions.add(new TopicPartition(((KafkaLogStore) log).topic(), p));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p.partition()))) {
                assertThat(System.nanoTime()).isLessThan(deadline);
                for (ConsumerRecord<byte[], byte[]> ignored : consumer.poll(Duration.ofMillis(200))) {
                    count++;
                }
            }
        }
        return count;
    }

    @Test
    void twoWritersOnOneTableAndTopicBothMakeProgress() throws Exception {
        FileSystemCatalog catalog = catalog();
        Identifier id = Identifier.of("db", "two_writers");
        catalog.createTable(id, schema(2, Map.of()), false);
        FileStoreTable table = catalog.getTable(id);
        String userA = "job-a-" + UUID.randomUUID();
        String userB = "job-b-" + UUID.randomUUID();
        Set<String> expected = new HashSet<>();
        try (LogStore log = LogStores.of(table).orElseThrow();
                TableWrite writeA = table.newWrite(false);
                TableWrite writeB = table.newWrite(false);
                LogWriter logA = log.newWriter(userA, bucket -> true);
                LogWriter logB = log.newWriter(userB, bucket -> true)) {
            TableCommit commitA = table.newCommit(userA);
            TableCommit commitB = table.newCommit(userB);
            for (int round = 1; round <= 5; round++) {
                // Both jobs hold open transactions on the same partitions at once, then commit in either order.
                for (int i = 0; i < 10; i++) {
                    InternalRow a = row(RowKind.INSERT, round * 100 + i, "a" + round);
                    InternalRow b = row(RowKind.INSERT, 10_000 + round * 100 + i, "b" + round);
                    writeA.write(a);
                    logA.write(a);
                    writeB.write(b);
                    logB.write(b);
                    expected.add("a" + round + ":" + (round * 100 + i));
                    expected.add("b" + round + ":" + (10_000 + round * 100 + i));
                }
                List<CommitMessage> messagesA = writeA.prepareCommit(false);
                Map<Integer, Long> offsetsA = logA.prepareCommit();
                List<CommitMessage> messagesB = writeB.prepareCommit(false);
                Map<Integer, Long> offsetsB = logB.prepareCommit();
                if (round % 2 == 0) {
                    logA.commit();
                    commitA.commit(round, messagesA, offsetsA);
                    logB.commit();
                    commitB.commit(round, messagesB, offsetsB);
                } else {
                    logB.commit();
                    commitB.commit(round, messagesB, offsetsB);
                    logA.commit();
                    commitA.commit(round, messagesA, offsetsA);
                }
            }
            assertThat(table.snapshotManager().latestSnapshotOfUser(userA).commitIdentifier()).isEqualTo(5);
            assertThat(table.snapshotManager().latestSnapshotOfUser(userB).commitIdentifier()).isEqualTo(5);
            Snapshot latest = table.snapshotManager().latestSnapshot();
            assertThat(latest.logOffsets()).containsOnlyKeys(0, 1);

            Set<String> inLog = new HashSet<>();
            for (LogRecord record : readToEnd(log, Map.of())) {
                assertThat(inLog.add(record.row().getString(1) + ":" + record.row().getInt(0))).isTrue();
            }
            assertThat(inLog).isEqualTo(expected);
            Set<String> inTable = new HashSet<>();
            for (InternalRow row : table.newReadBuilder().readAll()) {
                inTable.add(row.getString(1) + ":" + row.getInt(0));
            }
            assertThat(inTable).isEqualTo(expected);
        }
        TableTestSupport.assertNoOrphanAndNoMissingFiles(table);
    }

    @Test
    void anEventualUpsertLogCarriesNoUpdateBefore() throws Exception {
        FileSystemCatalog catalog = catalog();
        Identifier id = Identifier.of("db", "eventual");
        catalog.createTable(id, schema(2, Map.of("log.consistency", "eventual")), false);
        FileStoreTable table = catalog.getTable(id);
        try (LogStore log = LogStores.of(table).orElseThrow();
                LogWriter writer = log.newWriter("job", bucket -> true)) {
            writer.write(row(RowKind.INSERT, 1, "a"));
            writer.write(row(RowKind.UPDATE_BEFORE, 1, "a"));
            writer.write(row(RowKind.UPDATE_AFTER, 1, "b"));
            writer.write(row(RowKind.DELETE, 1, "b"));
            Map<Integer, Long> offsets = writer.prepareCommit();
            // Visible before any commit: eventual consistency sends at once.
            List<LogRecord> read = readToEnd(log, Map.of());
            assertThat(read).extracting(r -> r.row().getRowKind() + " " + r.row().getString(1))
                    .containsExactly("INSERT a", "UPDATE_AFTER b", "DELETE b");
            assertThat(offsets).containsExactly(Map.entry(read.get(0).bucket(), read.get(2).offset() + 1));
        }
    }

    @Test
    void recordsWrittenUnderAnOlderSchemaReadUnderTheNewOneByFieldId() throws Exception {
        FileSystemCatalog catalog = catalog();
        Identifier id = Identifier.of("db", "evolving");
        catalog.createTable(id, schema(2, Map.of()), false);
        FileStoreTable before = catalog.getTable(id);
        try (LogStore log = LogStores.of(before).orElseThrow();
                LogWriter writer = log.newWriter("job", bucket -> true)) {
            writer.write(row(RowKind.INSERT, 1, "old"));
            writer.prepareCommit();
            writer.commit();
        }
        catalog.alterTable(id, List.of(
                SchemaChange.renameColumn("v", "name"),
                SchemaChange.addColumn("added", DataTypes.BIGINT())), false);
        FileStoreTable after = catalog.getTable(id);
        try (LogStore log = LogStores.of(after).orElseThrow();
                LogWriter writer = log.newWriter("job", bucket -> true)) {
            writer.write(GenericRow.of(2, BinaryString.fromString("new"), 7L));
            writer.prepareCommit();
            writer.commit();
            List<LogRecord> read = readToEnd(log, Map.of());
            assertThat(read).extracting(r -> r.row().getInt(0) + " " + r.row().getString(1) + " "
                            + (r.row().isNullAt(2) ? "null" : Long.toString(r.row().getLong(2))))
                    .containsExactlyInAnyOrder("1 old null", "2 new 7");
        }
    }
}
