package io.tstore.trino;

import io.airlift.slice.Slice;
import io.trino.spi.TrinoException;
import io.trino.spi.connector.ColumnHandle;
import io.trino.spi.connector.ColumnMetadata;
import io.trino.spi.connector.ConnectorInsertTableHandle;
import io.trino.spi.connector.ConnectorAccessControl;
import io.trino.spi.connector.ConnectorMergeTableHandle;
import io.trino.spi.connector.TableFunctionApplicationResult;
import io.trino.spi.function.table.ConnectorTableFunctionHandle;
import io.trino.spi.connector.ConnectorTableExecuteHandle;
import io.trino.spi.connector.ConnectorMetadata;
import io.trino.spi.connector.ConnectorPartitioningHandle;
import io.trino.spi.connector.RowChangeParadigm;
import io.trino.spi.connector.ConnectorOutputMetadata;
import io.trino.spi.connector.ConnectorOutputTableHandle;
import io.trino.spi.connector.ConnectorSession;
import io.trino.spi.connector.ConnectorTableHandle;
import io.trino.spi.connector.ConnectorTableLayout;
import io.trino.spi.connector.ConnectorTableMetadata;
import io.trino.spi.connector.ConnectorTableVersion;
import io.trino.spi.connector.Constraint;
import io.trino.spi.connector.ConstraintApplicationResult;
import io.trino.spi.connector.LimitApplicationResult;
import io.trino.spi.connector.PointerType;
import io.trino.spi.connector.RetryMode;
import io.trino.spi.connector.SaveMode;
import io.trino.spi.connector.SchemaTableName;
import io.trino.spi.connector.SchemaTablePrefix;
import io.trino.spi.predicate.Domain;
import io.trino.spi.predicate.TupleDomain;
import io.trino.spi.security.TrinoPrincipal;
import io.trino.spi.statistics.ComputedStatistics;
import io.trino.spi.statistics.TableStatistics;
import io.trino.spi.type.LongTimestampWithTimeZone;
import io.trino.spi.type.TimestampType;
import io.trino.spi.type.TimestampWithTimeZoneType;
import io.trino.spi.type.VarcharType;
import io.tstore.core.catalog.FileSystemCatalog;
import io.tstore.core.catalog.CatalogException;
import io.tstore.core.connector.TableHandle;
import io.tstore.core.schema.Schema;
import io.tstore.core.schema.SchemaChange;
import io.tstore.core.schema.TableSchema;
import io.tstore.core.options.CoreOptions;
import io.tstore.core.options.MergeEngine;
import io.tstore.core.snapshot.Snapshot;
import io.tstore.core.system.SystemTables;
import io.tstore.core.table.FileStoreTable;
import io.tstore.core.table.Identifier;
import io.tstore.core.table.Table;
import io.tstore.core.tag.TagManager;
import io.tstore.core.types.DataField;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import static io.trino.spi.StandardErrorCode.ALREADY_EXISTS;
import static io.trino.spi.StandardErrorCode.GENERIC_INTERNAL_ERROR;
import static io.trino.spi.StandardErrorCode.INVALID_ARGUMENTS;
import static io.trino.spi.StandardErrorCode.INVALID_TABLE_PROPERTY;
import static io.trino.spi.StandardErrorCode.NOT_FOUND;
import static io.trino.spi.StandardErrorCode.NOT_SUPPORTED;
import static io.trino.spi.StandardErrorCode.SCHEMA_NOT_EMPTY;
import static io.trino.spi.type.DateTimeEncoding.unpackMillisUtc;
import static java.util.Objects.requireNonNull;

/**
 * The metadata of one transaction: databases as schemas, tables and their columns, time travel, pushdown of
 * partition and primary-key predicates and of limits, and the begin/finish halves of writes. A table handle resolves
 * its snapshot once, when the query first names the table, so every split of the query reads that snapshot.
 */
final class TStoreMetadata implements ConnectorMetadata {
    private final String catalogName;
    private final FileSystemCatalog catalog;
    private final List<Identifier> createdTables = new CopyOnWriteArrayList<>();

    TStoreMetadata(String catalogName, FileSystemCatalog catalog) {
        this.catalogName = requireNonNull(catalogName, "catalogName is null");
        this.catalog = requireNonNull(catalog, "catalog is null");
    }

    // ------------------------------------------------------------------------------------------ schemas

    @Override
    public boolean schemaExists(ConnectorSession session, String schemaName) {
        return io(() -> catalog.databaseExists(schemaName));
    }

    @Override
    public List<String> listSchemaNames(ConnectorSession session) {
        return io(catalog::listDatabases);
    }

    @Override
    public void createSchema(ConnectorSession session, String schemaName, Map<String, Object> properties, TrinoPrincipal owner) {
        io(() -> {
            catalog.createDatabase(schemaName, false);
            return null;
        });
    }

