package io.tstore.core.catalog;

import io.tstore.core.schema.Schema;
import io.tstore.core.schema.SchemaChange;
import io.tstore.core.table.FileStoreTable;

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

    void createTable(Identifier identifier, Schema schema, boolean ignoreIfExists) throws IOException;

    void dropTable(Identifier identifier, boolean ignoreIfNotExists) throws IOException;

    void renameTable(Identifier from, Identifier to, boolean ignoreIfNotExists) throws IOException;

    void alterTable(Identifier identifier, List<SchemaChange> changes, boolean ignoreIfNotExists) throws IOException;

    @Override
    default void close() {}
}
