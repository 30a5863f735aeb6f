package io.tstore.flink.source;

import io.tstore.core.connector.TableHandle;
import io.tstore.core.table.Table;
import io.tstore.core.types.DataField;
import io.tstore.flink.FlinkTypes;

import org.apache.flink.table.api.Schema;
import org.apache.flink.table.catalog.CatalogTable;
import org.apache.flink.table.types.utils.TypeConversions;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * A system table ({@code t$snapshots}, {@code t$files}...) as Flink's catalog shows it: its columns and description,
 * and the table with the way tasks load it, so that the table factory reads it like any table. System tables are
 * read only, and take no options.
 */
public final class SystemCatalogTable implements CatalogTable {
    private final Table table;
    private final TableHandle loader;
    private final CatalogTable delegate;

    private SystemCatalogTable(Table table, TableHandle loader, CatalogTable delegate) {
        this.table = requireNonNull(table, "table is null");
        this.loader = requireNonNull(loader, "loader is null");
        this.delegate = requireNonNull(delegate, "delegate is null");
    }

    public static SystemCatalogTable of(Table table, TableHandle loader) {
        Schema.Builder schema = Schema.newBuilder();
        for (DataField field : table.rowType().fields()) {
            schema.column(field.name(), TypeConversions.fromLogicalToDataType(FlinkTypes.toFlink(field.type())));
            if (field.description() != null) {
                schema.withComment(field.description());
            }
        }
        CatalogTable catalogTable = CatalogTable.newBuilder()
                .schema(schema.build())
                .comment(table.comment().orElse(""))
                .options(Map.of())
                .build();
        return new SystemCatalogTable(table, loader, catalogTable);
    }

    public Table table() {
        return table;
    }

    public TableHandle handle() {
        return loader;
    }

    @Override
    public Schema getUnresolvedSchema() {
        return delegate.getUnresolvedSchema();
    }

    @Override
    public boolean isPartitioned() {
        return false;
    }

    @Override
    public List<String> getPartitionKeys() {
        return List.of();
    }

    @Override
    public CatalogTable copy(Map<String, String> options) {
        if (!options.isEmpty()) {
            throw new IllegalArgumentException("System table " + table.name() + " takes no options: " + options);
        }
        return this;
    }

    @Override
    public Map<String, String> getOptions() {
        return delegate.getOptions();
    }

    @Override
    public String getComment() {
        return delegate.getComment();
    }

    @Override
    public CatalogTable copy() {
        return this;
    }

    @Override
    public Optional<String> getDescription() {
        return delegate.getDescription();
    }

    @Override
    public Optional<String> getDetailedDescription() {
        return delegate.getDetailedDescription();
    }
}
