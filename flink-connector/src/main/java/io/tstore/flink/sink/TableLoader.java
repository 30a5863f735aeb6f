package io.tstore.flink.sink;

import io.tstore.core.table.Identifier;
import io.tstore.core.fs.FileIO;
import io.tstore.core.fs.Path;
import io.tstore.core.schema.TableSchema;
import io.tstore.core.table.FileStoreTable;

import java.io.Serializable;

import static java.util.Objects.requireNonNull;

/**
 * What a Flink task needs to open a table at the schema the job was planned with: its file access, location, name
 * and schema (as its JSON). Serializable, unlike the table itself, so that operators and functions can carry it.
 */
public final class TableLoader implements Serializable {
    private static final long serialVersionUID = 1L;

    private final FileIO fileIO;
    private final Path location;
    private final Identifier identifier;
    private final String schemaJson;

    public TableLoader(FileStoreTable table) {
        requireNonNull(table, "table is null");
        this.fileIO = table.fileIO();
        this.location = table.location();
        this.identifier = table.identifier();
        this.schemaJson = table.schema().toJson();
    }

    public FileStoreTable load() {
        return new FileStoreTable(fileIO, location, identifier, TableSchema.fromJson(schemaJson));
    }

    public Identifier identifier() {
        return identifier;
    }
}
