package io.tstore.core.catalog;

import io.tstore.core.table.Identifier;

import io.tstore.core.schema.Schema;
import io.tstore.core.schema.SchemaChange;
import io.tstore.core.system.SystemTables;
import io.tstore.core.table.FileStoreTable;
import io.tstore.core.table.Table;

import java.io.IOException;
import java.util.List;

/**
 * Databases and tables by name. Errors about names that do not exist, or exist already, are
 * {@link CatalogException}s saying which; bad names and bad schemas are {@link IllegalArgumentException}s naming
 * what is wrong.
 */
public interface Catalog extends AutoCloseable {

    List<String> listDatabases() throws IOException;

    boolean databaseExists(String database) throws IOException;

    void createDatabase(String database, boolean ignoreIfExists) throws IOException;

    /** @param cascade whether to drop the database's tables too; without it a non-empty database is an error */
    void dropDatabase(String database, boolean ignoreIfNotExists, boolean cascade) throws IOException;

    List<String> listTables(String database) throws IOException;

    boolean tableExists(Identifier identifier) throws IOException;

    FileStoreTable getTable(Identifier identifier) throws IOException;

    /**
     * A data table, or one of its system tables when the name has the form {@code <table>$<system table>}
     * ({@code orders$snapshots}, see {@link SystemTables}). A missing data table is a {@link CatalogException}; an
     * unknown system table an {@link IllegalArgumentException} listing those there are.
     */
    default Table getTableOrSystemTable(String database, String name) throws IOException {
        int separator = name.indexOf(SystemTables.SEPARATOR);
        if (separator < 0) {
            return getTable(Identifier.of(database, name));
        }
        FileStoreTable table = getTable(Identifier.of(database, name.substring(0, separator)));
        return SystemTables.load(table, name.substring(separator + 1));
    }

    /** {@link #getTableOrSystemTable(String, String)} of a full name, {@code database.table[$system table]}. */
    default Table getTableOrSystemTable(String fullName) throws IOException {
        int dot = fullName.indexOf('.');
        if (dot < 0) {
            throw new IllegalArgumentException("Table name '" + fullName + "' must have the form database.table");
        }
        return getTableOrSystemTable(fullName.substring(0, dot), fullName.substring(dot + 1));
    }

    void createTable(Identifier identifier, Schema schema, boolean ignoreIfExists) throws IOException;

    void dropTable(Identifier identifier, boolean ignoreIfNotExists) throws IOException;

    void renameTable(Identifier from, Identifier to, boolean ignoreIfNotExists) throws IOException;

    void alterTable(Identifier identifier, List<SchemaChange> changes, boolean ignoreIfNotExists) throws IOException;

    @Override
    default void close() {}
}
