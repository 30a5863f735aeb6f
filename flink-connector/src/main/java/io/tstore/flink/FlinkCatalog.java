package io.tstore.flink;

import io.tstore.core.catalog.Catalog;
import io.tstore.core.table.Identifier;
import io.tstore.core.connector.PartitionSpecs;
import io.tstore.core.schema.SchemaChange;
import io.tstore.core.table.FileStoreTable;
import io.tstore.core.types.RowType;
import io.tstore.core.options.ScanOptions;
import io.tstore.flink.procedure.Procedures;
import io.tstore.flink.source.CatalogReads;

import org.apache.flink.table.catalog.AbstractCatalog;
import org.apache.flink.table.catalog.CatalogBaseTable;
import org.apache.flink.table.catalog.CatalogDatabase;
import org.apache.flink.table.catalog.CatalogDatabaseImpl;
import org.apache.flink.table.catalog.CatalogFunction;
import org.apache.flink.table.catalog.CatalogPartition;
import org.apache.flink.table.catalog.CatalogPartitionImpl;
import org.apache.flink.table.catalog.CatalogPartitionSpec;
import org.apache.flink.table.catalog.ObjectPath;
import org.apache.flink.table.catalog.ResolvedCatalogTable;
import org.apache.flink.table.catalog.TableChange;
import org.apache.flink.table.catalog.exceptions.CatalogException;
import org.apache.flink.table.catalog.exceptions.DatabaseAlreadyExistException;
import org.apache.flink.table.catalog.exceptions.DatabaseNotEmptyException;
import org.apache.flink.table.catalog.exceptions.DatabaseNotExistException;
import org.apache.flink.table.catalog.exceptions.FunctionNotExistException;
import org.apache.flink.table.catalog.exceptions.PartitionNotExistException;
import org.apache.flink.table.catalog.exceptions.ProcedureNotExistException;
import org.apache.flink.table.procedures.Procedure;
import org.apache.flink.table.catalog.exceptions.TableAlreadyExistException;
import org.apache.flink.table.catalog.exceptions.TableNotExistException;
import org.apache.flink.table.catalog.exceptions.TableNotPartitionedException;
import org.apache.flink.table.catalog.stats.CatalogColumnStatistics;
import org.apache.flink.table.catalog.stats.CatalogTableStatistics;
import org.apache.flink.table.expressions.Expression;
import org.apache.flink.table.factories.Factory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * A Flink catalog over a tstore {@link Catalog}: databases and tables of a warehouse, created, altered and dropped
 * with Flink SQL DDL. Tables are tstore tables ({@link FlinkCatalogTable}); {@link #getFactory()} builds their sinks
 * and sources. Errors of the core keep their message: a name that does not exist or exists becomes Flink's
 * matching exception with the core's error as its cause, and anything else a Flink {@link CatalogException} with
 * the core's message.
 *
 * <p>Partitions are listed from the latest snapshot; they come and go with the rows written to them. Databases have
 * no properties or comment; views, functions and statistics are not kept (listings are empty, and creating one
 * fails).
 */
public class FlinkCatalog extends AbstractCatalog {
    private final Catalog catalog;

    public FlinkCatalog(String name, String defaultDatabase, Catalog catalog) {
        super(name, defaultDatabase);
        this.catalog = requireNonNull(catalog, "catalog is null");
    }

    /** The tstore catalog this catalog translates to. */
    public Catalog catalog() {
        return catalog;
    }

    @Override
    public Optional<Factory> getFactory() {
        return Optional.of(new FlinkTableFactory(catalog));
    }

    /** Creates the default database when the warehouse does not have it, so that the catalog can be used at once. */
    @Override
    public void open() throws CatalogException {
        try {
            catalog.createDatabase(getDefaultDatabase(), true);
        } catch (IOException | RuntimeException e) {
            throw error("Cannot create the default database " + getDefaultDatabase() + " of catalog " + getName(), e);
        }
    }

    @Override
    public void close() throws CatalogException {
        catalog.close();
    }

    // ------------------------------------------------------------------ databases

    @Override
    public List<String> listDatabases() throws CatalogException {
        try {
            return catalog.listDatabases();
        } catch (IOException | RuntimeException e) {
            throw error(null, e);
        }
    }

    @Override
    public CatalogDatabase getDatabase(String databaseName) throws DatabaseNotExistException, CatalogException {
        if (!databaseExists(databaseName)) {
            throw new DatabaseNotExistException(getName(), databaseName);
        }
        return new CatalogDatabaseImpl(Map.of(), null);
    }

    @Override
    public boolean databaseExists(String databaseName) throws CatalogException {
        try {
            return catalog.databaseExists(databaseName);
        } catch (IllegalArgumentException e) {
            return false; // not a valid name, so no such database
        } catch (IOException | RuntimeException e) {
            throw error(null, e);
        }
    }

    @Override
    public void createDatabase(String name, CatalogDatabase database, boolean ignoreIfExists)
            throws DatabaseAlreadyExistException, CatalogException {
        if (database != null && !database.getProperties().isEmpty()) {
            throw new CatalogException("Database " + name + ": tstore databases have no properties, but got " + database.getProperties());
        }
        try {
            catalog.createDatabase(name, ignoreIfExists);
        } catch (io.tstore.core.catalog.CatalogException e) {
            if (e.reason() == io.tstore.core.catalog.CatalogException.Reason.DATABASE_EXISTS) {
                throw new DatabaseAlreadyExistException(getName(), name, e);
            }
            throw error(null, e);
        } catch (IOException | RuntimeException e) {
            throw error(null, e);
        }
    }

    @Override
    public void dropDatabase(String name, boolean ignoreIfNotExists, boolean cascade)
            throws DatabaseNotExistException, DatabaseNotEmptyException, CatalogException {
        try {
            catalog.dropDatabase(name, ignoreIfNotExists, cascade);
        } catch (io.tstore.core.catalog.CatalogException e) {
            switch (e.reason()) {
                case DATABASE_NOT_FOUND -> throw new DatabaseNotExistException(getName(), name, e);
                case DATABASE_NOT_EMPTY -> throw new DatabaseNotEmptyException(getName(), name, e);
                default -> throw error(null, e);
            }
        } catch (IOException | RuntimeException e) {
            throw error(null, e);
        }
    }

    @Override
    public void alterDatabase(String name, CatalogDatabase newDatabase, boolean ignoreIfNotExists) throws CatalogException {
        throw new CatalogException("Database " + name + ": tstore databases have no properties to alter");
    }

    // ------------------------------------------------------------------ tables

    @Override
    public List<String> listTables(String databaseName) throws DatabaseNotExistException, CatalogException {
        try {
            return catalog.listTables(databaseName);
        } catch (io.tstore.core.catalog.CatalogException e) {
            if (e.reason() == io.tstore.core.catalog.CatalogException.Reason.DATABASE_NOT_FOUND) {
                throw new DatabaseNotExistException(getName(), databaseName, e);
            }
            throw error(null, e);
        } catch (IOException | RuntimeException e) {
            throw error(null, e);
        }
    }

    @Override
    public List<String> listViews(String databaseName) throws DatabaseNotExistException, CatalogException {
        if (!databaseExists(databaseName)) {
            throw new DatabaseNotExistException(getName(), databaseName);
        }
        return List.of();
    }

    @Override
    public CatalogBaseTable getTable(ObjectPath tablePath) throws TableNotExistException, CatalogException {
        if (CatalogReads.isSystemTable(tablePath)) {
            try {
                return CatalogReads.systemTable(catalog, getName(), tablePath);
            } catch (IOException | RuntimeException e) {
                throw error(null, e);
            }
        }
        Identifier identifier = identifierOrNull(tablePath);
        if (identifier == null) {
            throw new TableNotExistException(getName(), tablePath);
        }
        try {
            return FlinkCatalogTable.of(catalog.getTable(identifier));
        } catch (io.tstore.core.catalog.CatalogException e) {
            if (e.reason() == io.tstore.core.catalog.CatalogException.Reason.TABLE_NOT_FOUND) {
                throw new TableNotExistException(getName(), tablePath, e);
            }
            throw error(null, e);
        } catch (IOException | RuntimeException e) {
            throw error(null, e);
        }
    }

    /**
     * The table as of a time ({@code FOR SYSTEM_TIME AS OF TIMESTAMP '...'}): a read of the latest snapshot committed
     * at or before it ({@code scan.timestamp-millis}).
     */
    @Override
    public CatalogBaseTable getTable(ObjectPath tablePath, long timestamp) throws TableNotExistException, CatalogException {
        CatalogBaseTable table = getTable(tablePath);
        if (!(table instanceof FlinkCatalogTable data)) {
            throw new CatalogException("Table " + tablePath.getFullName() + " has no history to travel in");
        }
        try {
            return FlinkCatalogTable.of(data.table().copy(Map.of(ScanOptions.SCAN_TIMESTAMP_MILLIS.key(), String.valueOf(timestamp))));
        } catch (RuntimeException e) {
            throw error(null, e);
        }
    }

    @Override
    public List<String> listProcedures(String dbName) throws DatabaseNotExistException, CatalogException {
        return Procedures.names(dbName);
    }

    @Override
    public Procedure getProcedure(ObjectPath procedurePath) throws ProcedureNotExistException, CatalogException {
        return Procedures.procedure(catalog, procedurePath.getDatabaseName(), procedurePath.getObjectName())
                .orElseThrow(() -> new ProcedureNotExistException(getName(), procedurePath));
    }

    @Override
    public boolean tableExists(ObjectPath tablePath) throws CatalogException {
        if (CatalogReads.isSystemTable(tablePath)) {
            return CatalogReads.systemTableExists(catalog, tablePath);
        }
        Identifier identifier = identifierOrNull(tablePath);
        if (identifier == null) {
            return false;
        }
        try {
            return catalog.databaseExists(identifier.database()) && catalog.tableExists(identifier);
        } catch (IOException | RuntimeException e) {
            throw error(null, e);
        }
    }

    @Override
    public void dropTable(ObjectPath tablePath, boolean ignoreIfNotExists) throws TableNotExistException, CatalogException {
        try {
            catalog.dropTable(identifier(tablePath), ignoreIfNotExists);
        } catch (io.tstore.core.catalog.CatalogException e) {
            throw tableError(tablePath, e);
        } catch (IOException | RuntimeException e) {
            throw error(null, e);
        }
    }

    @Override
    public void renameTable(ObjectPath tablePath, String newTableName, boolean ignoreIfNotExists)
            throws TableNotExistException, TableAlreadyExistException, CatalogException {
        ObjectPath target = new ObjectPath(tablePath.getDatabaseName(), newTableName);
        try {
            catalog.renameTable(identifier(tablePath), identifier(target), ignoreIfNotExists);
        } catch (io.tstore.core.catalog.CatalogException e) {
            if (e.reason() == io.tstore.core.catalog.CatalogException.Reason.TABLE_EXISTS) {
                throw new TableAlreadyExistException(getName(), target, e);
            }
            throw tableError(tablePath, e);
        } catch (IOException | RuntimeException e) {
            throw error(null, e);
        }
    }

    @Override
    public void createTable(ObjectPath tablePath, CatalogBaseTable table, boolean ignoreIfExists)
            throws TableAlreadyExistException, DatabaseNotExistException, CatalogException {
        if (!(table instanceof ResolvedCatalogTable resolved)) {
            throw new CatalogException("Table " + tablePath.getFullName() + ": a tstore catalog holds tables only, not "
                    + table.getTableKind().name().toLowerCase(java.util.Locale.ROOT) + "s");
        }
        try {
            Identifier identifier = identifier(tablePath);
            catalog.createTable(identifier, FlinkSchemas.toSchema(identifier.fullName(), resolved), ignoreIfExists);
        } catch (io.tstore.core.catalog.CatalogException e) {
            switch (e.reason()) {
                case TABLE_EXISTS -> throw new TableAlreadyExistException(getName(), tablePath, e);
                case DATABASE_NOT_FOUND -> throw new DatabaseNotExistException(getName(), tablePath.getDatabaseName(), e);
                default -> throw error(null, e);
            }
        } catch (IOException | RuntimeException e) {
            throw error(null, e);
        }
    }

    @Override
    public void alterTable(ObjectPath tablePath, CatalogBaseTable newTable, boolean ignoreIfNotExists) throws CatalogException {
        throw new CatalogException("Table " + tablePath.getFullName()
                + ": altering a tstore table needs the list of changes (ALTER TABLE ... ADD/MODIFY/DROP/RENAME/SET/RESET)");
    }

    @Override
    public void alterTable(ObjectPath tablePath, CatalogBaseTable newTable, List<TableChange> tableChanges, boolean ignoreIfNotExists)
            throws TableNotExistException, CatalogException {
        try {
            Identifier identifier = identifier(tablePath);
            List<SchemaChange> changes = FlinkSchemas.toSchemaChanges(identifier.fullName(), tableChanges);
            catalog.alterTable(identifier, changes, ignoreIfNotExists);
        } catch (io.tstore.core.catalog.CatalogException e) {
            throw tableError(tablePath, e);
        } catch (IOException | RuntimeException e) {
            throw error(null, e);
        }
    }

    // ------------------------------------------------------------------ partitions, functions, statistics

    /** The partitions that hold files in the latest snapshot, with values as they appear in partition directories. */
    @Override
    public List<CatalogPartitionSpec> listPartitions(ObjectPath tablePath)
            throws TableNotExistException, TableNotPartitionedException, CatalogException {
        FileStoreTable table = coreTable(tablePath);
        RowType partitionType = table.schema().logicalPartitionType();
        if (partitionType.fieldCount() == 0) {
            throw new TableNotPartitionedException(getName(), tablePath);
        }
        try {
            List<CatalogPartitionSpec> specs = new ArrayList<>();
            for (Map<String, String> spec : PartitionSpecs.list(table)) {
                specs.add(new CatalogPartitionSpec(spec));
            }
            return specs;
        } catch (IOException | RuntimeException e) {
            throw error("Table " + table.name() + ": cannot list partitions", e);
        }
    }

    @Override
    public List<CatalogPartitionSpec> listPartitions(ObjectPath tablePath, CatalogPartitionSpec partitionSpec)
            throws TableNotExistException, TableNotPartitionedException, CatalogException {
        List<CatalogPartitionSpec> matching = new ArrayList<>();
        for (CatalogPartitionSpec spec : listPartitions(tablePath)) {
            if (spec.getPartitionSpec().entrySet().containsAll(partitionSpec.getPartitionSpec().entrySet())) {
                matching.add(spec);
            }
        }
        return matching;
    }

    /** Unsupported, which tells the planner to filter the listed partitions itself. */
    @Override
    public List<CatalogPartitionSpec> listPartitionsByFilter(ObjectPath tablePath, List<Expression> filters) {
        throw new UnsupportedOperationException("Table " + tablePath.getFullName() + ": listing partitions by filter");
    }

    @Override
    public CatalogPartition getPartition(ObjectPath tablePath, CatalogPartitionSpec partitionSpec) throws PartitionNotExistException {
        if (!partitionExists(tablePath, partitionSpec)) {
            throw new PartitionNotExistException(getName(), tablePath, partitionSpec);
        }
        return new CatalogPartitionImpl(Map.of(), null);
    }

    @Override
    public boolean partitionExists(ObjectPath tablePath, CatalogPartitionSpec partitionSpec) {
        try {
            return listPartitions(tablePath).contains(partitionSpec);
        } catch (TableNotExistException | TableNotPartitionedException e) {
            return false;
        }
    }

    private FileStoreTable coreTable(ObjectPath tablePath) throws TableNotExistException {
        CatalogBaseTable table = getTable(tablePath);
        return ((FlinkCatalogTable) table).table();
    }

    @Override
    public void createPartition(ObjectPath tablePath, CatalogPartitionSpec partitionSpec, CatalogPartition partition, boolean ignoreIfExists)
            throws TableNotPartitionedException, CatalogException {
        throw new CatalogException("Table " + tablePath.getFullName() + ": partitions are created by writing rows to them");
    }

    @Override
    public void dropPartition(ObjectPath tablePath, CatalogPartitionSpec partitionSpec, boolean ignoreIfNotExists) throws CatalogException {
        throw new CatalogException("Table " + tablePath.getFullName()
                + ": dropping partitions is not supported yet; INSERT OVERWRITE the partition with no rows instead");
    }

    @Override
    public void alterPartition(ObjectPath tablePath, CatalogPartitionSpec partitionSpec, CatalogPartition newPartition, boolean ignoreIfNotExists)
            throws CatalogException {
        throw new CatalogException("Table " + tablePath.getFullName() + ": partitions have no properties to alter");
    }

    @Override
    public List<String> listFunctions(String dbName) throws DatabaseNotExistException, CatalogException {
        if (!databaseExists(dbName)) {
            throw new DatabaseNotExistException(getName(), dbName);
        }
        return List.of();
    }

    @Override
    public CatalogFunction getFunction(ObjectPath functionPath) throws FunctionNotExistException {
        throw new FunctionNotExistException(getName(), functionPath);
    }

    @Override
    public boolean functionExists(ObjectPath functionPath) {
        return false;
    }

    @Override
    public void createFunction(ObjectPath functionPath, CatalogFunction function, boolean ignoreIfExists) throws CatalogException {
        throw new CatalogException("A tstore catalog does not keep functions; create " + functionPath.getFullName()
                + " as a temporary function, or in another catalog");
    }

    @Override
    public void alterFunction(ObjectPath functionPath, CatalogFunction newFunction, boolean ignoreIfNotExists) throws CatalogException {
        throw new CatalogException("A tstore catalog does not keep functions");
    }

    @Override
    public void dropFunction(ObjectPath functionPath, boolean ignoreIfNotExists) throws FunctionNotExistException {
        if (!ignoreIfNotExists) {
            throw new FunctionNotExistException(getName(), functionPath);
        }
    }

    @Override
    public CatalogTableStatistics getTableStatistics(ObjectPath tablePath) {
        return CatalogTableStatistics.UNKNOWN;
    }

    @Override
    public CatalogColumnStatistics getTableColumnStatistics(ObjectPath tablePath) {
        return CatalogColumnStatistics.UNKNOWN;
    }

    @Override
    public CatalogTableStatistics getPartitionStatistics(ObjectPath tablePath, CatalogPartitionSpec partitionSpec) {
        return CatalogTableStatistics.UNKNOWN;
    }

    @Override
    public CatalogColumnStatistics getPartitionColumnStatistics(ObjectPath tablePath, CatalogPartitionSpec partitionSpec) {
        return CatalogColumnStatistics.UNKNOWN;
    }

    @Override
    public void alterTableStatistics(ObjectPath tablePath, CatalogTableStatistics tableStatistics, boolean ignoreIfNotExists)
            throws CatalogException {
        throw new CatalogException("Table " + tablePath.getFullName() + ": a tstore catalog does not keep statistics");
    }

    @Override
    public void alterTableColumnStatistics(ObjectPath tablePath, CatalogColumnStatistics columnStatistics, boolean ignoreIfNotExists)
            throws CatalogException {
        throw new CatalogException("Table " + tablePath.getFullName() + ": a tstore catalog does not keep statistics");
    }

    @Override
    public void alterPartitionStatistics(ObjectPath tablePath, CatalogPartitionSpec partitionSpec, CatalogTableStatistics partitionStatistics,
            boolean ignoreIfNotExists) throws CatalogException {
        throw new CatalogException("Table " + tablePath.getFullName() + ": a tstore catalog does not keep statistics");
    }

    @Override
    public void alterPartitionColumnStatistics(ObjectPath tablePath, CatalogPartitionSpec partitionSpec,
            CatalogColumnStatistics columnStatistics, boolean ignoreIfNotExists) throws CatalogException {
        throw new CatalogException("Table " + tablePath.getFullName() + ": a tstore catalog does not keep statistics");
    }

    // ------------------------------------------------------------------ helpers

    private static Identifier identifier(ObjectPath path) {
        return Identifier.of(path.getDatabaseName(), path.getObjectName());
    }

    private static Identifier identifierOrNull(ObjectPath path) {
        try {
            return identifier(path);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private CatalogException tableError(ObjectPath tablePath, io.tstore.core.catalog.CatalogException e) throws TableNotExistException {
        if (e.reason() == io.tstore.core.catalog.CatalogException.Reason.TABLE_NOT_FOUND) {
            throw new TableNotExistException(getName(), tablePath, e);
        }
        return error(null, e);
    }

    /** A Flink catalog error with the core's message, which names the table, column or option at fault. */
    private static CatalogException error(String context, Exception e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (e instanceof IOException) {
            message = "I/O error: " + message;
        }
        return new CatalogException(context == null ? message : context + ": " + message, e);
    }
}
