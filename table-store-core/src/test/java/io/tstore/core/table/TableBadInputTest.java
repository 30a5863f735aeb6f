package io.tstore.core.table;

import io.tstore.core.catalog.FileSystemCatalog;
import io.tstore.core.data.BinaryString;
import io.tstore.core.data.GenericRow;
import io.tstore.core.schema.Schema;
import io.tstore.core.schema.SchemaChange;
import io.tstore.core.types.DataTypes;
import io.tstore.lsm.RowKind;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Bad input gets an error naming the table, the column or option and the value, and the table stays as it was. */
class TableBadInputTest {
    @TempDir
    java.nio.file.Path warehouse;

    private FileSystemCatalog catalog;
    private FileStoreTable table;
    private final Identifier id = Identifier.of("db", "users");

    @BeforeEach
    void setUp() throws IOException {
        catalog = FileSystemCatalog.create(warehouse.toString(), Map.of());
        catalog.createDatabase("db", false);
        catalog.createTable(id, Schema.newBuilder()
                .column("id", DataTypes.BIGINT())
                .column("name", DataTypes.STRING())
                .column("age", DataTypes.INT())
                .primaryKey("id")
                .option("bucket", "2")
                .build(), false);
        table = catalog.getTable(id);
        try (TableWrite write = table.newWrite(false)) {
            write.write(GenericRow.of(1L, BinaryString.fromString("ada"), 36));
            table.newCommit("setup").commit(1, write.prepareCommit(true));
        }
    }

    private List<String> rows() throws IOException {
        return table.newReadBuilder().readAll().stream()
                .map(r -> r.getLong(0) + ":" + r.getString(1) + ":" + (r.isNullAt(2) ? null : r.getInt(2)))
                .toList();
    }

    @Test
    void aNullPrimaryKeyNamesTheTableAndColumn() throws IOException {
        try (TableWrite write = table.newWrite(false)) {
            write.write(GenericRow.of(2L, BinaryString.fromString("bob"), 40));
            assertThatThrownBy(() -> write.write(GenericRow.of(null, BinaryString.fromString("eve"), 1)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("db.users")
                    .hasMessageContaining("'id'");
        }
        assertThat(rows()).containsExactly("1:ada:36");
        assertThat(table.snapshotManager().latestSnapshotId()).hasValue(1);
        TableTestSupport.assertNoOrphanAndNoMissingFiles(table);
    }

    @Test
    void aValueOfTheWrongTypeNamesTheColumnAndValue() throws IOException {
        try (TableWrite write = table.newWrite(false)) {
            assertThatThrownBy(() -> write.write(GenericRow.of(3L, "not-a-binary-string", 5)))
                    .hasMessageContaining("db.users")
                    .hasMessageContaining("'name'")
                    .hasMessageContaining("'not-a-binary-string'");
            assertThatThrownBy(() -> write.write(GenericRow.of(3, BinaryString.fromString("x"), 5)))
                    .hasMessageContaining("'id'")
                    .hasMessageContaining("BIGINT");
            assertThatThrownBy(() -> write.write(GenericRow.of(3L, BinaryString.fromString("x"))))
                    .hasMessageContaining("3 columns");
        }
        assertThat(rows()).containsExactly("1:ada:36");
        TableTestSupport.assertNoOrphanAndNoMissingFiles(table);
    }

    @Test
    void anUnknownOptionOrABucketChangeIsRejectedAndTheSchemaStays() throws IOException {
        long schemaId = table.schema().id();
        assertThatThrownBy(() -> catalog.alterTable(id, List.of(SchemaChange.setOption("merge.engine", "x")), false))
                .hasMessageContaining("db.users")
                .hasMessageContaining("'merge.engine'");
        assertThatThrownBy(() -> catalog.alterTable(id, List.of(SchemaChange.setOption("bucket", "8")), false))
                .hasMessageContaining("db.users")
                .hasMessageContaining("bucket")
                .hasMessageContaining("overwrite");
        assertThat(catalog.getTable(id).schema().id()).isEqualTo(schemaId);
        assertThat(rows()).containsExactly("1:ada:36");
    }

    @Test
    void aCommitToADroppedTableFailsAndLeavesNothing() throws IOException {
        try (TableWrite write = table.newWrite(false)) {
            write.write(GenericRow.of(2L, BinaryString.fromString("bob"), 40));
            var messages = write.prepareCommit(true);
            catalog.dropTable(id, false);
            TableCommit commit = table.newCommit("late");
            assertThatThrownBy(() -> commit.commit(2, messages))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("db.users was dropped");
            commit.abort(messages);
        }
        assertThat(java.nio.file.Files.exists(warehouse.resolve("db.db/users/schema"))).isFalse();
    }

    @Test
    void deletesOnATableWithoutPrimaryKeyAreRefused() throws IOException {
        Identifier logId = Identifier.of("db", "log");
        catalog.createTable(logId, Schema.newBuilder().column("line", DataTypes.STRING()).build(), false);
        FileStoreTable log = catalog.getTable(logId);
        try (TableWrite write = log.newWrite(false)) {
            GenericRow row = GenericRow.of(BinaryString.fromString("x"));
            row.setRowKind(RowKind.DELETE);
            assertThatThrownBy(() -> write.write(row))
                    .hasMessageContaining("db.log")
                    .hasMessageContaining("-D")
                    .hasMessageContaining("primary key");
        }
        TableTestSupport.assertNoOrphanAndNoMissingFiles(log);
    }

    @Test
    void dynamicOptionsAreValidatedAsAlterTableWouldAndStoreNothing() throws IOException {
        FileStoreTable copy = table.copy(Map.of("target-file-size", "1 mb"));
        assertThat(copy.options().toMap()).containsEntry("target-file-size", "1 mb");
        assertThat(copy.schema().id()).isEqualTo(table.schema().id());
        assertThat(copy.newReadBuilder().readAll()).hasSize(1);
        assertThatThrownBy(() -> table.copy(Map.of("no-such.option", "x")))
                .hasMessageContaining("db.users")
                .hasMessageContaining("'no-such.option'");
        assertThatThrownBy(() -> table.copy(Map.of("bucket", "3")))
                .hasMessageContaining("db.users")
                .hasMessageContaining("bucket");
        assertThatThrownBy(() -> table.copy(Map.of("target-file-size", "lots")))
                .hasMessageContaining("target-file-size")
                .hasMessageContaining("lots");
        assertThat(catalog.getTable(id).options().toMap()).doesNotContainKey("target-file-size");
    }

    @Test
    void projectionsNameTheTableAndTheMissingColumn() {
        assertThatThrownBy(() -> table.newReadBuilder().withProjection(List.of("id", "salary")))
                .hasMessageContaining("db.users")
                .hasMessageContaining("'salary'");
        assertThatThrownBy(() -> table.newReadBuilder().withProjection(new int[] {0, 7}))
                .hasMessageContaining("db.users")
                .hasMessageContaining("position 7");
    }
}
