package io.tstore.trino;

import io.trino.testing.DistributedQueryRunner;
import io.trino.testing.MaterializedRow;
import io.tstore.core.catalog.FileSystemCatalog;
import io.tstore.core.table.FileStoreTable;
import io.tstore.core.table.Identifier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.StringJoiner;
import java.util.TreeMap;

import static io.tstore.core.table.TableTestSupport.assertNoOrphanAndNoMissingFiles;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Writes through the real engine (a coordinator and a worker): the insert layout (one writer per bucket), ALTER
 * TABLE through the core's schema evolution, and DELETE, UPDATE and MERGE on primary-key tables through the merge
 * sink, checked against a model.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TStoreWriteTest {
    private DistributedQueryRunner runner;
    private FileSystemCatalog catalog;

    @BeforeAll
    void start() throws Exception {
        Path warehouse = Files.createTempDirectory("tstore-trino-write");
        runner = TStoreQueryRunner.create(warehouse, Map.of());
        runner.execute("CREATE SCHEMA tstore.db");
        catalog = FileSystemCatalog.create(warehouse.toUri().toString(), Map.of());
    }

    @AfterAll
    void stop() {
        if (runner != null) {
            runner.close();
        }
    }

    private List<List<Object>> rows(String sql) {
        List<List<Object>> rows = new ArrayList<>();
        for (MaterializedRow row : runner.execute(sql).getMaterializedRows()) {
            rows.add(row.getFields());
        }
        return rows;
    }

    private FileStoreTable table(String name) throws Exception {
        return catalog.getTable(Identifier.of("db", name));
    }

    private long latestSnapshot(String name) throws Exception {
        return table(name).snapshotManager().latestSnapshotId().orElse(0);
    }

    // ------------------------------------------------------------------------------------------ insert layout

    @Test
    void eachBucketIsWrittenByOneWriter() throws Exception {
        // A source of several splits, so that several tasks produce rows of every bucket.
        runner.execute("CREATE TABLE layout_src (k BIGINT, p VARCHAR) WITH (bucket = 4)");
        runner.execute("INSERT INTO layout_src SELECT x, CASE x % 3 WHEN 0 THEN 'a' WHEN 1 THEN 'b' ELSE 'c' END FROM UNNEST(sequence(1, 600)) AS t(x)");
        runner.execute("CREATE TABLE layout (k BIGINT, p VARCHAR, v VARCHAR) WITH (primary_key = ARRAY['p', 'k'], partitioned_by = ARRAY['p'], bucket = 5)");
        runner.execute("INSERT INTO layout SELECT k, p, 'v' || CAST(k AS VARCHAR) FROM layout_src");

        // One level-0 file per (partition, bucket): one writer flushed each bucket once.
        List<List<Object>> files = rows("SELECT partition, bucket, count(*) FROM \"layout$files\" GROUP BY partition, bucket");
        assertThat(files).hasSize(15);
        assertThat(files).allSatisfy(row -> assertThat(row.get(2)).isEqualTo(1L));
        assertThat(rows("SELECT count(*), sum(k), count(DISTINCT v) FROM layout")).containsExactly(List.of(600L, 180300L, 600L));
        assertThat(rows("SELECT v FROM layout WHERE p = 'a' AND k = 300")).containsExactly(List.of("v300"));

        // CREATE TABLE AS gets the layout of the table it creates.
        runner.execute("CREATE TABLE layout_ctas WITH (primary_key = ARRAY['k'], bucket = 3) AS SELECT k, p FROM layout_src");
        List<List<Object>> ctasFiles = rows("SELECT bucket, count(*) FROM \"layout_ctas$files\" GROUP BY bucket");
        assertThat(ctasFiles).hasSize(3).allSatisfy(row -> assertThat(row.get(1)).isEqualTo(1L));
        assertThat(rows("SELECT count(*) FROM layout_ctas")).containsExactly(List.of(600L));
        assertNoOrphanAndNoMissingFiles(table("layout"));
        assertNoOrphanAndNoMissingFiles(table("layout_ctas"));
    }

    // ------------------------------------------------------------------------------------------ ALTER TABLE

    @Test
    void alterTableAddRenameDropColumnsAndSetProperties() throws Exception {
        runner.execute("CREATE TABLE evolve (k INTEGER, v VARCHAR) WITH (primary_key = ARRAY['k'], bucket = 2)");
        runner.execute("INSERT INTO evolve VALUES (1, 'a'), (2, 'b')");
        runner.execute("ALTER TABLE evolve ADD COLUMN n BIGINT");
        runner.execute("INSERT INTO evolve VALUES (3, 'c', 30)");
        assertThat(rows("SELECT k, v, n FROM evolve ORDER BY k")).containsExactly(
                Arrays.asList(1, "a", null), Arrays.asList(2, "b", null), List.of(3, "c", 30L));
        runner.execute("ALTER TABLE evolve RENAME COLUMN v TO name");
        assertThat(rows("SELECT name FROM evolve WHERE k = 1")).containsExactly(List.of("a"));
        runner.execute("ALTER TABLE evolve DROP COLUMN n");
        assertThat(rows("SELECT column_name FROM information_schema.columns WHERE table_name = 'evolve' ORDER BY ordinal_position"))
                .containsExactly(List.of("k"), List.of("name"));
        assertThat(rows("SELECT k, name FROM evolve WHERE k = 3")).containsExactly(List.of(3, "c"));
        // An added column comes back empty, not with the values of the dropped one of the same name.
        runner.execute("ALTER TABLE evolve ADD COLUMN n BIGINT");
        assertThat(rows("SELECT count(*) FROM evolve WHERE n IS NULL")).containsExactly(List.of(3L));

        runner.execute("ALTER TABLE evolve SET PROPERTIES options = MAP(ARRAY['snapshot.num-retained.min'], ARRAY['7'])");
        assertThat(table("evolve").schema().optionsMap()).containsEntry("snapshot.num-retained.min", "7");

        long schemas = (long) runner.execute("SELECT count(*) FROM \"evolve$schemas\"").getOnlyValue();
        assertThatThrownBy(() -> runner.execute("ALTER TABLE evolve DROP COLUMN k"))
                .hasMessageContaining("k").hasMessageContaining("db.evolve");
        assertThatThrownBy(() -> runner.execute("ALTER TABLE evolve SET PROPERTIES bucket = 8"))
                .hasMessageContaining("bucket").hasMessageContaining("db.evolve");
        assertThatThrownBy(() -> runner.execute("ALTER TABLE evolve SET PROPERTIES primary_key = ARRAY['name']"))
                .hasMessageContaining("primary_key").hasMessageContaining("fixed");
        assertThatThrownBy(() -> runner.execute("ALTER TABLE evolve SET PROPERTIES options = MAP(ARRAY['no-such-option'], ARRAY['1'])"))
                .hasMessageContaining("no-such-option");
        assertThat(runner.execute("SELECT count(*) FROM \"evolve$schemas\"").getOnlyValue()).isEqualTo(schemas);
    }

    // ------------------------------------------------------------------------------------------ DELETE, UPDATE, MERGE

    @Test
    void deleteAndUpdateWriteRecordsAndCommitOnce() throws Exception {
        runner.execute("CREATE TABLE dml (k INTEGER, p VARCHAR, v BIGINT, s VARCHAR NOT NULL) WITH (primary_key = ARRAY['p', 'k'], partitioned_by = ARRAY['p'], bucket = 3)");
        runner.execute("INSERT INTO dml SELECT x, CASE WHEN x % 2 = 0 THEN 'even' ELSE 'odd' END, x * 10, 's' FROM UNNEST(sequence(1, 20)) AS t(x)");
        List<Object> filesBefore = rows("SELECT file_path FROM \"dml$files\"").stream().map(r -> r.get(0)).toList();

        runner.execute("DELETE FROM dml WHERE k > 15");
        assertThat(latestSnapshot("dml")).isEqualTo(2);
        runner.execute("UPDATE dml SET v = v + 1, s = 'u' WHERE p = 'odd'");
        assertThat(latestSnapshot("dml")).isEqualTo(3);
        assertThat(rows("SELECT count(*), sum(v) FROM dml")).containsExactly(List.of(15L, 1200L + 8L));
        assertThat(rows("SELECT k, v, s FROM dml WHERE k IN (1, 2) ORDER BY k")).containsExactly(List.of(1, 11L, "u"), List.of(2, 20L, "s"));
        // No file was rewritten: the files of the insert are all still there, beside the new ones.
        List<Object> filesAfter = rows("SELECT file_path FROM \"dml$files\"").stream().map(r -> r.get(0)).toList();
        assertThat(filesAfter).containsAll(filesBefore);
        // DELETE without a match commits nothing new that changes rows.
        runner.execute("DELETE FROM dml WHERE k = 999");
        assertThat(rows("SELECT count(*) FROM dml")).containsExactly(List.of(15L));
        assertNoOrphanAndNoMissingFiles(table("dml"));
    }

    @Test
    void clearErrorsForWhatTheTableCannotDo() throws Exception {
        runner.execute("CREATE TABLE guarded (k INTEGER, p VARCHAR, v INTEGER) WITH (primary_key = ARRAY['p', 'k'], partitioned_by = ARRAY['p'])");
        runner.execute("INSERT INTO guarded VALUES (1, 'a', 1)");
        assertThatThrownBy(() -> runner.execute("UPDATE guarded SET k = 2"))
                .hasMessageContaining("'k'").hasMessageContaining("db.guarded").hasMessageContaining("primary key");
        assertThatThrownBy(() -> runner.execute("UPDATE guarded SET p = 'b'"))
                .hasMessageContaining("'p'").hasMessageContaining("db.guarded");

        runner.execute("CREATE TABLE appended (k INTEGER, v INTEGER)");
        runner.execute("INSERT INTO appended VALUES (1, 1)");
        assertThatThrownBy(() -> runner.execute("DELETE FROM appended WHERE k = 1"))
                .hasMessageContaining("db.appended").hasMessageContaining("no primary key");

        runner.execute("CREATE TABLE firsts (k INTEGER, v INTEGER) WITH (primary_key = ARRAY['k'], options = MAP(ARRAY['merge-engine'], ARRAY['first-row']))");
        assertThatThrownBy(() -> runner.execute("UPDATE firsts SET v = 2"))
                .hasMessageContaining("db.firsts").hasMessageContaining("first-row");

        runner.execute("CREATE TABLE partial (k INTEGER, a INTEGER, b INTEGER) WITH (primary_key = ARRAY['k'], options = MAP(ARRAY['merge-engine'], ARRAY['partial-update']))");
        runner.execute("INSERT INTO partial VALUES (1, 1, NULL)");
        runner.execute("INSERT INTO partial VALUES (1, NULL, 2)");
        runner.execute("UPDATE partial SET a = 10 WHERE k = 1");
        assertThat(rows("SELECT k, a, b FROM partial")).containsExactly(List.of(1, 10, 2));
        long before = latestSnapshot("partial");
        assertThatThrownBy(() -> runner.execute("DELETE FROM partial WHERE k = 1"))
                .hasMessageContaining("db.partial").hasMessageContaining("partial-update");
        assertThat(latestSnapshot("partial")).isEqualTo(before);
        assertNoOrphanAndNoMissingFiles(table("partial"));
        for (String name : List.of("guarded", "appended")) {
            assertThat(latestSnapshot(name)).isEqualTo(1);
        }
    }

    @Test
    void mergeMatchesARandomModel() throws Exception {
        runner.execute("CREATE TABLE merged (k INTEGER, v BIGINT, s VARCHAR) WITH (primary_key = ARRAY['k'], bucket = 3)");
        TreeMap<Integer, List<Object>> model = new TreeMap<>();
        Random random = new Random(42);
        for (int round = 0; round < 4; round++) {
            // A source of distinct keys: d deletes a match, u updates it, i inserts where there is none.
            Map<Integer, String> ops = new HashMap<>();
            StringJoiner values = new StringJoiner(", ");
            for (int i = 0; i < 12; i++) {
                int k = random.nextInt(30);
                if (ops.containsKey(k)) {
                    continue;
                }
                String op = List.of("d", "u", "i").get(random.nextInt(3));
                long v = random.nextInt(1000);
                ops.put(k, op);
                values.add("(" + k + ", " + v + ", '" + op + "')");
                List<Object> current = model.get(k);
                if (current != null && op.equals("d")) {
                    model.remove(k);
                } else if (current != null) {
                    model.put(k, List.of(k, v, "u" + round));
                } else if (!op.equals("d")) {
                    model.put(k, List.of(k, v, "i" + round));
                }
            }
            runner.execute("MERGE INTO merged t USING (VALUES " + values + ") AS src(k, v, op) ON t.k = src.k "
                    + "WHEN MATCHED AND src.op = 'd' THEN DELETE "
                    + "WHEN MATCHED THEN UPDATE SET v = src.v, s = 'u" + round + "' "
                    + "WHEN NOT MATCHED AND src.op <> 'd' THEN INSERT VALUES (src.k, src.v, 'i" + round + "')");
            if (round % 2 == 1) {
                int bound = random.nextInt(500);
                runner.execute("UPDATE merged SET v = v + 1 WHERE v < " + bound);
                model.replaceAll((k, row) -> (long) row.get(1) < bound ? List.of(k, (long) row.get(1) + 1, row.get(2)) : row);
                runner.execute("DELETE FROM merged WHERE k % 7 = " + round);
                final int r = round;
                model.keySet().removeIf(k -> k % 7 == r);
            }
            assertThat(rows("SELECT k, v, s FROM merged ORDER BY k")).as("round " + round).containsExactlyElementsOf(model.values());
        }
        assertNoOrphanAndNoMissingFiles(table("merged"));
    }

    // ------------------------------------------------------------------------------------------ procedures

    @Test
    void optimizeExpireSnapshotsAndRemoveOrphanFiles() throws Exception {
        runner.execute("CREATE TABLE maintained (k INTEGER, v VARCHAR) WITH (primary_key = ARRAY['k'], bucket = 2)");
        for (int i = 0; i < 3; i++) {
            runner.execute("INSERT INTO maintained SELECT x, 'v" + i + "' FROM UNNEST(sequence(1, 20)) AS t(x)");
        }
        assertThat(rows("SELECT bucket, count(*) FROM \"maintained$files\" GROUP BY bucket")).allSatisfy(row -> assertThat(row.get(1)).isEqualTo(3L));

        assertThat(rows("ALTER TABLE maintained EXECUTE optimize")).containsExactly(List.of("compacted_buckets", 2L));
        assertThat(rows("SELECT bucket, count(*) FROM \"maintained$files\" GROUP BY bucket")).hasSize(2)
                .allSatisfy(row -> assertThat(row.get(1)).isEqualTo(1L));
        assertThat(rows("SELECT commit_kind FROM \"maintained$snapshots\" ORDER BY snapshot_id DESC LIMIT 1")).containsExactly(List.of("COMPACT"));
        assertThat(rows("SELECT count(*), min(v), max(v) FROM maintained")).containsExactly(List.of(20L, "v2", "v2"));

        assertThatThrownBy(() -> runner.execute("ALTER TABLE maintained EXECUTE expire_snapshots(retain_last => 0)"))
                .hasMessageContaining("retain_last").hasMessageContaining("db.maintained");
        assertThatThrownBy(() -> runner.execute("ALTER TABLE maintained EXECUTE expire_snapshots(older_than => 'soon')"))
                .hasMessageContaining("older_than").hasMessageContaining("soon");
        assertThat(rows("ALTER TABLE maintained EXECUTE expire_snapshots(retain_last => 2)")).contains(List.of("expired_snapshots", 2L));
        assertThat(rows("SELECT snapshot_id FROM \"maintained$snapshots\" ORDER BY 1")).containsExactly(List.of(3L), List.of(4L));
        // Everything younger than a day is kept, whatever retain_last says.
        runner.execute("ALTER TABLE maintained EXECUTE expire_snapshots(retain_last => 1, older_than => '1d')");
        assertThat(rows("SELECT count(*) FROM \"maintained$snapshots\"")).containsExactly(List.of(2L));
        assertThat(rows("SELECT count(*), min(v) FROM maintained")).containsExactly(List.of(20L, "v2"));
        assertNoOrphanAndNoMissingFiles(table("maintained"));

        FileStoreTable table = table("maintained");
        Path bucket = Path.of(table.location().toUri().getPath(), "bucket-0");
        Path old = Files.writeString(bucket.resolve("data-left-by-a-crash.orc"), "x");
        Files.setLastModifiedTime(old, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() - java.time.Duration.ofDays(2).toMillis()));
        Path fresh = Files.writeString(bucket.resolve("data-being-written.orc"), "x");
        assertThat(rows("ALTER TABLE maintained EXECUTE remove_orphan_files")).containsExactly(List.of("removed_files", 1L));
        assertThat(old).doesNotExist();
        assertThat(fresh).exists();
        runner.execute("ALTER TABLE maintained EXECUTE remove_orphan_files(older_than => '0s')");
        assertThat(fresh).doesNotExist();
        assertThat(rows("SELECT count(*) FROM maintained")).containsExactly(List.of(20L));
        assertNoOrphanAndNoMissingFiles(table("maintained"));

        // check_table: sound, then a data file goes missing.
        assertThat(rows("ALTER TABLE maintained EXECUTE check_table(scope => 'all')")).singleElement()
                .satisfies(row -> assertThat(row.get(0)).isEqualTo("checked_files"));
        try (var files = Files.list(bucket)) {
            for (Path data : files.filter(p -> p.getFileName().toString().startsWith("data-")).toList()) {
                Files.delete(data);
            }
        }
        assertThatThrownBy(() -> runner.execute("ALTER TABLE maintained EXECUTE check_table"))
                .hasMessageContaining("Table db.maintained has 1 damaged or missing files: data file ")
                .hasMessageContaining("/db.db/maintained/bucket-0/data-").hasMessageContaining(": missing");
        assertThatThrownBy(() -> runner.execute("SELECT max(v) FROM maintained"))
                .hasMessageContaining("Table db.maintained: the data file ")
                .hasMessageContaining("/db.db/maintained/bucket-0/data-").hasMessageContaining(" is missing");
        assertThatThrownBy(() -> runner.execute("ALTER TABLE maintained EXECUTE check_table(scope => 'some')"))
                .hasMessageContaining("scope").hasMessageContaining("some");
    }

    // ------------------------------------------------------------------------------------------ table_changes

    @Test
    void tableChangesBetweenTwoSnapshots() throws Exception {
        runner.execute("CREATE TABLE chg (k INTEGER, v VARCHAR) WITH (primary_key = ARRAY['k'], bucket = 2)");
        runner.execute("INSERT INTO chg VALUES (1, 'a'), (2, 'b')");
        runner.execute("UPDATE chg SET v = 'B' WHERE k = 2");
        runner.execute("DELETE FROM chg WHERE k = 1");
        String changes = "SELECT _row_kind, _snapshot_id, k, v FROM TABLE(tstore.system.table_changes(schema_name => 'db', table_name => 'chg', start_snapshot => %s%s)) ORDER BY 2, 3";
        assertThat(rows(changes.formatted(0, ""))).containsExactly(
                List.of("+I", 1L, 1, "a"), List.of("+I", 1L, 2, "b"), List.of("+U", 2L, 2, "B"), Arrays.asList("-D", 3L, 1, null));
        assertThat(rows(changes.formatted(1, ", end_snapshot => 2"))).containsExactly(List.of("+U", 2L, 2, "B"));
        assertThat(rows("SELECT count(*) FROM TABLE(tstore.system.table_changes(schema_name => 'db', table_name => 'chg', start_snapshot => 2))"))
                .containsExactly(List.of(1L));
        assertThatThrownBy(() -> runner.execute(changes.formatted(2, ", end_snapshot => 1"))).hasMessageContaining("db.chg").hasMessageContaining("end_snapshot");
        assertThatThrownBy(() -> runner.execute(changes.formatted(0, ", end_snapshot => 9"))).hasMessageContaining("latest snapshot 3");
        assertThatThrownBy(() -> runner.execute("SELECT * FROM TABLE(tstore.system.table_changes(schema_name => 'db', table_name => 'nope', start_snapshot => 0))"))
                .hasMessageContaining("nope");
    }
}
