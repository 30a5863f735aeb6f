package io.tstore.spark.extensions;

import io.tstore.spark.SparkTestSupport;
import io.tstore.spark.procedures.Procedures;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The maintenance procedures through {@code CALL} of the session extension, with their effects on the table. */
class SparkProceduresTest {
    private static SparkTestSupport support;

    @BeforeAll
    static void start() {
        support = SparkTestSupport.start("procedures",
                Map.of("spark.sql.extensions", TStoreSparkSessionExtensions.class.getName()));
        support.sql("CREATE DATABASE db");
    }

    @AfterAll
    static void stop() {
        support.close();
    }

    @Test
    void compactMergesTheFilesOfEveryBucketOrOfSomePartitions() {
        support.sql("CREATE TABLE db.c (id BIGINT, dt STRING, v STRING) PARTITIONED BY (dt) "
                + "TBLPROPERTIES ('primary-key' = 'id,dt', 'bucket' = '1')");
        for (int i = 0; i < 3; i++) {
            support.sql("INSERT INTO db.c VALUES (" + i + ", 'a', 'x'), (" + i + ", 'b', 'y')");
        }
        assertThat(support.sql("SELECT partition, count(*) FROM db.`c$files` GROUP BY partition ORDER BY partition"))
                .containsExactly("[dt=a,3]", "[dt=b,3]");

        assertThat(support.sql("CALL tstore.system.compact(table => 'db.c', partitions => 'dt=a')")).containsExactly("[1]");
        assertThat(support.sql("SELECT partition, count(*) FROM db.`c$files` GROUP BY partition ORDER BY partition"))
                .containsExactly("[dt=a,1]", "[dt=b,3]");
        assertThat(support.sql("SELECT commit_kind FROM db.`c$snapshots` ORDER BY snapshot_id DESC LIMIT 1"))
                .containsExactly("[COMPACT]");

        assertThat(support.sql("CALL tstore.system.compact('db.c')")).containsExactly("[1]");
        assertThat(support.sql("SELECT count(*) FROM db.`c$files`")).containsExactly("[2]");
        assertThat(support.sql("SELECT count(*) FROM db.c")).containsExactly("[6]");
        assertThat(support.sql("CALL tstore.system.compact('db.c')")).containsExactly("[0]");
    }

    @Test
    void tagsAreCreatedAndDeleted() {
        support.sql("CREATE TABLE db.t (id BIGINT) TBLPROPERTIES ('bucket' = '1')");
        support.sql("INSERT INTO db.t VALUES (1)", "INSERT INTO db.t VALUES (2)");
        assertThat(support.sql("CALL tstore.system.create_tag('db.t', 'latest')")).containsExactly("[latest,2]");
        assertThat(support.sql("CALL tstore.system.create_tag(table => 'db.t', snapshot => 1, tag => 'first')"))
                .containsExactly("[first,1]");
        assertThat(support.sql("SELECT tag_name, snapshot_id FROM db.`t$tags` ORDER BY tag_name"))
                .containsExactly("[first,1]", "[latest,2]");
        assertThat(support.sql("SELECT * FROM db.t VERSION AS OF 'first'")).containsExactly("[1]");

        assertThat(support.sql("CALL tstore.system.delete_tag('db.t', 'first')")).containsExactly("[first,0]");
        assertThat(support.sql("SELECT tag_name FROM db.`t$tags`")).containsExactly("[latest]");
        assertThatThrownBy(() -> support.sql("CALL tstore.system.create_tag('db.t', 'again', 9)"))
                .hasMessageContaining("9");
        assertThat(support.sql("SELECT tag_name FROM db.`t$tags`")).containsExactly("[latest]");
    }

    @Test
    void rollbackGoesBackToASnapshotOrATag() {
        support.sql("CREATE TABLE db.r (id BIGINT) TBLPROPERTIES ('bucket' = '1')");
        for (int i = 1; i <= 4; i++) {
            support.sql("INSERT INTO db.r VALUES (" + i + ")");
        }
        support.sql("CALL tstore.system.create_tag('db.r', 'two', 2)");
        assertThat(support.sql("CALL tstore.system.rollback('db.r', 3)")).containsExactly("[3,1]");
        assertThat(support.sql("SELECT * FROM db.r ORDER BY id")).containsExactly("[1]", "[2]", "[3]");
        assertThat(support.sql("CALL tstore.system.rollback(table => 'db.r', snapshot_or_tag => 'two')"))
                .containsExactly("[2,1]");
        assertThat(support.sql("SELECT * FROM db.r ORDER BY id")).containsExactly("[1]", "[2]");
        assertThat(support.sql("SELECT snapshot_id FROM db.`r$snapshots`")).containsExactly("[1]", "[2]");
    }

