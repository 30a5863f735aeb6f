package io.tstore.core.connector;

import io.tstore.core.catalog.FileSystemCatalog;
import io.tstore.core.data.BinaryString;
import io.tstore.core.data.GenericRow;
import io.tstore.core.data.InternalRow;
import io.tstore.core.fs.FileIO;
import io.tstore.core.schema.Schema;
import io.tstore.core.table.FileStoreTable;
import io.tstore.core.table.Identifier;
import io.tstore.core.types.DataTypes;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Tables of the connector tests: {@code (k INT, v STRING, dt STRING)}, partitioned by {@code dt}. */
final class ConnectorTables {
    private ConnectorTables() {}

    /** A table partitioned by {@code dt}, with primary key {@code (k, dt)} or none, and these options. */
    static FileStoreTable create(Path warehouse, String name, boolean primaryKey, Map<String, String> options) throws Exception {
        FileSystemCatalog catalog = FileSystemCatalog.create(warehouse.toString(), Map.of());
        catalog.createDatabase("db", true);
        Schema.Builder schema = Schema.newBuilder()
                .column("k", DataTypes.INT().notNull())
                .column("v", DataTypes.STRING())
                .column("dt", DataTypes.STRING().notNull())
                .partitionKeys("dt")
                .option("bucket", "2");
        if (primaryKey) {
            schema.primaryKey("k", "dt");
        }
        options.forEach(schema::option);
        catalog.createTable(Identifier.of("db", name), schema.build(), false);
        return catalog.getTable(Identifier.of("db", name));
    }

    /** The same table seen through another file IO. */
    static FileStoreTable withFileIO(FileStoreTable table, FileIO fileIO) {
        return new FileStoreTable(fileIO, table.location(), table.identifier(), table.schema());
    }

    static InternalRow row(int k, String v, String dt) {
        return GenericRow.of(k, BinaryString.fromString(v), BinaryString.fromString(dt));
    }

    /** The table's rows as {@code k,v,dt}, sorted. */
    static List<String> rows(FileStoreTable table) throws Exception {
        List<String> rows = new ArrayList<>();
        for (InternalRow row : table.newReadBuilder().readAll()) {
            rows.add(row.getInt(0) + "," + row.getString(1) + "," + row.getString(2));
        }
        rows.sort(null);
        return rows;
    }
}
