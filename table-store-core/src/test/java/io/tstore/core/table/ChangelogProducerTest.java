package io.tstore.core.table;

import io.tstore.core.catalog.FileSystemCatalog;
import io.tstore.core.data.BinaryRow;
import io.tstore.core.data.BinaryString;
import io.tstore.core.data.GenericRow;
import io.tstore.core.data.InternalRow;
import io.tstore.core.manifest.ManifestEntry;
import io.tstore.core.scan.FileStoreScan;
import io.tstore.core.schema.Schema;
import io.tstore.core.snapshot.CommitKind;
import io.tstore.core.snapshot.Snapshot;
import io.tstore.core.types.DataTypes;
import io.tstore.lsm.KeyValue;
import io.tstore.lsm.RowKind;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The exact changelog each producer writes for a short history of one key, and the options it refuses. */
class ChangelogProducerTest {
    @TempDir
    java.nio.file.Path warehouse;

    private FileSystemCatalog catalog;

    @BeforeEach
    void setUp() throws IOException {
        catalog = FileSystemCatalog.create(warehouse.toString(), Map.of());
        catalog.createDatabase("db", false);
    }

    private FileStoreTable create(String name, Map<String, String> options) throws IOException {
        Schema.Builder schema = Schema.newBuilder()
                .column("id", DataTypes.BIGINT())
                .column("name", DataTypes.STRING())
                .primaryKey("id")
                .option("bucket", "1");
        options.forEach(schema::option);
        Identifier id = Identifier.of("db", name);
        catalog.createTable(id, schema.build(), false);
        return catalog.getTable(id);
    }

    private static GenericRow row(RowKind kind, long id, String name) {
        GenericRow row = GenericRow.of(id, BinaryString.fromString(name));
        row.setRowKind(kind);
        return row;
    }

    /**
     * Commits each batch of rows and returns the changelog of every snapshot made, as its kind and "+I 1 a" strings,
     * leaving out the snapshots of the kind given (and checking they have no changelog).
     */
    private static List<List<String>> commitEach(FileStoreTable table, List<List<GenericRow>> batches, CommitKind without)
            throws IOException {
        TableCommit commit = table.newCommit("test");
        long identifier = 0;
        try (TableWrite write = table.newWrite(false)) {
            for (List<GenericRow> batch : batches) {
                for (GenericRow row : batch) {
                    write.write(row);
                }
                commit.commit(++identifier, write.prepareCommit(true));
            }
        }
        ChangelogFiles files = new ChangelogFiles(table);
        List<List<String>> changelogs = new ArrayList<>();
        for (Snapshot snapshot : table.snapshotManager().snapshots()) {
            List<String> records = new ArrayList<>();
            records.add(snapshot.commitKind().name());
            for (KeyValue<BinaryRow, InternalRow> record : files.changelog(snapshot)) {
                records.add(record.kind().shortString() + " " + record.value().getLong(0) + " " + record.value().getString(1));
            }
            if (snapshot.commitKind() == without) {
                assertThat(records).as("snapshot %d", snapshot.id()).hasSize(1);
            } else {
                changelogs.add(records);
            }
        }
        TableTestSupport.assertNoOrphanAndNoMissingFiles(table);
        return changelogs;
    }

    private static final List<List<GenericRow>> HISTORY = List.of(
            List.of(row(RowKind.INSERT, 1, "a")),
            List.of(row(RowKind.INSERT, 1, "b")),
            List.of(row(RowKind.INSERT, 1, "b")),                              // the same row again
            List.of(row(RowKind.INSERT, 1, "c"), row(RowKind.INSERT, 1, "d")), // two versions in one commit
            List.of(row(RowKind.DELETE, 1, "d")),
            List.of(row(RowKind.INSERT, 2, "x"), row(RowKind.DELETE, 2, "x"))); // inserted and deleted at once

    @ParameterizedTest(name = "row-deduplicate {0}")
    @ValueSource(booleans = {false, true})
    void lookupWritesTheDifferenceInTheSnapshotOfTheData(boolean rowDeduplicate) throws IOException {
        FileStoreTable table = create("t", Map.of(
                "changelog-producer", "lookup", "changelog-producer.row-deduplicate", String.valueOf(rowDeduplicate)));
        List<List<String>> changelogs = commitEach(table, HISTORY, null);
        // One snapshot per commit that changed something: the data and its changelog arrive together, through
        // compaction. The last commit changed nothing.
        assertThat(changelogs).containsExactly(
                List.of("COMPACT", "+I 1 a"),
                List.of("COMPACT", "-U 1 a", "+U 1 b"),
                rowDeduplicate ? List.of("COMPACT") : List.of("COMPACT", "-U 1 b", "+U 1 b"),
                List.of("COMPACT", "-U 1 b", "+U 1 d"),
                List.of("COMPACT", "-D 1 d"));
        FileStoreScan scan = new FileStoreScan(table.fileIO(), table.location(), table.schema().logicalPartitionType());
        for (ManifestEntry entry : scan.readFiles(table.snapshotManager().latestSnapshot(), null, null, null)) {
            assertThat(entry.file().level()).as("level of %s", entry.file().fileName()).isPositive();
        }
    }

