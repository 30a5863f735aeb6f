package io.tstore.core.catalog;

import io.tstore.core.table.Identifier;

import io.tstore.core.fs.FileIO;
import io.tstore.core.fs.FileStatus;
import io.tstore.core.fs.Path;
import io.tstore.core.log.LogStores;
import io.tstore.core.schema.Schema;
import io.tstore.core.schema.SchemaChange;
import io.tstore.core.schema.SchemaManager;
import io.tstore.core.schema.TableSchema;
import io.tstore.core.table.FileStoreTable;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * A catalog that is nothing but a warehouse directory: database {@code d} is {@code <warehouse>/d.db}, and table
 * {@code d.t} is {@code <warehouse>/d.db/t}, which exists when it holds a schema. Options prefixed
 * {@code table-default.} are defaults for the options of tables this catalog creates.
 */
public final class FileSystemCatalog implements Catalog {
    public static final String DATABASE_SUFFIX = ".db";
    public static final String TABLE_DEFAULT_PREFIX = "table-default.";

    private final FileIO fileIO;
    private final Path warehouse;
    private final Map<String, String> tableDefaults;

    public FileSystemCatalog(FileIO fileIO, Path warehouse, Map<String, String> catalogOptions) {
        this.fileIO = requireNonNull(fileIO, "fileIO is null");
        this.warehouse = requireNonNull(warehouse, "warehouse is null");
        Map<String, String> defaults = new HashMap<>();
        for (Map.Entry<String, String> option : catalogOptions.entrySet()) {
            if (option.getKey().startsWith(TABLE_DEFAULT_PREFIX)) {
                defaults.put(option.getKey().substring(TABLE_DEFAULT_PREFIX.length()), option.getValue());
            }
        }
        this.tableDefaults = Map.copyOf(defaults);
    }

    /** A catalog over a warehouse path, with the {@link FileIO} its scheme calls for. */
    public static FileSystemCatalog create(String warehouse, Map<String, String> options) {
        Path path = new Path(warehouse);
        return new FileSystemCatalog(FileIO.get(path, options), path, options);
    }

    public FileIO fileIO() {
        return fileIO;
    }

    /** The options that tables created through this catalog get by default (the {@code table-default.} ones, unprefixed). */
    public Map<String, String> tableDefaults() {
        return tableDefaults;
    }

    public Path warehouse() {
        return warehouse;
    }

    public Path databasePath(String database) {
        Identifier.checkName("database", database);
        return new Path(warehouse, database + DATABASE_SUFFIX);
    }

    public Path tablePath(Identifier identifier) {
        return new Path(databasePath(identifier.database()), identifier.table());
    }

    @Override
    public List<String> listDatabases() throws IOException {
        List<String> databases = new ArrayList<>();
        for (FileStatus status : fileIO.listStatus(warehouse)) {
            String name = status.path().getName();
            if (status.isDir() && name.endsWith(DATABASE_SUFFIX)) {
                databases.add(name.substring(0, name.length() - DATABASE_SUFFIX.length()));
            }
        }
        databases.sort(null);
        return databases;
    }

    @Override
    public boolean databaseExists(String database) throws IOException {
        return fileIO.exists(databasePath(database));
    }

    @Override
    public void createDatabase(String database, boolean ignoreIfExists) throws IOException {
        if (databaseExists(database)) {
            if (ignoreIfExists) {
                return;
            }
            throw CatalogException.databaseExists(database);
        }
        fileIO.mkdirs(databasePath(database));
    }

    @Override
    public void dropDatabase(String database, boolean ignoreIfNotExists, boolean cascade) throws IOException {
        if (!databaseExists(database)) {
            if (ignoreIfNotExists) {
                return;
            }
            throw CatalogException.databaseNotFound(database);
        }
        if (!cascade && !listTables(database).isEmpty()) {
            throw CatalogException.databaseNotEmpty(database);
        }
        fileIO.delete(databasePath(database), true);
    }

