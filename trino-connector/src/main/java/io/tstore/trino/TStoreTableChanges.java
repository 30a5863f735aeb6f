package io.tstore.trino;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.airlift.slice.Slice;
import io.trino.spi.TrinoException;
import io.trino.spi.connector.ColumnHandle;
import io.trino.spi.connector.ConnectorAccessControl;
import io.trino.spi.connector.ConnectorSession;
import io.trino.spi.connector.ConnectorTransactionHandle;
import io.trino.spi.function.table.AbstractConnectorTableFunction;
import io.trino.spi.function.table.Argument;
import io.trino.spi.function.table.ConnectorTableFunctionHandle;
import io.trino.spi.function.table.Descriptor;
import io.trino.spi.function.table.ReturnTypeSpecification;
import io.trino.spi.function.table.ScalarArgument;
import io.trino.spi.function.table.ScalarArgumentSpecification;
import io.trino.spi.function.table.TableFunctionAnalysis;
import io.trino.spi.predicate.TupleDomain;
import io.tstore.core.catalog.CatalogException;
import io.tstore.core.catalog.FileSystemCatalog;
import io.tstore.core.connector.TableHandle;
import io.tstore.core.table.FileStoreTable;
import io.tstore.core.table.Identifier;
import io.tstore.core.types.DataField;
import io.tstore.core.types.DataTypes;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

import static io.trino.spi.StandardErrorCode.GENERIC_INTERNAL_ERROR;
import static io.trino.spi.StandardErrorCode.INVALID_FUNCTION_ARGUMENT;
import static io.trino.spi.StandardErrorCode.NOT_FOUND;
import static io.trino.spi.type.BigintType.BIGINT;
import static io.trino.spi.type.VarcharType.VARCHAR;
import static java.util.Objects.requireNonNull;

/**
 * {@code TABLE(tstore.system.table_changes(schema_name => 'db', table_name => 't', start_snapshot => 3,
 * end_snapshot => 7))}: the changes the snapshots after {@code start_snapshot} up to {@code end_snapshot} (default:
 * the latest) made, as the core's streaming read gives them (the table's changelog files, or its delta files when
 * it has no changelog producer), each row with its kind ({@code _row_kind}: +I, -U, +U, -D) and the snapshot that
 * made it ({@code _snapshot_id}), then the table's columns. {@code start_snapshot => 0} starts with the first
 * snapshot. Trino turns the function into a table handle that reads changes ({@link TStoreMetadata#applyTableFunction}).
 */
final class TStoreTableChanges extends AbstractConnectorTableFunction {
    static final String SCHEMA = "system";
    static final String NAME = "table_changes";
    static final String ROW_KIND = "_row_kind";
    static final String SNAPSHOT_ID = "_snapshot_id";

    private final FileSystemCatalog catalog;

    TStoreTableChanges(FileSystemCatalog catalog) {
        super(SCHEMA, NAME, List.of(
                ScalarArgumentSpecification.builder().name("SCHEMA_NAME").type(VARCHAR).build(),
                ScalarArgumentSpecification.builder().name("TABLE_NAME").type(VARCHAR).build(),
                ScalarArgumentSpecification.builder().name("START_SNAPSHOT").type(BIGINT).build(),
                ScalarArgumentSpecification.builder().name("END_SNAPSHOT").type(BIGINT).defaultValue(null).build()),
                ReturnTypeSpecification.GenericTable.GENERIC_TABLE);
        this.catalog = requireNonNull(catalog, "catalog is null");
    }

