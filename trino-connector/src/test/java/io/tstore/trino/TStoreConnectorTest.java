package io.tstore.trino;

import io.trino.testing.DistributedQueryRunner;
import io.trino.testing.MaterializedResult;
import io.trino.testing.MaterializedRow;
import io.tstore.core.catalog.FileSystemCatalog;
import io.tstore.core.commit.CommitMessage;
import io.tstore.core.data.BinaryString;
import io.tstore.core.data.GenericRow;
import io.tstore.core.schema.Schema;
import io.tstore.core.table.FileStoreTable;
import io.tstore.core.table.Identifier;
import io.tstore.core.table.TableWrite;
import io.tstore.core.tag.TagManager;
import io.tstore.core.types.DataTypes;
import io.tstore.lsm.RowKind;
import io.tstore.shell.ShellOptions;
import io.tstore.shell.StatementSplitter;
import io.tstore.trino.shell.TrinoShell;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.tstore.core.table.TableTestSupport.assertNoOrphanAndNoMissingFiles;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Statements through the real engine (a coordinator and a worker, every handle crossing JSON) against the tstore
 * catalog: one query runner for the whole class, each test on tables of its own.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TStoreConnectorTest {
    private Path warehouse;
    private DistributedQueryRunner runner;
    private FileSystemCatalog catalog;

    @BeforeAll
    void start() throws Exception {
        warehouse = Files.createTempDirectory("tstore-trino");
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

    private MaterializedResult query(String sql) {
        return runner.execute(sql);
    }

    private List<List<Object>> rows(String sql) {
        List<List<Object>> rows = new ArrayList<>();
        for (MaterializedRow row : query(sql).getMaterializedRows()) {
            rows.add(row.getFields());
        }
        return rows;
    }

    private FileStoreTable table(String name) throws Exception {
        return catalog.getTable(Identifier.of("db", name));
    }

    @Test
    void primaryKeyTableKeepsTheLatestRowOfEachKey() throws Exception {
        query("CREATE TABLE pk (id BIGINT, name VARCHAR, score DOUBLE) WITH (primary_key = ARRAY['id'], bucket = 2)");
        query("INSERT INTO pk VALUES (1, 'a', 1.0), (2, 'b', 2.0), (3, 'c', 3.0)");
        query("INSERT INTO pk VALUES (2, 'B', 20.0)");
        assertThat(rows("SELECT id, name, score FROM pk ORDER BY id")).containsExactly(
                List.of(1L, "a", 1.0), List.of(2L, "B", 20.0), List.of(3L, "c", 3.0));
        assertThat(rows("SELECT name FROM pk WHERE id = 2")).containsExactly(List.of("B"));
        assertThat(rows("SELECT name FROM pk WHERE id IN (1, 3) ORDER BY 1")).containsExactly(List.of("a"), List.of("c"));
        assertThat(query("SELECT count(*) FROM pk").getOnlyValue()).isEqualTo(3L);
        // One snapshot per statement.
        assertThat(table("pk").snapshotManager().latestSnapshotId().getAsLong()).isEqualTo(2L);
        assertNoOrphanAndNoMissingFiles(table("pk"));
    }

    @Test
    void aValueFilterNeverResurrectsAnOlderVersionOfAKey() {
        query("CREATE TABLE versions (id INTEGER, v INTEGER) WITH (primary_key = ARRAY['id'])");
        query("INSERT INTO versions VALUES (1, 10), (2, 20)");
        query("INSERT INTO versions VALUES (1, 5)");
        assertThat(rows("SELECT id FROM versions WHERE v = 10")).isEmpty();
        assertThat(rows("SELECT id, v FROM versions WHERE v < 15 ORDER BY id")).containsExactly(List.of(1, 5));
    }

    @Test
    void partitionedAppendTableWithPartitionFilterAndLimit() throws Exception {
        query("CREATE TABLE events (day VARCHAR, n BIGINT) WITH (partitioned_by = ARRAY['day'])");
        query("INSERT INTO events SELECT CASE WHEN x % 2 = 0 THEN '2024-01-01' ELSE '2024-01-02' END, x FROM UNNEST(sequence(1, 100)) AS t(x)");
        assertThat(query("SELECT count(*) FROM events WHERE day = '2024-01-01'").getOnlyValue()).isEqualTo(50L);
        assertThat(query("SELECT sum(n) FROM events WHERE day = '2024-01-02'").getOnlyValue()).isEqualTo(2500L);
        assertThat(query("SELECT count(*) FROM events WHERE day = '2024-01-03'").getOnlyValue()).isEqualTo(0L);
        assertThat(query("SELECT * FROM events LIMIT 7").getRowCount()).isEqualTo(7);
        assertThat(query("SELECT n FROM events WHERE day = '2024-01-01' LIMIT 3").getRowCount()).isEqualTo(3);
        assertNoOrphanAndNoMissingFiles(table("events"));
    }

    @Test
    void createTableAsSelectShowCreateAndDrop() throws Exception {
        query("CREATE TABLE ctas WITH (primary_key = ARRAY['k'], bucket = 3, options = MAP(ARRAY['file.format'], ARRAY['parquet'])) "
                + "AS SELECT x AS k, CAST(x * 2 AS VARCHAR) AS v FROM UNNEST(sequence(1, 10)) AS t(x)");
        assertThat(query("SELECT count(*), sum(k) FROM ctas").getMaterializedRows().get(0).getFields()).containsExactly(10L, 55L);
        FileStoreTable table = table("ctas");
        assertThat(table.primaryKeys()).containsExactly("k");
        assertThat(table.schema().optionsMap()).containsEntry("bucket", "3").containsEntry("file.format", "parquet");
        String ddl = (String) query("SHOW CREATE TABLE ctas").getOnlyValue();
        assertThat(ddl).contains("primary_key = ARRAY['k']", "bucket = 3");
        assertThat(rows("SELECT value FROM \"ctas$options\" WHERE key = 'file.format'")).containsExactly(List.of("parquet"));
        assertThat(rows("SHOW TABLES")).contains(List.of("ctas"));
        query("DROP TABLE ctas");
        assertThat(rows("SHOW TABLES")).doesNotContain(List.of("ctas"));
        assertThat(catalog.tableExists(Identifier.of("db", "ctas"))).isFalse();
    }

    @Test
    void aBadTableOptionIsAnErrorNamingIt() {
        assertThatThrownBy(() -> query("CREATE TABLE bad (a INTEGER) WITH (options = MAP(ARRAY['no-such-option'], ARRAY['1']))"))
                .hasMessageContaining("no-such-option");
        assertThatThrownBy(() -> query("CREATE TABLE bad2 (a INTEGER) WITH (primary_key = ARRAY['missing'])"))
                .hasMessageContaining("missing");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "boolean | true",
            "tinyint | TINYINT '-7'",
            "smallint | SMALLINT '1234'",
            "integer | 123456789",
            "bigint | BIGINT '-1234567890123'",
            "real | REAL '1.5'",
            "double | DOUBLE '2.25'",
            "decimal(10,2) | DECIMAL '12345678.90'",
            "decimal(38,10) | DECIMAL '1234567890123456789012345678.0123456789'",
            "varchar | 'text ünïcode'",
            "varchar(10) | 'bounded'",
            "char(5) | 'ab'",
            "varbinary | X'00ff10'",
            "date | DATE '2024-02-29'",
            "time(3) | TIME '12:34:56.789'",
            "timestamp(0) | TIMESTAMP '2024-01-02 03:04:05'",
            "timestamp(3) | TIMESTAMP '2024-01-02 03:04:05.123'",
            "timestamp(6) | TIMESTAMP '1960-06-15 01:02:03.999999'",
            "timestamp(9) | TIMESTAMP '2024-01-02 03:04:05.123456789'",
            "timestamp(3) with time zone | TIMESTAMP '2024-01-02 03:04:05.123 Europe/Berlin'",
            "timestamp(6) with time zone | TIMESTAMP '2024-01-02 03:04:05.123456 UTC'",
            "timestamp(9) with time zone | TIMESTAMP '1960-01-02 03:04:05.123456789 UTC'",
            "array(bigint) | ARRAY[1, NULL, 3]",
            "map(varchar, integer) | MAP(ARRAY['a', 'b'], ARRAY[1, NULL])",
            "row(a integer, b varchar) | ROW(1, 'x')",
            "array(row(k varchar, v array(double))) | ARRAY[ROW('k', ARRAY[1.5, 2.5])]",
    })
    void typeRoundTrip(String type, String literal) throws Exception {
        String name = "type_" + Integer.toHexString(type.hashCode());
        query("CREATE TABLE " + name + " (id INTEGER, c " + type + ")");
        query("INSERT INTO " + name + " VALUES (1, CAST(" + literal + " AS " + type + ")), (2, NULL)");
        // Trino quotes the field names of a row type when it prints one.
        assertThat(rows("SELECT replace(typeof(c), '\"', ''), c IS NOT DISTINCT FROM CAST(" + literal + " AS " + type + ") FROM " + name
                + " WHERE id = 1")).containsExactly(List.of(type, true));
        assertThat(rows("SELECT id FROM " + name + " WHERE c IS NULL")).containsExactly(List.of(2));
        assertThat(rows("SELECT replace(data_type, '\"', '') FROM information_schema.columns WHERE table_name = '" + name + "' AND column_name = 'c'"))
                .containsExactly(List.of(type));
        query("DROP TABLE " + name);
    }

    @Test
    void readsATableWrittenThroughTheCoreJavaApi() throws Exception {
        Identifier id = Identifier.of("db", "from_java");
        catalog.createTable(id, Schema.newBuilder()
                .column("k", DataTypes.INT().notNull())
                .column("v", DataTypes.STRING())
                .primaryKey("k")
                .option("bucket", "2")
                .build(), false);
        FileStoreTable table = catalog.getTable(id);
        for (int commit = 1; commit <= 2; commit++) {
            try (TableWrite write = table.newWrite(false)) {
                for (int k = 0; k < 10; k++) {
                    write.write(GenericRow.of(k, BinaryString.fromString("v" + commit + "-" + k)));
                }
                if (commit == 2) {
                    write.write(GenericRow.ofKind(RowKind.DELETE, 9, null));
                }
                List<CommitMessage> messages = write.prepareCommit(true);
                table.newCommit("java-writer").commit(commit, messages);
            }
        }
        assertThat(query("SELECT count(*) FROM from_java").getOnlyValue()).isEqualTo(9L);
        assertThat(rows("SELECT v FROM from_java WHERE k = 3")).containsExactly(List.of("v2-3"));
        assertThat(rows("SELECT v FROM from_java FOR VERSION AS OF 1 WHERE k = 9")).containsExactly(List.of("v1-9"));
    }

    @Test
    void timeTravelBySnapshotTagAndTimestamp() throws Exception {
        query("CREATE TABLE travel (k INTEGER, v VARCHAR) WITH (primary_key = ARRAY['k'])");
        query("INSERT INTO travel VALUES (1, 'one'), (2, 'two')");
        FileStoreTable table = table("travel");
        long firstTime = table.snapshotManager().snapshot(1).timeMillis();
        new TagManager(table).createTag("first", 1);
        Thread.sleep(20);
        query("INSERT INTO travel VALUES (1, 'uno'), (3, 'three')");

        assertThat(rows("SELECT k, v FROM travel ORDER BY k")).containsExactly(List.of(1, "uno"), List.of(2, "two"), List.of(3, "three"));
        assertThat(rows("SELECT k, v FROM travel FOR VERSION AS OF 1 ORDER BY k")).containsExactly(List.of(1, "one"), List.of(2, "two"));
        assertThat(rows("SELECT k, v FROM travel FOR VERSION AS OF 'first' ORDER BY k")).containsExactly(List.of(1, "one"), List.of(2, "two"));
        String at = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS").format(Instant.ofEpochMilli(firstTime).atOffset(ZoneOffset.UTC));
        assertThat(rows("SELECT k, v FROM travel FOR TIMESTAMP AS OF TIMESTAMP '" + at + " UTC' ORDER BY k"))
                .containsExactly(List.of(1, "one"), List.of(2, "two"));
        assertThatThrownBy(() -> query("SELECT * FROM travel FOR VERSION AS OF 99")).hasMessageContaining("no snapshot 99");
        assertThatThrownBy(() -> query("SELECT * FROM travel FOR VERSION AS OF 'nope'")).hasMessageContaining("no tag 'nope'");
        assertThatThrownBy(() -> query("SELECT * FROM travel FOR TIMESTAMP AS OF TIMESTAMP '2000-01-01 00:00:00 UTC'"))
                .hasMessageContaining("no snapshot at or before");
    }

    @Test
    void timeTravelReadsWithTheSnapshotsOwnSchema() throws Exception {
        query("CREATE TABLE travel_schema (k INTEGER, v VARCHAR) WITH (primary_key = ARRAY['k'])");
        query("INSERT INTO travel_schema VALUES (1, 'one')");
        query("ALTER TABLE travel_schema RENAME COLUMN v TO name");
        query("ALTER TABLE travel_schema ADD COLUMN n BIGINT");
        query("INSERT INTO travel_schema VALUES (2, 'two', 2)");
        assertThat(rows("SELECT * FROM travel_schema ORDER BY k")).containsExactly(java.util.Arrays.asList(1, "one", null), List.of(2, "two", 2L));
        assertThat(rows("SELECT * FROM travel_schema FOR VERSION AS OF 1")).containsExactly(List.of(1, "one"));
        assertThat(rows("SELECT v FROM travel_schema FOR VERSION AS OF 1")).containsExactly(List.of("one"));
        assertThatThrownBy(() -> query("SELECT n FROM travel_schema FOR VERSION AS OF 1")).hasMessageContaining("'n' cannot be resolved");
    }

    @Test
    void systemTables() {
        query("CREATE TABLE sys (k INTEGER, v VARCHAR) WITH (primary_key = ARRAY['k'])");
        query("INSERT INTO sys VALUES (1, 'a')");
        query("INSERT INTO sys VALUES (2, 'b')");
        assertThat(rows("SELECT snapshot_id, commit_kind FROM \"sys$snapshots\" ORDER BY snapshot_id"))
                .containsExactly(List.of(1L, "APPEND"), List.of(2L, "APPEND"));
        assertThat(query("SELECT count(*) FROM \"sys$files\"").getOnlyValue()).isEqualTo(2L);
        assertThat(query("SELECT count(*) FROM \"sys$schemas\"").getOnlyValue()).isEqualTo(1L);
        assertThatThrownBy(() -> query("SELECT * FROM \"sys$nope\"")).hasMessageContaining("does not exist");
    }

    @Test
    void aFailedInsertLeavesNoFile() throws Exception {
        query("CREATE TABLE failing (k INTEGER, v INTEGER) WITH (primary_key = ARRAY['k'])");
        query("INSERT INTO failing VALUES (0, 0)");
        assertThatThrownBy(() -> query("INSERT INTO failing SELECT x, CASE WHEN x = 3000 THEN fail('boom') ELSE x END "
                + "FROM UNNEST(sequence(1, 3000)) AS t(x)"))
                .hasMessageContaining("boom");
        assertThat(query("SELECT count(*) FROM failing").getOnlyValue()).isEqualTo(1L);
        assertThat(table("failing").snapshotManager().latestSnapshotId().getAsLong()).isEqualTo(1L);
        assertNoOrphanAndNoMissingFiles(table("failing"));
    }

    @Test
    void theShellPrintsTsvAndCarriesUse() throws Exception {
        ShellOptions options = ShellOptions.parse(List.of("--format", "tsv", "--max-rows", "2"));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        TrinoShell.Shell shell = new TrinoShell.Shell(runner, options, new PrintWriter(out, true), new PrintWriter(err, true));
        for (StatementSplitter.Statement statement : StatementSplitter.splitScript("""
                CREATE TABLE shell (k INTEGER, v VARCHAR) WITH (primary_key = ARRAY['k']); -- a comment; with a semicolon
                INSERT INTO shell VALUES (1, 'a;b'), (2, NULL), (3, 'c');
                USE tstore.db;
                SELECT k, v FROM shell ORDER BY k
                """)) {
            assertThat(shell.execute(statement.sql(), statement.line())).as(err.toString()).isTrue();
        }
        assertThat(out.toString()).isEqualTo("k\tv\n1\ta;b\n2\tNULL\n");
        assertThat(shell.execute("SELECT * FROM missing", 7)).isFalse();
        assertThat(err.toString()).contains("[ERROR]").contains("missing").contains("line 7");
    }

    @Test
    void showStatsComesFromTheManifests() {
        query("CREATE TABLE stats (k INTEGER, v VARCHAR, d DECIMAL(10, 2))");
        query("INSERT INTO stats VALUES (1, 'a', 1.50), (5, NULL, NULL)");
        query("INSERT INTO stats VALUES (-3, 'b', 20.25), (4, NULL, 2.00)");
        Map<String, MaterializedRow> byColumn = new java.util.HashMap<>();
        for (MaterializedRow row : query("SHOW STATS FOR stats").getMaterializedRows()) {
            byColumn.put(String.valueOf(row.getField(0)), row);
        }
        // column_name, data_size, distinct_values_count, nulls_fraction, row_count, low_value, high_value
        assertThat(byColumn.get("null").getField(4)).isEqualTo(4.0);
        assertThat(byColumn.get("k").getField(3)).isEqualTo(0.0);
        assertThat(byColumn.get("k").getFields().subList(5, 7)).containsExactly("-3", "5");
        assertThat(byColumn.get("v").getField(3)).isEqualTo(0.5);
        assertThat(byColumn.get("d").getField(3)).isEqualTo(0.25);
        assertThat(byColumn.get("d").getFields().subList(5, 7)).containsExactly("1.5", "20.25");
        assertThat(query("SHOW STATS FOR \"stats$snapshots\"").getRowCount()).isGreaterThan(0);
    }

    @Test
    void unknownCatalogPropertiesAreAnErrorNamingThem() {
        assertThatThrownBy(() -> runner.createCatalog("bad", "tstore", Map.of("warehouse", warehouse.toString(), "wharehouse.typo", "x")))
                .hasStackTraceContaining("wharehouse.typo");
    }
}