    @Test
    void fullCompactionWritesTheDifferenceEveryDeltaCommits() throws IOException {
        FileStoreTable table = create("t", Map.of("changelog-producer", "full-compaction", "full-compaction.delta-commits", "2"));
        List<List<String>> changelogs = commitEach(table, HISTORY, null);
        // Commits 2, 4 and 6 compact fully: an APPEND and a COMPACT snapshot each; the others make an APPEND one.
        assertThat(changelogs).containsExactly(
                List.of("APPEND"),
                List.of("APPEND"), List.of("COMPACT", "+I 1 b"),
                List.of("APPEND"),
                List.of("APPEND"), List.of("COMPACT", "-U 1 b", "+U 1 d"),
                List.of("APPEND"),
                List.of("APPEND"), List.of("COMPACT", "-D 1 d"));
    }

    @Test
    void inputWritesTheRecordsAsWritten() throws IOException {
        FileStoreTable table = create("t", Map.of("changelog-producer", "input"));
        // Compactions make COMPACT snapshots without changelog.
        List<List<String>> changelogs = commitEach(table, HISTORY, CommitKind.COMPACT);
        assertThat(changelogs).containsExactly(
                List.of("APPEND", "+I 1 a"),
                List.of("APPEND", "+I 1 b"),
                List.of("APPEND", "+I 1 b"),
                List.of("APPEND", "+I 1 c", "+I 1 d"),
                List.of("APPEND", "-D 1 d"),
                List.of("APPEND", "+I 2 x", "-D 2 x"));
    }

    @Test
    void firstRowWritesOnlyInserts() throws IOException {
        FileStoreTable table = create("t", Map.of("changelog-producer", "lookup", "merge-engine", "first-row"));
        List<List<String>> changelogs = commitEach(table, List.of(
                List.of(row(RowKind.INSERT, 1, "a")),
                List.of(row(RowKind.INSERT, 1, "b"), row(RowKind.INSERT, 2, "c")),
                List.of(row(RowKind.INSERT, 2, "d"))), null);
        assertThat(changelogs).containsExactly(
                List.of("COMPACT", "+I 1 a"), List.of("COMPACT", "+I 2 c"), List.of("COMPACT"));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"input", "full-compaction", "lookup"})
    void anOverwriteWritesNoChangelog(String producer) throws IOException {
        FileStoreTable table = create("t", Map.of("changelog-producer", producer));
        commitEach(table, List.of(List.of(row(RowKind.INSERT, 1, "a"), row(RowKind.INSERT, 2, "b"))), null);
        try (TableWrite overwrite = table.newWrite(true)) {
            overwrite.write(row(RowKind.INSERT, 3, "c"));
            table.newCommit("test").overwrite(Map.of(), 2, overwrite.prepareCommit(true));
        }
        Snapshot latest = table.snapshotManager().latestSnapshot();
        assertThat(latest.commitKind()).isEqualTo(CommitKind.OVERWRITE);
        assertThat(latest.changelogManifestList()).isNull();
        assertThat(table.newReadBuilder().readAll()).extracting(r -> r.getLong(0) + " " + r.getString(1)).containsExactly("3 c");
        TableTestSupport.assertNoOrphanAndNoMissingFiles(table);
    }

    @Test
    void aProducerOnATableWithoutPrimaryKeyNamesTableAndOption() {
        assertThatThrownBy(() -> catalog.createTable(Identifier.of("db", "log"), Schema.newBuilder()
                        .column("id", DataTypes.BIGINT())
                        .option("changelog-producer", "lookup")
                        .build(), false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("db.log")
                .hasMessageContaining("'changelog-producer' = 'lookup'")
                .hasMessageContaining("primary key");
    }

    @Test
    void inputProducerNeedsDeduplicateWithoutSequenceField() {
        assertThatThrownBy(() -> create("p", Map.of("changelog-producer", "input", "merge-engine", "partial-update")))
                .hasMessageContaining("db.p")
                .hasMessageContaining("'changelog-producer' = 'input'")
                .hasMessageContaining("partial-update");
        assertThatThrownBy(() -> create("s", Map.of("changelog-producer", "input", "sequence.field", "name")))
                .hasMessageContaining("db.s")
                .hasMessageContaining("'sequence.field' = 'name'");
    }

    @Test
    void badValuesNameTheOption() {
        assertThatThrownBy(() -> create("d", Map.of("changelog-producer", "full-compaction", "full-compaction.delta-commits", "0")))
                .hasMessageContaining("db.d")
                .hasMessageContaining("'full-compaction.delta-commits'")
                .hasMessageContaining("0");
        assertThatThrownBy(() -> create("u", Map.of("changelog-producer", "on-commit")))
                .hasMessageContaining("changelog-producer")
                .hasMessageContaining("on-commit");
    }
}
