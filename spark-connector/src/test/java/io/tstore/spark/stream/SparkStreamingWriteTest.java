package io.tstore.spark.stream;

import io.tstore.spark.SparkTestSupport;

import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.Trigger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Structured Streaming writes: upserts per micro-batch, and a micro-batch run again after a restart. */
class SparkStreamingWriteTest {
    private static SparkTestSupport support;

    @BeforeAll
    static void start() {
        support = SparkTestSupport.start("streaming-write");
        support.sql("CREATE DATABASE db");
    }

    @AfterAll
    static void stop() {
        support.close();
    }

    @Test
    void aStreamUpsertsIntoAPrimaryKeyTable() throws Exception {
        support.sql("CREATE TABLE db.src (id BIGINT, v STRING) TBLPROPERTIES ('bucket' = '2')");
        support.sql("CREATE TABLE db.dst (id BIGINT, v STRING) TBLPROPERTIES ('primary-key' = 'id', 'bucket' = '2')");
        StreamingQuery query = support.spark.readStream().table("tstore.db.src")
                .writeStream()
                .option("checkpointLocation", checkpoint().toString())
                .toTable("tstore.db.dst");
        try {
            support.sql("INSERT INTO db.src VALUES (1, 'a'), (2, 'b')");
            query.processAllAvailable();
            assertThat(support.sql("SELECT * FROM db.dst ORDER BY id")).containsExactly("[1,a]", "[2,b]");
            support.sql("INSERT INTO db.src VALUES (1, 'c'), (3, 'd')");
            query.processAllAvailable();
            support.sql("INSERT INTO db.src VALUES (2, 'e')");
            query.processAllAvailable();
        } finally {
            query.stop();
        }
        assertThat(support.sql("SELECT * FROM db.dst ORDER BY id")).containsExactly("[1,c]", "[2,e]", "[3,d]");
        // One APPEND snapshot per micro-batch with rows, committed as the query's commit user.
        assertThat(support.sql("SELECT DISTINCT commit_user FROM db.`dst$snapshots`"))
                .containsExactly("[" + SparkStreamingWrite.commitUser(query.id().toString()) + "]");
    }

    @Test
    void aMicroBatchRunAgainAfterARestartIsNotWrittenTwice() throws Exception {
        support.sql("CREATE TABLE db.events (id BIGINT) TBLPROPERTIES ('bucket' = '2')");
        support.sql("CREATE TABLE db.copy (id BIGINT) TBLPROPERTIES ('bucket' = '2')");
        support.sql("INSERT INTO db.events VALUES (1), (2)", "INSERT INTO db.events VALUES (3)");
        Path checkpoint = checkpoint();
        copyAvailable(checkpoint);
        assertThat(support.sql("SELECT * FROM db.copy ORDER BY id")).containsExactly("[1]", "[2]", "[3]");
        long snapshots = support.table("db", "copy").snapshotManager().latestSnapshotId().getAsLong();

        // The batch's commit landed, but the query stopped before Spark logged it as committed: after a restart,
        // Spark runs that epoch again; the sink finds it committed by (query, epoch) and writes nothing.
        Path commits = checkpoint.resolve("commits");
        long last;
        try (Stream<Path> files = Files.list(commits)) {
            last = files.map(f -> f.getFileName().toString()).filter(n -> n.matches("\\d+"))
                    .mapToLong(Long::parseLong).max().orElseThrow();
        }
        Files.delete(commits.resolve(String.valueOf(last)));
        Files.deleteIfExists(commits.resolve("." + last + ".crc"));
        copyAvailable(checkpoint);
        assertThat(support.sql("SELECT * FROM db.copy ORDER BY id")).containsExactly("[1]", "[2]", "[3]");
        assertThat(support.table("db", "copy").snapshotManager().latestSnapshotId().getAsLong()).isEqualTo(snapshots);
        // The replay's files were deleted: every data file in the table's directory is in the table.
        assertThat(dataFiles("copy")).hasSameSizeAs(support.sql("SELECT file_path FROM db.`copy$files`"));

        support.sql("INSERT INTO db.events VALUES (4)");
        copyAvailable(checkpoint);
        assertThat(support.sql("SELECT * FROM db.copy ORDER BY id")).containsExactly("[1]", "[2]", "[3]", "[4]");
    }

    private static void copyAvailable(Path checkpoint) throws Exception {
        StreamingQuery query = support.spark.readStream().table("tstore.db.events")
                .writeStream()
                .option("checkpointLocation", checkpoint.toString())
                .trigger(Trigger.AvailableNow())
                .toTable("tstore.db.copy");
        query.awaitTermination();
    }

    private static List<Path> dataFiles(String table) throws Exception {
        try (Stream<Path> files = Files.walk(Path.of(support.table("db", table).location().toUri().getPath()))) {
            return files.filter(f -> f.getFileName().toString().startsWith("data-")).toList();
        }
    }

    private static Path checkpoint() {
        return support.warehouse.resolve("checkpoints").resolve(UUID.randomUUID().toString());
    }
}
