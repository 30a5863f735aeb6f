package io.tstore.core.catalog;

import io.tstore.core.table.Identifier;

import io.tstore.core.schema.Schema;
import io.tstore.core.schema.SchemaChange;
import io.tstore.core.table.FileStoreTable;
import io.tstore.core.types.DataTypes;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FileSystemCatalogTest {
    @TempDir
    java.nio.file.Path warehouse;

    private FileSystemCatalog catalog;

    @BeforeEach
    void setUp() {
        catalog = FileSystemCatalog.create(warehouse.toString(), Map.of("table-default.bucket", "2"));
    }

    private static Schema orders() {
        return Schema.newBuilder()
                .column("id", DataTypes.BIGINT())
                .column("dt", DataTypes.STRING())
                .column("amount", DataTypes.DECIMAL(10, 2))
                .primaryKey("id", "dt")
                .partitionKeys("dt")
                .build();
    }

    @Test
    void databasesAndTablesHaveALifecycle() throws IOException {
        assertThat(catalog.listDatabases()).isEmpty();
        catalog.createDatabase("shop", false);
        catalog.createDatabase("shop", true);
        assertThatThrownBy(() -> catalog.createDatabase("shop", false)).hasMessageContaining("shop already exists");
        assertThat(catalog.listDatabases()).containsExactly("shop");

        Identifier id = Identifier.of("shop", "orders");
        catalog.createTable(id, orders(), false);
        assertThat(catalog.listTables("shop")).containsExactly("orders");
        FileStoreTable table = catalog.getTable(id);
        assertThat(table.rowType().fieldNames()).containsExactly("id", "dt", "amount");
        assertThat(table.options().toMap()).containsEntry("bucket", "2");
        assertThatThrownBy(() -> catalog.createTable(id, orders(), false)).hasMessageContaining("shop.orders already exists");

        catalog.alterTable(id, List.of(SchemaChange.addColumn("note", DataTypes.STRING())), false);
        assertThat(catalog.getTable(id).rowType().fieldNames()).containsExactly("id", "dt", "amount", "note");

        Identifier renamed = Identifier.of("shop", "orders_v2");
        catalog.renameTable(id, renamed, false);
        assertThat(catalog.listTables("shop")).containsExactly("orders_v2");
        assertThatThrownBy(() -> catalog.getTable(id)).hasMessageContaining("shop.orders does not exist");

        assertThatThrownBy(() -> catalog.dropDatabase("shop", false, false)).hasMessageContaining("not empty");
        catalog.dropTable(renamed, false);
        assertThatThrownBy(() -> catalog.dropTable(renamed, false)).hasMessageContaining("does not exist");
        catalog.dropDatabase("shop", false, false);
        assertThat(catalog.listDatabases()).isEmpty();
    }

    @Test
    void badNamesAreRejectedAndLeaveNothing() throws IOException {
        catalog.createDatabase("db", false);
        for (String bad : new String[] {"", "..", "a/b", "a$b", "tab\tle"}) {
            assertThatThrownBy(() -> catalog.createTable(Identifier.of("db", bad), orders(), false))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("table name");
        }
        assertThatThrownBy(() -> catalog.createDatabase("../evil", false)).isInstanceOf(IllegalArgumentException.class);
        try (var files = Files.list(warehouse.resolve("db.db"))) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void anUnknownOptionIsAnErrorNamingTheTableAndKeyAndCreatesNothing() throws IOException {
        catalog.createDatabase("db", false);
        Schema schema = Schema.newBuilder().column("id", DataTypes.BIGINT()).primaryKey("id").option("buckets", "4").build();
        assertThatThrownBy(() -> catalog.createTable(Identifier.of("db", "t"), schema, false))
                .hasMessageContaining("db.t")
                .hasMessageContaining("'buckets'");
        assertThat(catalog.listTables("db")).isEmpty();
    }

    @Test
    void tablesNeedTheirDatabase() {
        assertThatThrownBy(() -> catalog.createTable(Identifier.of("nope", "t"), orders(), false))
                .isInstanceOf(CatalogException.class)
                .hasMessageContaining("Database nope does not exist");
    }
}
