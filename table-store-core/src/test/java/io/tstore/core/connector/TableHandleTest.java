package io.tstore.core.connector;

import io.tstore.core.catalog.FileSystemCatalog;
import io.tstore.core.data.BinaryString;
import io.tstore.core.data.GenericRow;
import io.tstore.core.data.InternalRow;
import io.tstore.core.schema.Schema;
import io.tstore.core.table.FileStoreTable;
import io.tstore.core.table.Identifier;
import io.tstore.core.table.Table;
import io.tstore.core.table.TableCommit;
import io.tstore.core.table.TableWrite;
import io.tstore.core.types.DataTypes;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A handle reopens the same table (or system table) at the same schema after Java serialization and as JSON. */
class TableHandleTest {
    @TempDir
    Path warehouse;

    private FileStoreTable table;

    @BeforeEach
    void createTable() throws Exception {
        FileSystemCatalog catalog = FileSystemCatalog.create(warehouse.toString(), Map.of());
        catalog.createDatabase("db", true);
        catalog.createTable(Identifier.of("db", "t"), Schema.newBuilder()
                .column("k", DataTypes.INT().notNull())
                .column("v", DataTypes.STRING())
                .primaryKey("k")
                .option("bucket", "2")
                .build(), false);
        table = catalog.getTable(Identifier.of("db", "t"));
        try (TableWrite write = table.newWrite(false)) {
            write.write(GenericRow.of(1, BinaryString.fromString("a")));
            write.write(GenericRow.of(2, BinaryString.fromString("b")));
            table.newCommit("test").commit(1, write.prepareCommit(true));
        }
    }

    @Test
    void javaSerializedHandleReopensTheTableAtItsSchemaAndOptions() throws Exception {
        FileStoreTable withOptions = table.copy(Map.of("scan.snapshot-id", "1"));
        TableHandle handle = roundTrip(TableHandle.of(withOptions));
        Table loaded = handle.load();
        assertThat(loaded).isInstanceOf(FileStoreTable.class);
        assertThat(((FileStoreTable) loaded).schema()).isEqualTo(withOptions.schema());
        assertThat(rows(loaded)).hasSize(2);
        assertThat(handle.name()).isEqualTo("db.t");
        assertThat(handle).isEqualTo(TableHandle.of(withOptions));
    }

    @Test
    void jsonHandleReopensWithTheReceiversFileIo() {
        TableHandle handle = TableHandle.of(table);
        String json = handle.toJson();
        assertThat(json).contains("\"version\":1", "\"database\":\"db\"", "\"table\":\"t\"", "\"systemTable\":null");
        TableHandle back = TableHandle.fromJson(json, table.fileIO());
        assertThat(back).isEqualTo(handle);
        assertThat(back.loadDataTable().schema()).isEqualTo(table.schema());
    }

    @Test
    void systemTableHandles() throws Exception {
        TableHandle handle = TableHandle.ofSystemTable(table, "snapshots");
        assertThat(handle.isSystemTable()).isTrue();
        assertThat(handle.name()).isEqualTo("db.t$snapshots");
        assertThat(rows(roundTrip(handle).load())).hasSize(1);
        assertThat(rows(TableHandle.fromJson(handle.toJson(), table.fileIO()).load())).hasSize(1);
        assertThatThrownBy(() -> TableHandle.ofSystemTable(table, "nope"))
                .hasMessageContaining("db.t").hasMessageContaining("nope");
    }

    @Test
    void badJsonIsAClearError() {
        String json = TableHandle.of(table).toJson().replace("\"version\":1", "\"version\":99");
        assertThatThrownBy(() -> TableHandle.fromJson(json, table.fileIO()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("version 99");
        assertThatThrownBy(() -> TableHandle.fromJson("{\"version\":1}", table.fileIO()))
                .hasMessageContaining("'location'");
        assertThatThrownBy(() -> TableHandle.fromJson("not json", table.fileIO()))
                .hasMessageContaining("invalid JSON");
    }

    private static List<InternalRow> rows(Table table) throws Exception {
        return table.newReadBuilder().readAll();
    }

    private static TableHandle roundTrip(TableHandle handle) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(handle);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (TableHandle) in.readObject();
        }
    }
}
