package io.tstore.flink.source;

import io.tstore.core.table.Identifier;
import io.tstore.core.fs.FileIO;
import io.tstore.core.fs.Path;
import io.tstore.core.schema.TableSchema;
import io.tstore.core.system.SystemTables;
import io.tstore.core.table.FileStoreTable;
import io.tstore.core.table.Table;

import java.io.Serializable;

import static java.util.Objects.requireNonNull;

/**
 * Ships a table from the planner to Flink's coordinator and task managers: core tables are not serializable, so a
 * source carries this instead and loads the table where it runs. A data table is loaded at the very schema
 * (options included, such as dynamic options) that the planner resolved, so every task reads the same columns.
 */
public interface TableLoader extends Serializable {

    /** The table, loaded anew. */
    Table load();

    /** The table's full name, for errors and operator names. */
    String name();

    /** A loader of a data table at its current schema and options. */
    static DataTableLoader of(FileStoreTable table) {
        return new DataTableLoader(table.fileIO(), table.location(), table.identifier(), table.schema().toJson());
    }

    /** A loader of a system table ({@code t$snapshots}) of a data table. */
    static SystemTableLoader ofSystemTable(FileStoreTable dataTable, String systemTableName) {
        return new SystemTableLoader(of(dataTable), systemTableName);
    }

    /** Loads a system table of a data table, reading the data table's metadata anew. */
    record SystemTableLoader(DataTableLoader dataTable, String systemTableName) implements TableLoader {
        private static final long serialVersionUID = 1L;

        public SystemTableLoader {
            requireNonNull(dataTable, "dataTable is null");
            requireNonNull(systemTableName, "systemTableName is null");
        }

        @Override
        public Table load() {
            return SystemTables.load(dataTable.load(), systemTableName);
        }

        @Override
        public String name() {
            return dataTable.name() + SystemTables.SEPARATOR + systemTableName;
        }
    }

    /** Loads a data table from its directory at a schema given as JSON. */
    record DataTableLoader(FileIO fileIO, Path location, Identifier identifier, String schemaJson) implements TableLoader {
        private static final long serialVersionUID = 1L;

        public DataTableLoader {
            requireNonNull(fileIO, "fileIO is null");
            requireNonNull(location, "location is null");
            requireNonNull(identifier, "identifier is null");
            requireNonNull(schemaJson, "schemaJson is null");
        }

        @Override
        public FileStoreTable load() {
            return new FileStoreTable(fileIO, location, identifier, TableSchema.fromJson(schemaJson));
        }

        @Override
        public String name() {
            return identifier.fullName();
        }
    }
}