    @Override
    public List<String> listTables(String database) throws IOException {
        if (!databaseExists(database)) {
            throw CatalogException.databaseNotFound(database);
        }
        List<String> tables = new ArrayList<>();
        for (FileStatus status : fileIO.listStatus(databasePath(database))) {
            if (status.isDir() && isTable(status.path())) {
                tables.add(status.path().getName());
            }
        }
        tables.sort(null);
        return tables;
    }

    private boolean isTable(Path tablePath) throws IOException {
        return !new SchemaManager(fileIO, tablePath).listIds().isEmpty();
    }

    @Override
    public boolean tableExists(Identifier identifier) throws IOException {
        return isTable(tablePath(identifier));
    }

    @Override
    public FileStoreTable getTable(Identifier identifier) throws IOException {
        Path path = tablePath(identifier);
        TableSchema schema = new SchemaManager(fileIO, path, identifier.fullName(), System::currentTimeMillis)
                .latest()
                .orElseThrow(() -> CatalogException.tableNotFound(identifier));
        return new FileStoreTable(fileIO, path, identifier, schema);
    }

    @Override
    public void createTable(Identifier identifier, Schema schema, boolean ignoreIfExists) throws IOException {
        if (!databaseExists(identifier.database())) {
            throw CatalogException.databaseNotFound(identifier.database());
        }
        if (tableExists(identifier)) {
            if (ignoreIfExists) {
                return;
            }
            throw CatalogException.tableExists(identifier);
        }
        Schema withDefaults = schema;
        if (!tableDefaults.isEmpty()) {
            Map<String, String> options = new HashMap<>(tableDefaults);
            options.putAll(schema.options());
            withDefaults = schema.withOptions(options);
        }
        try {
            new SchemaManager(fileIO, tablePath(identifier), identifier.fullName(), System::currentTimeMillis).createTable(withDefaults);
        } catch (IllegalStateException e) {
            if (ignoreIfExists) {
                return; // created concurrently
            }
            throw CatalogException.tableExists(identifier);
        }
        // Log store hook (io.tstore.core.log): a table with log.system = kafka gets its topic now; a table whose
        // log cannot be created (no broker, a topic with the wrong partition count) is not created.
        try {
            LogStores.createLog(getTable(identifier));
        } catch (IOException | RuntimeException e) {
            fileIO.delete(tablePath(identifier), true);
            throw e;
        }
    }

    @Override
    public void dropTable(Identifier identifier, boolean ignoreIfNotExists) throws IOException {
        if (!tableExists(identifier)) {
            if (ignoreIfNotExists) {
                return;
            }
            throw CatalogException.tableNotFound(identifier);
        }
        FileStoreTable table = getTable(identifier);
        fileIO.delete(tablePath(identifier), true);
        LogStores.dropLog(table); // log store hook (io.tstore.core.log): deletes the table's topic, if it has one
    }

    @Override
    public void renameTable(Identifier from, Identifier to, boolean ignoreIfNotExists) throws IOException {
        if (!tableExists(from)) {
            if (ignoreIfNotExists) {
                return;
            }
            throw CatalogException.tableNotFound(from);
        }
        if (!databaseExists(to.database())) {
            throw CatalogException.databaseNotFound(to.database());
        }
        if (fileIO.exists(tablePath(to))) {
            throw CatalogException.tableExists(to);
        }
        if (!fileIO.rename(tablePath(from), tablePath(to))) {
            throw CatalogException.tableExists(to);
        }
    }

    @Override
    public void alterTable(Identifier identifier, List<SchemaChange> changes, boolean ignoreIfNotExists) throws IOException {
        if (!tableExists(identifier)) {
            if (ignoreIfNotExists) {
                return;
            }
            throw CatalogException.tableNotFound(identifier);
        }
        new SchemaManager(fileIO, tablePath(identifier), identifier.fullName(), System::currentTimeMillis).commitChanges(changes);
    }
}
