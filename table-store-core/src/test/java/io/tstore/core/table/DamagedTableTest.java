package io.tstore.core.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tstore.core.catalog.Catalog;
import io.tstore.core.catalog.FileSystemCatalog;
import io.tstore.core.commit.CommitMessage;
import io.tstore.core.data.BinaryString;
import io.tstore.core.data.GenericRow;
import io.tstore.core.schema.Schema;
import io.tstore.core.scan.TableFiles;
import io.tstore.core.snapshot.Snapshot;
import io.tstore.core.tag.TagManager;
import io.tstore.core.types.DataTypes;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Damage planted in every kind of file a table has (truncated, garbled, missing): a read fails with an error naming
 * the table, the file's role and path, and what is wrong; {@link TableCheck} finds the same file; and once the file
 * is restored, the table reads as before.
 */
class DamagedTableTest {
    @TempDir
    Path warehouse;

    private FileStoreTable table;
    private List<String> rows;

    @BeforeEach
    void createTable() throws IOException {
        Catalog catalog = FileSystemCatalog.create(warehouse.toString(), Map.of());
        catalog.createDatabase("shop", false);
        Identifier id = Identifier.of("shop", "orders");
        catalog.createTable(id, Schema.newBuilder()
                .column("id", DataTypes.BIGINT())
                .column("name", DataTypes.STRING())
                .primaryKey("id")
                .option("bucket", "1")
                .build(), false);
        table = catalog.getTable(id);
        for (int commit = 1; commit <= 2; commit++) {
            try (TableWrite write = table.newWrite(false)) {
                for (long key = 0; key < 20; key++) {
                    write.write(GenericRow.of(key * commit, BinaryString.fromString("n" + commit + "-" + key)));
                }
                List<CommitMessage> messages = write.prepareCommit(true);
                table.newCommit("test").commit(commit, messages);
            }
        }
        new TagManager(table).createTag("first", 1);
        rows = read(table);
        assertThat(TableCheck.check(table, true).problems()).isEmpty();
    }

    static Stream<Arguments> damages() {
        return Stream.of(
                Arguments.of("snapshot file", "truncated", "cannot be read"),
                Arguments.of("schema file", "garbled", "cannot be read"),
                Arguments.of("manifest list", "garbled", "cannot be read"),
                Arguments.of("manifest list", "missing", "is missing"),
                Arguments.of("manifest file", "truncated", "cannot be read"),
                Arguments.of("manifest file", "missing", "is missing"),
                Arguments.of("data file", "missing", "is missing"),
                Arguments.of("data file", "truncated", "cannot be read"),
                Arguments.of("tag file", "garbled", "cannot be read"));
    }

    @ParameterizedTest(name = "{1} {0}")
    @MethodSource("damages")
    void damageIsNamedAndFound(String role, String damage, String says) throws Exception {
        Path file = fileOf(role);
        byte[] original = Files.readAllBytes(file);
        switch (damage) {
            case "truncated" -> Files.write(file, java.util.Arrays.copyOf(original, original.length / 2));
            case "garbled" -> Files.write(file, ("garbage" + new String(original, StandardCharsets.ISO_8859_1)
                    .substring(Math.min(7, original.length))).getBytes(StandardCharsets.ISO_8859_1));
            case "missing" -> Files.delete(file);
            default -> throw new IllegalArgumentException(damage);
        }
        String expected = "Table shop.orders: the " + role + " " + file.toUri().getPath().replaceAll("/$", "");
        // A new reader: loads the table (its schema), plans the latest snapshot or the tag, reads the files.
        ThrowingCallable read = () -> {
            FileStoreTable reloaded = FileSystemCatalog.create(warehouse.toString(), Map.of())
                    .getTable(Identifier.of("shop", "orders"));
            (role.equals("tag file") ? reloaded.newReadBuilder().withTag("first") : reloaded.newReadBuilder()).readAll();
        };
        assertThatThrownBy(read)
                .hasMessageContaining(expected)
                .hasMessageContaining(says)
                .hasMessageContaining("CALL sys.check_table('shop.orders')");

        TableCheck.Result check = TableCheck.check(table, true);
        assertThat(check.problems()).as("check of %s %s", damage, role)
                .anySatisfy(problem -> {
                    assertThat(problem.role()).isEqualTo(role);
                    assertThat(problem.file()).endsWith(file.getFileName().toString());
                });

        Files.write(file, original);
        assertThat(read(table)).isEqualTo(rows);
        assertThat(TableCheck.check(table, true).ok()).isTrue();
    }

    private Path fileOf(String role) throws IOException {
        Path table = warehouse.resolve("shop.db").resolve("orders");
        Snapshot latest = this.table.snapshotManager().latestSnapshot();
        TableFiles files = new TableFiles(this.table);
        return switch (role) {
            case "snapshot file" -> table.resolve("snapshot").resolve("snapshot-" + latest.id());
            case "schema file" -> table.resolve("schema").resolve("schema-0");
            case "manifest list" -> table.resolve("manifest").resolve(latest.baseManifestList());
            case "manifest file" -> table.resolve("manifest").resolve(files.manifestsOf(latest.deltaManifestList()).get(0));
            case "data file" -> Path.of(files.liveDataFiles(latest).values().iterator().next().toUri().getPath());
            case "tag file" -> table.resolve("tag").resolve("tag-first");
            default -> throw new IllegalArgumentException(role);
        };
    }

    private static List<String> read(FileStoreTable table) throws IOException {
        return table.newReadBuilder().readAll().stream()
                .map(row -> row.getLong(0) + "," + row.getString(1)).sorted().toList();
    }
}
