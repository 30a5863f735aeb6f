package io.tstore.core.connector;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tstore.core.fs.FileIO;
import io.tstore.core.fs.Path;
import io.tstore.core.schema.TableSchema;
import io.tstore.core.system.SystemTables;
import io.tstore.core.table.FileStoreTable;
import io.tstore.core.table.Identifier;
import io.tstore.core.table.Table;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.Objects;

import static java.util.Objects.requireNonNull;

/**
 * A table shipped from an engine's planner to its tasks and reopened there: a data table at the very schema the
 * planner resolved (options included, such as an engine's dynamic options), or a system table of one. Tables
 * themselves are not serializable; a handle is, by Java serialization (with its {@link FileIO}) and as JSON (without
 * it: the receiving side brings the file IO of its own catalog configuration, as a Trino worker does).
 *
 * <p>JSON form, version 1: {@code {"version": 1, "location": "<table directory>", "database": "...",
 * "table": "...", "systemTable": "snapshots" | null, "schema": <the schema's JSON, as in schema/schema-<id>>}}.
 */
public final class TableHandle implements Serializable {
    private static final long serialVersionUID = 1L;
    public static final int JSON_VERSION = 1;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final FileIO fileIO;
    private final Path location;
    private final Identifier identifier;
    private final String schemaJson;
    private final String systemTable;

    private TableHandle(FileIO fileIO, Path location, Identifier identifier, String schemaJson, String systemTable) {
        this.fileIO = requireNonNull(fileIO, "fileIO is null");
        this.location = requireNonNull(location, "location is null");
        this.identifier = requireNonNull(identifier, "identifier is null");
        this.schemaJson = requireNonNull(schemaJson, "schemaJson is null");
        this.systemTable = systemTable;
    }

    /** A handle of a data table at its current schema and options. */
    public static TableHandle of(FileStoreTable table) {
        requireNonNull(table, "table is null");
        return new TableHandle(table.fileIO(), table.location(), table.identifier(), table.schema().toJson(), null);
    }

    /** A handle of the system table {@code name} ({@code snapshots}, ...) of a data table; an unknown name fails now. */
    public static TableHandle ofSystemTable(FileStoreTable dataTable, String name) {
        SystemTables.load(dataTable, name);
        return new TableHandle(dataTable.fileIO(), dataTable.location(), dataTable.identifier(),
                dataTable.schema().toJson(), name);
    }

    /** The table, loaded anew: a {@link FileStoreTable} or a system table. */
    public Table load() {
        FileStoreTable data = loadDataTable();
        return systemTable == null ? data : SystemTables.load(data, systemTable);
    }

    /** The data table (of a system table: the table it describes). */
    public FileStoreTable loadDataTable() {
        return new FileStoreTable(fileIO, location, identifier, TableSchema.fromJson(schemaJson));
    }

    /** Whether this is a system table's handle. */
    public boolean isSystemTable() {
        return systemTable != null;
    }

    /** The data table's identifier. */
    public Identifier identifier() {
        return identifier;
    }

    /** The full name: {@code db.t}, or {@code db.t$snapshots}. */
    public String name() {
        return systemTable == null ? identifier.fullName() : identifier.fullName() + SystemTables.SEPARATOR + systemTable;
    }

    /** The JSON form, without the file IO. */
    public String toJson() {
        ObjectNode node = JSON.createObjectNode();
        node.put("version", JSON_VERSION);
        node.put("location", location.toString());
        node.put("database", identifier.database());
        node.put("table", identifier.table());
        if (systemTable == null) {
            node.putNull("systemTable");
        } else {
            node.put("systemTable", systemTable);
        }
        try {
            node.set("schema", JSON.readTree(schemaJson));
            return JSON.writeValueAsString(node);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the handle of table " + name() + " as JSON", e);
        }
    }

    /**
     * A handle from its JSON form, with the file IO of the receiving side.
     *
     * @throws IllegalArgumentException naming the problem when the text is not a handle of a known version
     */
    public static TableHandle fromJson(String json, FileIO fileIO) {
        requireNonNull(json, "json is null");
        JsonNode node;
        try {
            node = JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException("Not a table handle (invalid JSON): " + e.getMessage(), e);
        }
        int version = node.path("version").asInt(-1);
        if (version != JSON_VERSION) {
            throw new IllegalArgumentException("Cannot read a table handle of version " + node.path("version")
                    + "; this version reads version " + JSON_VERSION);
        }
        for (String field : new String[] {"location", "database", "table", "schema"}) {
            if (node.path(field).isMissingNode() || node.path(field).isNull()) {
                throw new IllegalArgumentException("Table handle has no '" + field + "': " + json);
            }
        }
        JsonNode system = node.path("systemTable");
        return new TableHandle(fileIO, new Path(node.get("location").asText()),
                Identifier.of(node.get("database").asText(), node.get("table").asText()),
                TableSchema.fromJson(node.get("schema").toString()).toJson(), system.isNull() || system.isMissingNode() ? null : system.asText());
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof TableHandle)) {
            return false;
        }
        TableHandle that = (TableHandle) o;
        return location.equals(that.location) && identifier.equals(that.identifier) && schemaJson.equals(that.schemaJson)
                && Objects.equals(systemTable, that.systemTable);
    }

    @Override
    public int hashCode() {
        return Objects.hash(location, identifier, schemaJson, systemTable);
    }

    @Override
    public String toString() {
        return "TableHandle{" + name() + " at " + location + "}";
    }
}