    @Override
    public TableFunctionAnalysis analyze(ConnectorSession session, ConnectorTransactionHandle transaction, Map<String, Argument> arguments,
            ConnectorAccessControl accessControl) {
        String schemaName = string(arguments, "SCHEMA_NAME");
        String tableName = string(arguments, "TABLE_NAME");
        Long start = (Long) ((ScalarArgument) arguments.get("START_SNAPSHOT")).getValue();
        Long end = (Long) ((ScalarArgument) arguments.get("END_SNAPSHOT")).getValue();
        FileStoreTable table;
        try {
            table = catalog.getTable(Identifier.of(schemaName, tableName));
        } catch (CatalogException e) {
            throw new TrinoException(NOT_FOUND, e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new TrinoException(INVALID_FUNCTION_ARGUMENT, e.getMessage(), e);
        } catch (IOException e) {
            throw new TrinoException(GENERIC_INTERNAL_ERROR, e.getMessage(), e);
        }
        if (start == null || start < 0) {
            throw new TrinoException(INVALID_FUNCTION_ARGUMENT, "table_changes of table " + table.name() + ": start_snapshot must be a snapshot id or 0, but is " + start);
        }
        OptionalLong latest;
        try {
            latest = table.snapshotManager().latestSnapshotId();
        } catch (IOException e) {
            throw new TrinoException(GENERIC_INTERNAL_ERROR, e.getMessage(), e);
        }
        long last = end != null ? end : latest.orElse(0);
        if (last < start || last > latest.orElse(0)) {
            throw new TrinoException(INVALID_FUNCTION_ARGUMENT, "table_changes of table " + table.name() + ": end_snapshot " + last
                    + " must be between start_snapshot " + start + " and the latest snapshot " + latest.orElse(0));
        }
        List<Descriptor.Field> fields = new ArrayList<>();
        fields.add(new Descriptor.Field(ROW_KIND, java.util.Optional.of(VARCHAR)));
        fields.add(new Descriptor.Field(SNAPSHOT_ID, java.util.Optional.of(BIGINT)));
        for (DataField field : table.rowType().fields()) {
            if (field.name().equals(ROW_KIND) || field.name().equals(SNAPSHOT_ID)) {
                throw new TrinoException(INVALID_FUNCTION_ARGUMENT, "table_changes cannot read table " + table.name() + ": its column '" + field.name()
                        + "' has the name of a column table_changes adds");
            }
            fields.add(new Descriptor.Field(field.name(), java.util.Optional.of(TypeMapping.toTrinoType(field.type()))));
        }
        return TableFunctionAnalysis.builder()
                .returnedType(new Descriptor(fields))
                .handle(new Handle(schemaName, tableName, TableHandle.of(table).toJson(), start, last))
                .build();
    }

    private static String string(Map<String, Argument> arguments, String name) {
        Object value = ((ScalarArgument) arguments.get(name)).getValue();
        if (value == null) {
            throw new TrinoException(INVALID_FUNCTION_ARGUMENT, "table_changes needs " + name.toLowerCase(java.util.Locale.ROOT));
        }
        return ((Slice) value).toStringUtf8();
    }

    /** The analyzed call: the table, and the snapshots whose changes it reads. */
    public record Handle(String schemaName, String tableName, String table, long startSnapshot, long endSnapshot) implements ConnectorTableFunctionHandle {
        @JsonCreator
        public Handle(
                @JsonProperty("schemaName") String schemaName,
                @JsonProperty("tableName") String tableName,
                @JsonProperty("table") String table,
                @JsonProperty("startSnapshot") long startSnapshot,
                @JsonProperty("endSnapshot") long endSnapshot) {
            this.schemaName = requireNonNull(schemaName, "schemaName is null");
            this.tableName = requireNonNull(tableName, "tableName is null");
            this.table = requireNonNull(table, "table is null");
            this.startSnapshot = startSnapshot;
            this.endSnapshot = endSnapshot;
        }

        @Override
        @JsonProperty
        public String schemaName() {
            return schemaName;
        }

        @Override
        @JsonProperty
        public String tableName() {
            return tableName;
        }

        @Override
        @JsonProperty
        public String table() {
            return table;
        }

        @Override
        @JsonProperty
        public long startSnapshot() {
            return startSnapshot;
        }

        @Override
        @JsonProperty
        public long endSnapshot() {
            return endSnapshot;
        }

        /** The table handle that reads the changes, and its columns in the order of the function's result. */
        TStoreTableHandle tableHandle() {
            return new TStoreTableHandle(schemaName, tableName, table, endSnapshot, TupleDomain.all(), null, startSnapshot);
        }

        List<ColumnHandle> columns(FileStoreTable dataTable) {
            List<ColumnHandle> columns = new ArrayList<>();
            columns.add(TStoreColumnHandle.of(ROW_KIND, DataTypes.STRING()));
            columns.add(TStoreColumnHandle.of(SNAPSHOT_ID, DataTypes.BIGINT()));
            for (DataField field : dataTable.rowType().fields()) {
                columns.add(TStoreColumnHandle.of(field.name(), field.type()));
            }
            return columns;
        }
    }
}