    @Test
    void expireSnapshotsKeepsTheLatestOrThoseYoungerThanATime() throws Exception {
        support.sql("CREATE TABLE db.e (id BIGINT) TBLPROPERTIES ('bucket' = '1')");
        for (int i = 1; i <= 4; i++) {
            support.sql("INSERT INTO db.e VALUES (" + i + ")");
        }
        long third = support.table("db", "e").snapshotManager().snapshot(3).timeMillis();
        String time = LocalDateTime.ofInstant(Instant.ofEpochMilli(third), ZoneId.systemDefault()).toString().replace('T', ' ');
        // Snapshots committed before snapshot 3: 1 and 2.
        assertThat(support.sql("CALL tstore.system.expire_snapshots(table => 'db.e', older_than => TIMESTAMP '" + time + "')"))
                .containsExactly("[2,0]");
        assertThat(support.sql("SELECT snapshot_id FROM db.`e$snapshots`")).containsExactly("[3]", "[4]");
        assertThat(support.sql("CALL tstore.system.expire_snapshots('db.e', 1)")).containsExactly("[1,0]");
        assertThat(support.sql("SELECT snapshot_id FROM db.`e$snapshots`")).containsExactly("[4]");
        assertThat(support.sql("SELECT * FROM db.e ORDER BY id")).containsExactly("[1]", "[2]", "[3]", "[4]");
        assertThatThrownBy(() -> support.sql("CALL tstore.system.expire_snapshots('db.e', 0)"))
                .hasMessageContaining("retain_last").hasMessageContaining("db.e");
    }

    @Test
    void removeOrphanFilesDeletesOldFilesNothingRefersTo() throws Exception {
        support.sql("CREATE TABLE db.o (id BIGINT) TBLPROPERTIES ('bucket' = '1')");
        support.sql("INSERT INTO db.o VALUES (1)");
        Path bucket = Path.of(support.table("db", "o").location().toUri().getPath()).resolve("bucket-0");
        Path old = Files.writeString(bucket.resolve("data-orphan-old.orc"), "left behind");
        Files.setLastModifiedTime(old, FileTime.from(Instant.now().minus(Duration.ofDays(2))));
        Path recent = Files.writeString(bucket.resolve("data-orphan-recent.orc"), "being written");

        assertThat(support.sql("CALL tstore.system.remove_orphan_files('db.o')")).containsExactly("[1]");
        assertThat(old).doesNotExist();
        assertThat(recent).exists();
        String inFuture = LocalDateTime.now().plusMinutes(5).toString().replace('T', ' ');
        assertThat(support.sql("CALL tstore.system.remove_orphan_files(table => 'db.o', older_than => '" + inFuture + "')"))
                .containsExactly("[1]");
        assertThat(recent).doesNotExist();
        assertThat(support.sql("SELECT * FROM db.o")).containsExactly("[1]");
    }

    @Test
    void checkTableFindsAMissingDataFile() throws Exception {
        support.sql("CREATE TABLE db.k (id BIGINT) TBLPROPERTIES ('bucket' = '1')");
        support.sql("INSERT INTO db.k VALUES (1)");
        assertThat(support.sql("CALL tstore.system.check_table('db.k')")).singleElement().asString()
                .matches("\\[ok,db\\.k,\\d+ files checked]");
        Path bucket = Path.of(support.table("db", "k").location().toUri().getPath()).resolve("bucket-0");
        Path data;
        try (var files = Files.list(bucket)) {
            data = files.filter(p -> p.toString().endsWith(".orc")).findFirst().orElseThrow();
        }
        Files.delete(data);
        assertThat(support.sql("CALL tstore.system.check_table(table => 'db.k', scope => 'all')"))
                .containsExactly("[data file," + data + ",missing]");
        assertThatThrownBy(() -> support.sql("SELECT * FROM db.k").size())
                .hasStackTraceContaining("Table db.k: the data file " + data + " is missing");
    }

    @Test
    void badCallsAreClearErrorsAndOtherStatementsAreSparks() {
        support.sql("CREATE TABLE db.b (id BIGINT) TBLPROPERTIES ('bucket' = '1')");
        assertThatThrownBy(() -> support.sql("CALL tstore.system.vacuum('db.b')"))
                .hasMessageContaining("vacuum").hasMessageContaining("compact");
        assertThatThrownBy(() -> support.sql("CALL tstore.system.create_tag('db.b')"))
                .hasMessageContaining("tag");
        assertThatThrownBy(() -> support.sql("CALL tstore.system.create_tag('db.b', 'x', snapshot => 'one')"))
                .hasMessageContaining("snapshot").hasMessageContaining("one");
        assertThatThrownBy(() -> support.sql("CALL tstore.system.create_tag('db.b', tag => 'x', 'y')"))
                .hasMessageContaining("positional");
        assertThatThrownBy(() -> support.sql("CALL tstore.system.compact(table => id)"))
                .hasMessageContaining("constant");
        assertThatThrownBy(() -> support.sql("CALL tstore.system.compact(color => 'red', table => 'db.b')"))
                .hasMessageContaining("color");
        assertThatThrownBy(() -> support.sql("CALL tstore.system.compact('db.missing')"))
                .hasMessageContaining("db.missing");
        assertThat(support.sql("SELECT count(*) FROM db.`b$snapshots`")).containsExactly("[0]");
        assertThat(support.sql("SELECT 1 AS call")).containsExactly("[1]");
        assertThat(Procedures.all()).extracting(p -> p.name()).containsExactly(
                "compact", "create_tag", "delete_tag", "rollback", "expire_snapshots", "remove_orphan_files", "check_table");
    }
}