    @Override
    public void dropSchema(ConnectorSession session, String schemaName, boolean cascade) {
        io(() -> {
            catalog.dropDatabase(schemaName, false, cascade);
            return null;
        });
    }

    // ------------------------------------------------------------------------------------------ tables

    @Override
    public List<SchemaTableName> listTables(ConnectorSession session, Optional<String> schemaName) {
        List<String> schemas = schemaName.map(List::of).orElseGet(() -> listSchemaNames(session));
        List<SchemaTableName> tables = new ArrayList<>();
        for (String schema : schemas) {
            if (!schemaExists(session, schema)) {
                continue;
            }
            for (String table : io(() -> catalog.listTables(schema))) {
                tables.add(new SchemaTableName(schema, table));
            }
        }
        return tables;
    }

    @Override
    public ConnectorTableHandle getTableHandle(ConnectorSession session, SchemaTableName name,
            Optional<ConnectorTableVersion> startVersion, Optional<ConnectorTableVersion> endVersion) {
        if (startVersion.isPresent()) {
            throw new TrinoException(NOT_SUPPORTED, "Reading the changes between two versions of " + name + " is not supported");
        }
        Table table;
        try {
            table = catalog.getTableOrSystemTable(name.getSchemaName(), name.getTableName());
        } catch (CatalogException e) {
            return null;
        } catch (IllegalArgumentException e) {
            if (name.getTableName().contains(SystemTables.SEPARATOR)) {
                return null;
            }
            throw new TrinoException(INVALID_ARGUMENTS, e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (table instanceof FileStoreTable data) {
            Long snapshotId = io(() -> resolveSnapshot(session, data, endVersion));
            // Time travel reads with the snapshot's own schema: its columns, as they were named then.
            FileStoreTable read = endVersion.isPresent() && snapshotId != null ? io(() -> atSchemaOf(data, snapshotId)) : data;
            return new TStoreTableHandle(name.getSchemaName(), name.getTableName(), TableHandle.of(read).toJson(),
                    snapshotId, TupleDomain.all(), null);
        }
        if (endVersion.isPresent()) {
            throw new TrinoException(NOT_SUPPORTED, "System table " + name + " has no versions to travel to");
        }
        int separator = name.getTableName().indexOf(SystemTables.SEPARATOR);
        FileStoreTable data = io(() -> catalog.getTable(Identifier.of(name.getSchemaName(), name.getTableName().substring(0, separator))));
        TableHandle handle = TableHandle.ofSystemTable(data, name.getTableName().substring(separator + 1));
        return new TStoreTableHandle(name.getSchemaName(), name.getTableName(), handle.toJson(), null, TupleDomain.all(), null);
    }

    /** The table with the schema snapshot {@code snapshotId} was written with. */
    private static FileStoreTable atSchemaOf(FileStoreTable table, long snapshotId) throws IOException {
        long schemaId = table.snapshotManager().snapshot(snapshotId).schemaId();
        if (schemaId == table.schema().id()) {
            return table;
        }
        return new FileStoreTable(table.fileIO(), table.location(), table.identifier(), table.schemaManager().schema(schemaId));
    }

    /** The snapshot a query reads: the latest, or the one a {@code FOR VERSION/TIMESTAMP AS OF} names; null when there is none. */
    private static Long resolveSnapshot(ConnectorSession session, FileStoreTable table, Optional<ConnectorTableVersion> version) throws IOException {
        if (version.isEmpty()) {
            OptionalLong latest = table.snapshotManager().latestSnapshotId();
            return latest.isPresent() ? latest.getAsLong() : null;
        }
        ConnectorTableVersion v = version.get();
        if (v.getPointerType() == PointerType.TARGET_ID) {
            if (v.getVersionType() instanceof VarcharType) {
                String tag = ((Slice) v.getVersion()).toStringUtf8();
                return new TagManager(table).tag(tag).map(Snapshot::id).orElseThrow(() -> new TrinoException(INVALID_ARGUMENTS,
                        "Table " + table.name() + " has no tag '" + tag + "'"));
            }
            if (!(v.getVersion() instanceof Long id)) {
                throw new TrinoException(NOT_SUPPORTED, "FOR VERSION AS OF takes a snapshot id (bigint) or a tag name (varchar), not " + v.getVersionType());
            }
            if (!table.snapshotManager().snapshotExists(id)) {
                throw new TrinoException(INVALID_ARGUMENTS, "Table " + table.name() + " has no snapshot " + id
                        + "; see its \"" + table.identifier().table() + "$snapshots\" table");
            }
            return id;
        }
        long millis;
        if (v.getVersionType() instanceof TimestampWithTimeZoneType tz) {
            millis = tz.isShort() ? unpackMillisUtc((Long) v.getVersion()) : ((LongTimestampWithTimeZone) v.getVersion()).getEpochMillis();
        } else if (v.getVersionType() instanceof TimestampType ts && ts.isShort()) {
            ZoneId zone = ZoneId.of(session.getTimeZoneKey().getId());
            long micros = (Long) v.getVersion();
            LocalDateTime local = LocalDateTime.ofEpochSecond(Math.floorDiv(micros, 1_000_000L),
                    (int) Math.floorMod(micros, 1_000_000L) * 1000, ZoneOffset.UTC);
            millis = local.atZone(zone).toInstant().toEpochMilli();
        } else {
            throw new TrinoException(NOT_SUPPORTED, "FOR TIMESTAMP AS OF takes a timestamp, not " + v.getVersionType());
        }
        Snapshot found = null;
        for (Snapshot snapshot : table.snapshotManager().snapshots()) {
            if (snapshot.timeMillis() <= millis && (found == null || snapshot.id() > found.id())) {
                found = snapshot;
            }
        }
        if (found == null) {
            throw new TrinoException(INVALID_ARGUMENTS, "Table " + table.name() + " has no snapshot at or before " + java.time.Instant.ofEpochMilli(millis));
        }
        return found.id();
    }

    @Override
    public ConnectorTableMetadata getTableMetadata(ConnectorSession session, ConnectorTableHandle tableHandle) {
        TStoreTableHandle handle = (TStoreTableHandle) tableHandle;
        Table table = load(handle);
        List<ColumnMetadata> columns = new ArrayList<>();
        for (DataField field : table.rowType().fields()) {
            columns.add(columnMetadata(field));
        }
        Map<String, Object> properties = new LinkedHashMap<>();
        if (table instanceof FileStoreTable data) {
            if (!data.primaryKeys().isEmpty()) {
                properties.put(TStoreTableProperties.PRIMARY_KEY, data.primaryKeys());
            }
            if (!data.partitionKeys().isEmpty()) {
                properties.put(TStoreTableProperties.PARTITIONED_BY, data.partitionKeys());
            }
            String bucket = data.schema().optionsMap().get(TStoreTableProperties.BUCKET_OPTION);
            if (bucket != null) {
                properties.put(TStoreTableProperties.BUCKET, Integer.parseInt(bucket));
            }
            // The other options are not reported here: SHOW CREATE TABLE cannot print a map property (Trino
            // renders lists and scalars only); the "t$options" system table lists them.
        }
        return new ConnectorTableMetadata(handle.schemaTableName(), columns, properties, table.comment());
    }

    private static ColumnMetadata columnMetadata(DataField field) {
        return ColumnMetadata.builder()
                .setName(field.name())
                .setType(TypeMapping.toTrinoType(field.type()))
                .setNullable(field.type().isNullable())
                .setComment(Optional.ofNullable(field.description()))
                .build();
    }

    @Override
    public Map<String, ColumnHandle> getColumnHandles(ConnectorSession session, ConnectorTableHandle tableHandle) {
        Map<String, ColumnHandle> columns = new LinkedHashMap<>();
        for (DataField field : load((TStoreTableHandle) tableHandle).rowType().fields()) {
            columns.put(field.name(), TStoreColumnHandle.of(field.name(), field.type()));
        }
        return columns;
    }

    @Override
    public ColumnMetadata getColumnMetadata(ConnectorSession session, ConnectorTableHandle tableHandle, ColumnHandle columnHandle) {
        TStoreColumnHandle column = (TStoreColumnHandle) columnHandle;
        return ColumnMetadata.builder().setName(column.getName()).setType(column.trinoType())
                .setNullable(column.coreType().isNullable()).build();
    }

    @Override
    public Map<SchemaTableName, List<ColumnMetadata>> listTableColumns(ConnectorSession session, SchemaTablePrefix prefix) {
        List<SchemaTableName> names = prefix.getTable().isPresent()
                ? List.of(new SchemaTableName(prefix.getSchema().orElseThrow(), prefix.getTable().get()))
                : listTables(session, prefix.getSchema());
        Map<SchemaTableName, List<ColumnMetadata>> columns = new LinkedHashMap<>();
        for (SchemaTableName name : names) {
            FileStoreTable table;
            try {
                table = catalog.getTable(Identifier.of(name.getSchemaName(), name.getTableName()));
            } catch (CatalogException | IllegalArgumentException e) {
                continue; // dropped meanwhile, or not a data table
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            List<ColumnMetadata> list = new ArrayList<>();
            for (DataField field : table.rowType().fields()) {
                list.add(columnMetadata(field));
            }
            columns.put(name, list);
        }
        return columns;
    }

    @Override
    public void createTable(ConnectorSession session, ConnectorTableMetadata tableMetadata, SaveMode saveMode) {
        if (saveMode == SaveMode.REPLACE) {
            throw new TrinoException(NOT_SUPPORTED, "CREATE OR REPLACE TABLE is not supported");
        }
        Identifier identifier = identifier(tableMetadata.getTable());
        Schema schema = schema(tableMetadata);
        io(() -> {
            if (saveMode == SaveMode.FAIL && catalog.tableExists(identifier)) {
                throw new TrinoException(ALREADY_EXISTS, "Table " + tableMetadata.getTable() + " already exists");
            }
            catalog.createTable(identifier, schema, saveMode == SaveMode.IGNORE);
            return null;
        });
    }

    private static Schema schema(ConnectorTableMetadata tableMetadata) {
        Map<String, Object> properties = tableMetadata.getProperties();
        List<String> primaryKey = TStoreTableProperties.columns(properties, TStoreTableProperties.PRIMARY_KEY);
        Schema.Builder builder = Schema.newBuilder();
        for (ColumnMetadata column : tableMetadata.getColumns()) {
            if (column.isHidden()) {
                continue;
            }
            var type = TypeMapping.toCoreType(column.getType());
            if (!column.isNullable() || primaryKey.contains(column.getName())) {
                type = type.notNull();
            }
            builder.column(column.getName(), type, column.getComment().orElse(null));
        }
        builder.primaryKey(primaryKey);
        builder.partitionKeys(TStoreTableProperties.columns(properties, TStoreTableProperties.PARTITIONED_BY));
        builder.options(TStoreTableProperties.options(properties));
        tableMetadata.getComment().ifPresent(builder::comment);
        try {
            return builder.build();
        } catch (IllegalArgumentException e) {
            throw new TrinoException(INVALID_TABLE_PROPERTY, "Table " + tableMetadata.getTable() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void dropTable(ConnectorSession session, ConnectorTableHandle tableHandle) {
        TStoreTableHandle handle = (TStoreTableHandle) tableHandle;
        if (handle.getTableName().contains(SystemTables.SEPARATOR)) {
            throw new TrinoException(NOT_SUPPORTED, "System table " + handle.schemaTableName() + " cannot be dropped");
        }
        io(() -> {
            catalog.dropTable(identifier(handle.schemaTableName()), false);
            return null;
        });
    }

    @Override
    public void renameTable(ConnectorSession session, ConnectorTableHandle tableHandle, SchemaTableName newTableName) {
        TStoreTableHandle handle = (TStoreTableHandle) tableHandle;
        if (handle.getTableName().contains(SystemTables.SEPARATOR)) {
            throw new TrinoException(NOT_SUPPORTED, "System table " + handle.schemaTableName() + " cannot be renamed");
        }
        io(() -> {
            catalog.renameTable(identifier(handle.schemaTableName()), identifier(newTableName), false);
            return null;
        });
    }

    @Override
    public TableStatistics getTableStatistics(ConnectorSession session, ConnectorTableHandle tableHandle) {
        TStoreTableHandle handle = (TStoreTableHandle) tableHandle;
        if (handle.readsChanges() || !(load(handle) instanceof FileStoreTable table)) {
            return TableStatistics.empty(); // table_changes, system tables
        }
        return io(() -> TStoreStatistics.of(table, handle.getSnapshotId(), getColumnHandles(session, handle)));
    }

    // ------------------------------------------------------------------------------------------ pushdown

    @Override
    public Optional<ConstraintApplicationResult<ConnectorTableHandle>> applyFilter(ConnectorSession session, ConnectorTableHandle tableHandle, Constraint constraint) {
        TStoreTableHandle handle = (TStoreTableHandle) tableHandle;
        if (handle.getTableName().contains(SystemTables.SEPARATOR) || handle.getLimit() != null || handle.readsChanges()) {
            return Optional.empty();
        }
        FileStoreTable table = (FileStoreTable) load(handle);
        // Partition and primary-key columns only: the core filters them exactly and they never change which
        // version of a key wins. Value filters stay with Trino.
        Set<String> pushable = new HashSet<>(table.partitionKeys());
        pushable.addAll(table.primaryKeys());
        TupleDomain<ColumnHandle> summary = constraint.getSummary();
        if (summary.isNone()) {
            return Optional.of(new ConstraintApplicationResult<>(handle.withEnforced(TupleDomain.none()), TupleDomain.all(), constraint.getExpression(), false));
        }
        Map<TStoreColumnHandle, Domain> enforced = new LinkedHashMap<>();
        Map<ColumnHandle, Domain> remaining = new LinkedHashMap<>();
        for (Map.Entry<ColumnHandle, Domain> entry : summary.getDomains().orElseThrow().entrySet()) {
            TStoreColumnHandle column = (TStoreColumnHandle) entry.getKey();
            if (pushable.contains(column.getName()) && TypeMapping.supportsPredicates(column.coreType())) {
                enforced.put(column, entry.getValue());
            } else {
                remaining.put(column, entry.getValue());
            }
        }
        TupleDomain<TStoreColumnHandle> newEnforced = handle.getEnforced().intersect(TupleDomain.withColumnDomains(enforced));
        if (newEnforced.equals(handle.getEnforced())) {
            return Optional.empty();
        }
        return Optional.of(new ConstraintApplicationResult<>(handle.withEnforced(newEnforced), TupleDomain.withColumnDomains(remaining),
                constraint.getExpression(), false));
    }

    @Override
    public Optional<LimitApplicationResult<ConnectorTableHandle>> applyLimit(ConnectorSession session, ConnectorTableHandle tableHandle, long limit) {
        TStoreTableHandle handle = (TStoreTableHandle) tableHandle;
        // Trino asks only where no filter of its own remains above the scan; the core applies the enforced
        // predicate before counting rows. Each split stops after the limit; Trino still limits the union.
        if (handle.getLimit() != null && handle.getLimit() <= limit) {
            return Optional.empty();
        }
        return Optional.of(new LimitApplicationResult<>(handle.withLimit(limit), false, false));
    }

    // ------------------------------------------------------------------------------------------ writes

    @Override
    public ConnectorOutputTableHandle beginCreateTable(ConnectorSession session, ConnectorTableMetadata tableMetadata,
            Optional<ConnectorTableLayout> layout, RetryMode retryMode, boolean replace) {
        if (replace) {
            throw new TrinoException(NOT_SUPPORTED, "CREATE OR REPLACE TABLE is not supported");
        }
        if (retryMode != RetryMode.NO_RETRIES) {
            throw new TrinoException(NOT_SUPPORTED, "The tstore connector does not support query retries");
        }
        createTable(session, tableMetadata, SaveMode.FAIL);
        Identifier identifier = identifier(tableMetadata.getTable());
        createdTables.add(identifier);
        FileStoreTable table = io(() -> catalog.getTable(identifier));
        List<String> columns = new ArrayList<>();
        for (ColumnMetadata column : tableMetadata.getColumns()) {
            if (!column.isHidden()) {
                columns.add(column.getName());
            }
        }
        return new TStoreWriteHandle(identifier.database(), identifier.table(), TableHandle.of(table).toJson(), columns, commitUser());
    }

    @Override
    public Optional<ConnectorOutputMetadata> finishCreateTable(ConnectorSession session, ConnectorOutputTableHandle tableHandle,
            Collection<Slice> fragments, Collection<ComputedStatistics> computedStatistics) {
        TStoreWriteHandle handle = (TStoreWriteHandle) tableHandle;
        TStoreWrites.commit(catalog.fileIO(), handle, fragments);
        createdTables.remove(Identifier.of(handle.schemaName(), handle.tableName()));
        return Optional.empty();
    }

    @Override
    public ConnectorInsertTableHandle beginInsert(ConnectorSession session, ConnectorTableHandle tableHandle, List<ColumnHandle> columns, RetryMode retryMode) {
        TStoreTableHandle handle = (TStoreTableHandle) tableHandle;
        if (handle.getTableName().contains(SystemTables.SEPARATOR)) {
            throw new TrinoException(NOT_SUPPORTED, "System table " + handle.schemaTableName() + " cannot be written");
        }
        if (retryMode != RetryMode.NO_RETRIES) {
            throw new TrinoException(NOT_SUPPORTED, "The tstore connector does not support query retries");
        }
        // The table as it is now, not as of the snapshot the handle read: the commit goes onto the latest.
        FileStoreTable table = io(() -> catalog.getTable(identifier(handle.schemaTableName())));
        List<String> names = new ArrayList<>();
        for (ColumnHandle column : columns) {
            names.add(((TStoreColumnHandle) column).getName());
        }
        return new TStoreWriteHandle(handle.getSchemaName(), handle.getTableName(), TableHandle.of(table).toJson(), names, commitUser());
    }

    @Override
    public Optional<ConnectorOutputMetadata> finishInsert(ConnectorSession session, ConnectorInsertTableHandle insertHandle,
            List<ConnectorTableHandle> sourceTableHandles, Collection<Slice> fragments, Collection<ComputedStatistics> computedStatistics) {
        TStoreWrites.commit(catalog.fileIO(), (TStoreWriteHandle) insertHandle, fragments);
        return Optional.empty();
    }

    // ------------------------------------------------------------------------------------------ write layout

    @Override
    public Optional<ConnectorTableLayout> getInsertLayout(ConnectorSession session, ConnectorTableHandle tableHandle) {
        TStoreTableHandle handle = (TStoreTableHandle) tableHandle;
        if (handle.getTableName().contains(SystemTables.SEPARATOR)) {
            return Optional.empty();
        }
        return Optional.of(layout(io(() -> catalog.getTable(identifier(handle.schemaTableName())))));
    }

    @Override
    public Optional<ConnectorTableLayout> getNewTableLayout(ConnectorSession session, ConnectorTableMetadata tableMetadata) {
        // The table does not exist yet: the layout of the schema it will get, with the catalog's table defaults.
        Identifier identifier = identifier(tableMetadata.getTable());
        Schema schema = schema(tableMetadata);
        Map<String, String> options = new LinkedHashMap<>(catalog.tableDefaults());
        options.putAll(schema.options());
        FileStoreTable table;
        try {
            table = new FileStoreTable(catalog.fileIO(), catalog.tablePath(identifier), identifier,
                    TableSchema.create(schema.withOptions(options), identifier.fullName(), System.currentTimeMillis()));
        } catch (IllegalArgumentException e) {
            throw new TrinoException(INVALID_TABLE_PROPERTY, "Table " + tableMetadata.getTable() + ": " + e.getMessage(), e);
        }
        return Optional.of(layout(table));
    }

    /** One writer per (partition, bucket): Trino partitions rows by the core's owner function. */
    private static ConnectorTableLayout layout(FileStoreTable table) {
        return new ConnectorTableLayout(new TStorePartitioningHandle(TableHandle.of(table).toJson(), false),
                TStoreNodePartitioningProvider.layoutColumns(table), false);
    }

    // ------------------------------------------------------------------------------------------ DELETE, UPDATE, MERGE

    @Override
    public RowChangeParadigm getRowChangeParadigm(ConnectorSession session, ConnectorTableHandle tableHandle) {
        return RowChangeParadigm.DELETE_ROW_AND_INSERT_ROW;
    }

    @Override
    public ColumnHandle getMergeRowIdColumnHandle(ConnectorSession session, ConnectorTableHandle tableHandle) {
        FileStoreTable table = mergeableTable((TStoreTableHandle) tableHandle);
        return TStoreColumnHandle.of(TStoreColumnHandle.ROW_ID, table.rowType().project(TStoreMergeSink.rowIdColumns(table)).copy(false));
    }

    @Override
    public Optional<ConnectorPartitioningHandle> getUpdateLayout(ConnectorSession session, ConnectorTableHandle tableHandle) {
        FileStoreTable table = mergeableTable((TStoreTableHandle) tableHandle);
        return Optional.of(new TStorePartitioningHandle(TableHandle.of(table).toJson(), true));
    }

    @Override
    public ConnectorMergeTableHandle beginMerge(ConnectorSession session, ConnectorTableHandle tableHandle,
            Map<Integer, Collection<ColumnHandle>> updateCaseColumns, RetryMode retryMode) {
        TStoreTableHandle handle = (TStoreTableHandle) tableHandle;
        if (retryMode != RetryMode.NO_RETRIES) {
            throw new TrinoException(NOT_SUPPORTED, "The tstore connector does not support query retries");
        }
        FileStoreTable table = mergeableTable(handle);
        Set<String> fixed = new HashSet<>(table.primaryKeys());
        fixed.addAll(table.partitionKeys());
        for (Collection<ColumnHandle> columns : updateCaseColumns.values()) {
            for (ColumnHandle column : columns) {
                String name = ((TStoreColumnHandle) column).getName();
                if (fixed.contains(name)) {
                    throw new TrinoException(NOT_SUPPORTED, "Cannot update column '" + name + "' of table " + table.name() + ": it is part of the "
                            + (table.primaryKeys().contains(name) ? "primary key " + table.primaryKeys() : "partition keys " + table.partitionKeys())
                            + "; delete the row and insert it with the new key instead");
                }
            }
        }
        List<String> columns = table.rowType().fieldNames();
        TStoreWriteHandle write = new TStoreWriteHandle(handle.getSchemaName(), handle.getTableName(), TableHandle.of(table).toJson(), columns, commitUser());
        return new TStoreMergeHandle(handle, write);
    }

    @Override
    public void finishMerge(ConnectorSession session, ConnectorMergeTableHandle mergeTableHandle, List<ConnectorTableHandle> sourceTableHandles,
            Collection<Slice> fragments, Collection<ComputedStatistics> computedStatistics) {
        TStoreWrites.commit(catalog.fileIO(), ((TStoreMergeHandle) mergeTableHandle).write(), fragments);
    }

    /**
     * The table as it is now, if rows of it can be deleted and updated in place of their key: a primary-key table
     * whose merge engine lets the latest version replace the earlier ones.
     */
    private FileStoreTable mergeableTable(TStoreTableHandle handle) {
        if (handle.getTableName().contains(SystemTables.SEPARATOR)) {
            throw new TrinoException(NOT_SUPPORTED, "System table " + handle.schemaTableName() + " cannot be written");
        }
        FileStoreTable table = io(() -> catalog.getTable(identifier(handle.schemaTableName())));
        if (table.primaryKeys().isEmpty()) {
            throw new TrinoException(NOT_SUPPORTED, "Table " + table.name() + " has no primary key: DELETE, UPDATE and MERGE change rows by "
                    + "their primary key, so they need a table created with primary_key; an append table only takes INSERT");
        }
        MergeEngine engine = table.options().get(CoreOptions.MERGE_ENGINE);
        if (engine == MergeEngine.FIRST_ROW || engine == MergeEngine.AGGREGATION) {
            throw new TrinoException(NOT_SUPPORTED, "Table " + table.name() + " has merge-engine '" + engine + "', which "
                    + (engine == MergeEngine.FIRST_ROW ? "keeps the first version of a key and ignores later ones" : "folds every version of a key into its aggregates")
                    + ": DELETE, UPDATE and MERGE need merge-engine 'deduplicate' (or 'partial-update' for UPDATE and inserts)");
        }
        return table;
    }

    // ------------------------------------------------------------------------------------------ table_changes

    @Override
    public Optional<TableFunctionApplicationResult<ConnectorTableHandle>> applyTableFunction(ConnectorSession session, ConnectorTableFunctionHandle handle) {
        if (!(handle instanceof TStoreTableChanges.Handle changes)) {
            return Optional.empty();
        }
        FileStoreTable table = TableHandle.fromJson(changes.table(), catalog.fileIO()).loadDataTable();
        return Optional.of(new TableFunctionApplicationResult<>(changes.tableHandle(), changes.columns(table)));
    }

    // ------------------------------------------------------------------------------------------ ALTER TABLE EXECUTE

    @Override
    public Optional<ConnectorTableExecuteHandle> getTableHandleForExecute(ConnectorSession session, ConnectorAccessControl accessControl,
            ConnectorTableHandle tableHandle, String procedureName, Map<String, Object> executeProperties, RetryMode retryMode) {
        TStoreTableHandle handle = (TStoreTableHandle) tableHandle;
        if (handle.getTableName().contains(SystemTables.SEPARATOR)) {
            throw new TrinoException(NOT_SUPPORTED, "System table " + handle.schemaTableName() + " has no procedures");
        }
        FileStoreTable table = io(() -> catalog.getTable(identifier(handle.schemaTableName())));
        return Optional.of(TStoreTableProcedures.call(table, handle.getSchemaName(), handle.getTableName(), TableHandle.of(table).toJson(),
                procedureName, executeProperties));
    }

    @Override
    public Map<String, Long> executeTableExecute(ConnectorSession session, ConnectorTableExecuteHandle tableExecuteHandle) {
        TStoreTableProcedures.Call call = (TStoreTableProcedures.Call) tableExecuteHandle;
        // The table as it is now: a procedure works on the latest snapshot.
        FileStoreTable table = io(() -> catalog.getTable(Identifier.of(call.schemaName(), call.tableName())));
        try {
            return TStoreTableProcedures.execute(table, call);
        } catch (IllegalArgumentException e) {
            throw new TrinoException(INVALID_ARGUMENTS, e.getMessage(), e);
        } catch (IOException | RuntimeException e) {
            if (e instanceof TrinoException trino) {
                throw trino;
            }
            throw new TrinoException(GENERIC_INTERNAL_ERROR, call.procedure() + " of table " + table.name() + " failed: " + e.getMessage(), e);
        }
    }

    // ------------------------------------------------------------------------------------------ ALTER TABLE

    @Override
    public void addColumn(ConnectorSession session, ConnectorTableHandle tableHandle, ColumnMetadata column, io.trino.spi.connector.ColumnPosition position) {
        io.tstore.core.schema.ColumnPosition at = switch (position) {
            case io.trino.spi.connector.ColumnPosition.First first -> io.tstore.core.schema.ColumnPosition.first();
            case io.trino.spi.connector.ColumnPosition.After after -> io.tstore.core.schema.ColumnPosition.after(after.columnName());
            default -> io.tstore.core.schema.ColumnPosition.last();
        };
        var type = TypeMapping.toCoreType(column.getType());
        if (!column.isNullable()) {
            type = type.notNull();
        }
        alter(tableHandle, SchemaChange.addColumn(column.getName(), type, column.getComment().orElse(null), at));
    }

    @Override
    public void renameColumn(ConnectorSession session, ConnectorTableHandle tableHandle, ColumnHandle source, String target) {
        alter(tableHandle, SchemaChange.renameColumn(((TStoreColumnHandle) source).getName(), target));
    }

    @Override
    public void dropColumn(ConnectorSession session, ConnectorTableHandle tableHandle, ColumnHandle column) {
        alter(tableHandle, SchemaChange.dropColumn(((TStoreColumnHandle) column).getName()));
    }

    @Override
    public void setColumnComment(ConnectorSession session, ConnectorTableHandle tableHandle, ColumnHandle column, Optional<String> comment) {
        alter(tableHandle, SchemaChange.updateColumnComment(((TStoreColumnHandle) column).getName(), comment.orElse(null)));
    }

    @Override
    public void setTableComment(ConnectorSession session, ConnectorTableHandle tableHandle, Optional<String> comment) {
        alter(tableHandle, SchemaChange.updateComment(comment.orElse(null)));
    }

    @Override
    @SuppressWarnings("unchecked")
    public void setTableProperties(ConnectorSession session, ConnectorTableHandle tableHandle, Map<String, Optional<Object>> properties) {
        TStoreTableHandle handle = (TStoreTableHandle) tableHandle;
        List<SchemaChange> changes = new ArrayList<>();
        for (Map.Entry<String, Optional<Object>> property : properties.entrySet()) {
            switch (property.getKey()) {
                case TStoreTableProperties.OPTIONS -> {
                    Map<String, String> options = (Map<String, String>) property.getValue().orElse(Map.of());
                    options.forEach((key, value) -> changes.add(SchemaChange.setOption(key, value)));
                }
                case TStoreTableProperties.BUCKET -> changes.add(property.getValue().isPresent()
                        ? SchemaChange.setOption(TStoreTableProperties.BUCKET_OPTION, property.getValue().get().toString())
                        : SchemaChange.removeOption(TStoreTableProperties.BUCKET_OPTION));
                default -> throw new TrinoException(NOT_SUPPORTED, "Table property '" + property.getKey() + "' of table "
                        + handle.schemaTableName() + " is fixed when the table is created");
            }
        }
        alter(handle, changes.toArray(new SchemaChange[0]));
    }

    private void alter(ConnectorTableHandle tableHandle, SchemaChange... changes) {
        TStoreTableHandle handle = (TStoreTableHandle) tableHandle;
        if (handle.getTableName().contains(SystemTables.SEPARATOR)) {
            throw new TrinoException(NOT_SUPPORTED, "System table " + handle.schemaTableName() + " cannot be altered");
        }
        Identifier identifier = identifier(handle.schemaTableName());
        try {
            catalog.alterTable(identifier, List.of(changes), false);
        } catch (IllegalArgumentException | IllegalStateException | UnsupportedOperationException e) {
            String message = e.getMessage() != null && e.getMessage().contains(identifier.fullName()) ? e.getMessage()
                    : "Table " + identifier.fullName() + ": " + e.getMessage();
            throw new TrinoException(INVALID_ARGUMENTS, message, e);
        } catch (IOException e) {
            io(() -> {
                throw e;
            });
        }
    }

    /** Drops the tables a failed CREATE TABLE AS of this transaction created. */
    void rollback() {
        for (Identifier identifier : createdTables) {
            try {
                catalog.dropTable(identifier, true);
            } catch (IOException | RuntimeException e) {
                // Left for the user to drop; the statement's own error is the one to report.
            }
        }
        createdTables.clear();
    }

    // ------------------------------------------------------------------------------------------ helpers

    private static String commitUser() {
        return "trino-" + UUID.randomUUID();
    }

    private Table load(TStoreTableHandle handle) {
        return handle.coreHandle(catalog.fileIO()).load();
    }

    private static Identifier identifier(SchemaTableName name) {
        try {
            return Identifier.of(name.getSchemaName(), name.getTableName());
        } catch (IllegalArgumentException e) {
            throw new TrinoException(INVALID_ARGUMENTS, e.getMessage(), e);
        }
    }

    /** A call into the catalog: its errors as Trino's. */
    private <T> T io(IoCall<T> call) {
        try {
            return call.call();
        } catch (CatalogException e) {
            switch (e.reason()) {
                case DATABASE_NOT_FOUND:
                    throw new TrinoException(NOT_FOUND, e.getMessage(), e);
                case TABLE_NOT_FOUND:
                    throw new TrinoException(NOT_FOUND, e.getMessage(), e);
                case DATABASE_EXISTS:
                case TABLE_EXISTS:
                    throw new TrinoException(ALREADY_EXISTS, e.getMessage(), e);
                case DATABASE_NOT_EMPTY:
                    throw new TrinoException(SCHEMA_NOT_EMPTY, e.getMessage(), e);
                default:
                    throw new TrinoException(GENERIC_INTERNAL_ERROR, e.getMessage(), e);
            }
        } catch (IllegalArgumentException e) {
            throw new TrinoException(INVALID_ARGUMENTS, e.getMessage(), e);
        } catch (IOException e) {
            throw new TrinoException(GENERIC_INTERNAL_ERROR, "Catalog " + catalogName + ": " + e.getMessage(), e);
        }
    }

    @FunctionalInterface
    private interface IoCall<T> {
        T call() throws IOException;
    }
}
