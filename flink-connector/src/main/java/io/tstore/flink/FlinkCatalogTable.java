package io.tstore.flink;

import io.tstore.core.schema.TableSchema;
import io.tstore.core.table.FileStoreTable;
import io.tstore.core.types.DataField;

import org.apache.flink.table.api.Schema;
import org.apache.flink.table.catalog.CatalogTable;
import org.apache.flink.table.catalog.TableDistribution;
import org.apache.flink.table.types.utils.TypeConversions;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * A tstore table as Flink's catalog sees it: the columns, primary key, partition keys, options and comment of the
 * table's schema, plus the {@link FileStoreTable} itself, so that the table factory builds sinks (and sources) on
 * the very table the planner resolved. Dynamic options (OPTIONS hints) make a copy with other options and the
 * same table.
 */
public final class FlinkCatalogTable implements CatalogTable {
    private final FileStoreTable table;
    private final CatalogTable delegate;

    private FlinkCatalogTable(FileStoreTable table, CatalogTable delegate) {
        this.table = requireNonNull(table, "table is null");
        this.delegate = requireNonNull(delegate, "delegate is null");
    }

    /** The Flink view of a table at its schema. */
    public static FlinkCatalogTable of(FileStoreTable table) {
        TableSchema schema = table.schema();
        Schema.Builder builder = Schema.newBuilder();
        for (DataField field : schema.fields()) {
            builder.column(field.name(), TypeConversions.fromLogicalToDataType(FlinkTypes.toFlink(field.type())));
            if (field.description() != null) {
                builder.withComment(field.description());
            }
        }
        if (!schema.primaryKeys().isEmpty()) {
            builder.primaryKeyNamed("PK_" + String.join("_", schema.primaryKeys()), schema.primaryKeys());
        }
        CatalogTable catalogTable = CatalogTable.newBuilder()
                .schema(builder.build())
                .comment(schema.comment() == null ? "" : schema.comment())
                .partitionKeys(schema.partitionKeys())
                .options(schema.optionsMap())
                .build();
        return new FlinkCatalogTable(table, catalogTable);
    }

    /** The table this view is of. */
    public FileStoreTable table() {
        return table;
    }

    @Override
    public Schema getUnresolvedSchema() {
        return delegate.getUnresolvedSchema();
    }

    @Override
    public boolean isPartitioned() {
        return delegate.isPartitioned();
    }

    @Override
    public List<String> getPartitionKeys() {
        return delegate.getPartitionKeys();
    }

    @Override
    public Optional<TableDistribution> getDistribution() {
        return delegate.getDistribution();
    }

    @Override
    public CatalogTable copy(Map<String, String> options) {
        return new FlinkCatalogTable(table, delegate.copy(options));
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
        return new FlinkCatalogTable(table, (CatalogTable) delegate.copy());
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
