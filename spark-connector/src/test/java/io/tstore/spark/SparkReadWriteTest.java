package io.tstore.spark;

import io.tstore.core.commit.CommitMessage;
import io.tstore.core.data.BinaryString;
import io.tstore.core.data.GenericRow;
import io.tstore.core.data.InternalRow;
import io.tstore.core.table.FileStoreTable;
import io.tstore.core.table.TableTestSupport;
import io.tstore.core.table.TableWrite;
import io.tstore.spark.read.SparkScan;

import org.apache.spark.sql.connector.read.InputPartition;
import org.apache.spark.sql.execution.datasources.v2.BatchScanExec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import scala.collection.JavaConverters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Reads and writes through Spark SQL: pushdown, time travel, system tables, inserts and overwrites, failures. */
class SparkReadWriteTest {
    private static SparkTestSupport support;

    @BeforeAll
    static void start() {
        support = SparkTestSupport.start("read-write");
        support.sql("CREATE DATABASE db");
    }

    @AfterAll
    static void stop() {
        support.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"orc", "parquet"})
    void upsertsAndOverwritesAPartitionedPrimaryKeyTable(String format) throws Exception {
        String t = "db.pk_" + format;
        support.sql("CREATE TABLE " + t + " (id BIGINT, dt STRING, v STRING) PARTITIONED BY (dt) "
                + "TBLPROPERTIES ('primary-key' = 'id,dt', 'bucket' = '2', 'file.format' = '" + format + "')");
        support.sql("INSERT INTO " + t + " VALUES (1, 'a', 'x'), (2, 'a', 'y'), (3, 'b', 'z')");
        support.sql("INSERT INTO " + t + " VALUES (1, 'a', 'x2'), (4, 'b', 'w')");
        assertThat(support.sql("SELECT * FROM " + t + " ORDER BY id"))
                .containsExactly("[1,a,x2]", "[2,a,y]", "[3,b,z]", "[4,b,w]");

        support.sql("INSERT OVERWRITE " + t + " PARTITION (dt = 'a') SELECT 5, 'v'");
        assertThat(support.sql("SELECT * FROM " + t + " ORDER BY id")).containsExactly("[3,b,z]", "[4,b,w]", "[5,a,v]");

        support.spark.conf().set("spark.sql.sources.partitionOverwriteMode", "dynamic");
        try {
            support.sql("INSERT OVERWRITE " + t + " VALUES (6, 'b', 'u'), (7, 'c', 't')");
        } finally {
            support.spark.conf().unset("spark.sql.sources.partitionOverwriteMode");
        }
        assertThat(support.sql("SELECT * FROM " + t + " ORDER BY id")).containsExactly("[5,a,v]", "[6,b,u]", "[7,c,t]");

        support.sql("INSERT OVERWRITE " + t + " SELECT 8, 'd', 's'");
        assertThat(support.sql("SELECT * FROM " + t)).containsExactly("[8,d,s]");
        TableTestSupport.assertNoOrphanAndNoMissingFiles(support.table("db", "pk_" + format));
    }

    @Test
    void appendsAndOverwritesAnAppendTable() throws Exception {
        support.sql("CREATE TABLE db.log (id INT, dt DATE, msg STRING) PARTITIONED BY (dt) TBLPROPERTIES ('bucket' = '2')");
        support.sql("INSERT INTO db.log VALUES (1, DATE '2024-05-01', 'a'), (1, DATE '2024-05-01', 'a'), "
                + "(2, DATE '2024-05-02', 'b')");
        assertThat(support.sql("SELECT count(*) FROM db.log")).containsExactly("[3]");
        support.sql("INSERT OVERWRITE db.log PARTITION (dt = DATE '2024-05-01') VALUES (3, 'c')");
        assertThat(support.sql("SELECT id, CAST(dt AS STRING), msg FROM db.log ORDER BY id"))
                .containsExactly("[2,2024-05-02,b]", "[3,2024-05-01,c]");
        TableTestSupport.assertNoOrphanAndNoMissingFiles(support.table("db", "log"));
    }

    @Test
    void prunesPartitionsAndPushesFilters() {
        support.sql("CREATE TABLE db.pruned (id INT, p INT, v INT) PARTITIONED BY (p) "
                + "TBLPROPERTIES ('primary-key' = 'id,p', 'bucket' = '1')");
        support.sql("INSERT INTO db.pruned SELECT CAST(id AS INT), CAST(id % 4 AS INT), CAST(id * 10 AS INT) FROM range(20)");

        SparkScan scan = scan("SELECT id, v FROM db.pruned WHERE p = 1 AND v > 50");
        assertThat(scan.splits()).hasSize(1); // one partition of four, one bucket
        assertThat(scan.readSchema().fieldNames()).containsExactly("id", "v");
        assertThat(support.sql("SELECT id, v FROM db.pruned WHERE p = 1 AND v > 50 ORDER BY id"))
                .containsExactly("[9,90]", "[13,130]", "[17,170]");
        assertThat(scan("SELECT * FROM db.pruned WHERE p IN (1, 2)").splits()).hasSize(2);
        assertThat(support.sql("SELECT * FROM db.pruned LIMIT 3")).hasSize(3);
        assertThat(support.sql("SELECT count(*) FROM db.pruned WHERE p = 3 OR v = 0")).containsExactly("[6]");
        assertThat(scan("SELECT * FROM db.pruned").estimateStatistics().numRows().getAsLong()).isEqualTo(20);
        // Statistics of the partitions the plan keeps; the size is the stored size, scaled by the columns read.
        assertThat(scan("SELECT * FROM db.pruned WHERE p IN (1, 2)").estimateStatistics().numRows().getAsLong())
                .isEqualTo(10);
        long fullSize = scan("SELECT * FROM db.pruned").estimateStatistics().sizeInBytes().getAsLong();
        assertThat(fullSize).isPositive();
        assertThat(scan("SELECT id FROM db.pruned").estimateStatistics().sizeInBytes().getAsLong()).isLessThan(fullSize);
    }

    @Test
    void travelsInTimeBySnapshotTagAndTimestamp() throws Exception {
        support.sql("CREATE TABLE db.tt (k INT, v STRING) TBLPROPERTIES ('primary-key' = 'k', 'bucket' = '1')");
        support.sql("INSERT INTO db.tt VALUES (1, 'one')");
        long afterFirst = System.currentTimeMillis();
        Thread.sleep(20);
        support.sql("INSERT INTO db.tt VALUES (1, 'uno'), (2, 'two')");
        FileStoreTable table = support.table("db", "tt");
        new io.tstore.core.tag.TagManager(table).createTag("first", 1);

        assertThat(support.sql("SELECT * FROM db.tt VERSION AS OF 1")).containsExactly("[1,one]");
        assertThat(support.sql("SELECT * FROM db.tt VERSION AS OF 'first'")).containsExactly("[1,one]");
        assertThat(support.sql("SELECT * FROM db.tt TIMESTAMP AS OF '"
                + new java.sql.Timestamp(afterFirst) + "'")).containsExactly("[1,one]");
        assertThat(support.sql("SELECT * FROM db.tt ORDER BY k")).containsExactly("[1,uno]", "[2,two]");
        assertThatThrownBy(() -> support.sql("SELECT * FROM db.tt VERSION AS OF 42"))
                .hasMessageContaining("db.tt").hasMessageContaining("42");
        assertThatThrownBy(() -> support.sql("SELECT * FROM db.tt VERSION AS OF 'nope'"))
                .hasMessageContaining("nope");
    }

    @Test
    void readsSystemTables() {
        support.sql("CREATE TABLE db.sys (k INT) TBLPROPERTIES ('bucket' = '1')");
        support.sql("INSERT INTO db.sys VALUES (1)");
        support.sql("INSERT INTO db.sys VALUES (2)");
        assertThat(support.sql("SELECT snapshot_id, commit_kind FROM db.`sys$snapshots` ORDER BY snapshot_id"))
                .containsExactly("[1,APPEND]", "[2,APPEND]");
        assertThat(support.sql("SELECT count(*) FROM tstore.db.`sys$files`")).containsExactly("[2]");
        assertThatThrownBy(() -> support.sql("SELECT * FROM db.`sys$nope`")).hasMessageContaining("nope");
    }

    @Test
    void aFailedWriteLeavesTheTableUnchangedAndNoFile() throws Exception {
        // Spark has no TIME type: the connector writes TIME columns from text, and the writer task fails on bad text
        // after it has written rows. One bucket, so one writer task: a second task killed while it flushes can leave
        // a file behind (see docs/spark.md, "Not built yet").
        support.catalog().coreCatalog().createTable(io.tstore.core.table.Identifier.of("db", "failing"),
                io.tstore.core.schema.Schema.newBuilder()
                        .column("k", io.tstore.core.types.DataTypes.INT())
                        .column("t", io.tstore.core.types.DataTypes.TIME())
                        .primaryKey("k").option("bucket", "1").build(), false);
        support.sql("INSERT INTO db.failing VALUES (1, '10:00')");
        assertThatThrownBy(() -> support.sql("INSERT INTO db.failing SELECT CAST(id AS INT), "
                + "IF(id = 57, 'not a time', '11:00') FROM range(200)"))
                .hasMessageContaining("not a time");
        assertThat(support.sql("SELECT * FROM db.failing")).containsExactly("[1,10:00]");
        TableTestSupport.assertNoOrphanAndNoMissingFiles(support.table("db", "failing"));
    }

    @Test
    void readsWhatTheCoreWroteAndTheReverse() throws Exception {
        support.sql("CREATE TABLE db.shared (id BIGINT, name STRING) TBLPROPERTIES ('primary-key' = 'id', 'bucket' = '2')");
        FileStoreTable table = support.table("db", "shared");
        try (TableWrite write = table.newWrite(false)) {
            write.write(GenericRow.of(1L, BinaryString.fromString("core")));
            write.write(GenericRow.of(2L, BinaryString.fromString("core")));
            table.newCommit(UUID.randomUUID().toString()).commit(1, write.prepareCommit(true));
        }
        support.sql("INSERT INTO db.shared VALUES (2, 'spark'), (3, 'spark')");
        assertThat(support.sql("SELECT * FROM db.shared ORDER BY id")).containsExactly("[1,core]", "[2,spark]", "[3,spark]");
        List<String> read = new ArrayList<>();
        for (InternalRow row : support.table("db", "shared").newReadBuilder().readAll()) {
            read.add(row.getLong(0) + "=" + row.getString(1));
        }
        assertThat(read).containsExactlyInAnyOrder("1=core", "2=spark", "3=spark");
    }

    @Test
    void splitsWriterFactoriesAndCommitMessagesSurviveJavaSerialization() throws Exception {
        support.sql("CREATE TABLE db.ser (k INT, v STRING) TBLPROPERTIES ('primary-key' = 'k', 'bucket' = '2')");
        support.sql("INSERT INTO db.ser VALUES (1, 'a'), (2, 'b'), (3, 'c')");
        SparkScan scan = scan("SELECT * FROM db.ser");
        List<String> rows = new ArrayList<>();
        var factory = roundTrip(scan.createReaderFactory());
        for (InputPartition partition : scan.planInputPartitions()) {
            try (var reader = factory.createReader(roundTrip(partition))) {
                while (reader.next()) {
                    rows.add(reader.get().getInt(0) + reader.get().getUTF8String(1).toString());
                }
            }
        }
        assertThat(rows).containsExactlyInAnyOrder("1a", "2b", "3c");

        FileStoreTable table = support.table("db", "ser");
        var write = (io.tstore.spark.write.SparkWrite) new SparkTable(table)
                .newWriteBuilder(new WriteInfo(table)).build();
        var writerFactory = roundTrip(write.createBatchWriterFactory(null));
        var writer = writerFactory.createWriter(0, 0);
        writer.write(new org.apache.spark.sql.catalyst.expressions.GenericInternalRow(
                new Object[] {4, org.apache.spark.unsafe.types.UTF8String.fromString("d")}));
        var message = roundTrip(writer.commit());
        writer.close();
        List<CommitMessage> messages = ((io.tstore.spark.write.SparkCommitMessage) message).messages();
        assertThat(messages).hasSize(1);
        write.commit(new org.apache.spark.sql.connector.write.WriterCommitMessage[] {message});
        assertThat(support.sql("SELECT * FROM db.ser WHERE k = 4")).containsExactly("[4,d]");
    }

    private static SparkScan scan(String query) {
        var plan = support.spark.sql(query).queryExecution().executedPlan();
        List<SparkScan> scans = new ArrayList<>();
        for (var node : JavaConverters.seqAsJavaList(plan.collectLeaves())) {
            if (node instanceof BatchScanExec batch) {
                scans.add((SparkScan) batch.scan());
            }
        }
        assertThat(scans).hasSize(1);
        return scans.get(0);
    }

    @SuppressWarnings("unchecked")
    private static <T> T roundTrip(T value) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (T) in.readObject();
        }
    }

    private record WriteInfo(FileStoreTable table) implements org.apache.spark.sql.connector.write.LogicalWriteInfo {
        @Override
        public org.apache.spark.sql.util.CaseInsensitiveStringMap options() {
            return org.apache.spark.sql.util.CaseInsensitiveStringMap.empty();
        }

        @Override
        public String queryId() {
            return "test";
        }

        @Override
        public org.apache.spark.sql.types.StructType schema() {
            return SparkTypes.toSpark(table.rowType());
        }
    }
}
