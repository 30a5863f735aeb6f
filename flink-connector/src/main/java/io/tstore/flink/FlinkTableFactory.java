package io.tstore.flink;

import io.tstore.core.catalog.Catalog;
import io.tstore.core.table.Identifier;
import io.tstore.core.schema.TableSchema;
import io.tstore.core.table.FileStoreTable;
import io.tstore.flink.sink.FlinkTableSink;

import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.table.api.ValidationException;
import org.apache.flink.table.catalog.CatalogBaseTable;
import org.apache.flink.table.catalog.ObjectIdentifier;
import org.apache.flink.table.connector.sink.DynamicTableSink;
import org.apache.flink.table.connector.source.DynamicTableSource;
import org.apache.flink.table.factories.DynamicTableSinkFactory;
import org.apache.flink.table.factories.DynamicTableSourceFactory;
import org.apache.flink.table.factories.FactoryUtil;
import io.tstore.flink.source.TableSources;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Builds the sinks ({@link FlinkTableSink}) of tstore tables for the planner; {@link FlinkCatalog#getFactory()}
 * hands it out, so that every table of a tstore catalog is read and written through it. The table comes from the
 * {@link FlinkCatalogTable} the catalog gave the planner, or, for a table the planner describes itself (CREATE
 * TABLE ... AS SELECT), from the catalog by name.
 */
public class FlinkTableFactory implements DynamicTableSinkFactory, DynamicTableSourceFactory {
    public static final String IDENTIFIER = "tstore";

    /** Options of the connector rather than of the table. */
    protected static final Set<String> CONNECTOR_OPTIONS = Set.of(FactoryUtil.SINK_PARALLELISM.key());

    private final Catalog catalog;

    /** A factory of the tables of a catalog; {@code catalog} may be null when every table comes as a {@link FlinkCatalogTable}. */
    public FlinkTableFactory(Catalog catalog) {
        this.catalog = catalog;
    }

    @Override
    public String factoryIdentifier() {
        return IDENTIFIER;
    }

    @Override
    public Set<ConfigOption<?>> requiredOptions() {
        return Set.of();
    }

    /** None declared: table options are checked by the table format, which knows them all. */
    @Override
    public Set<ConfigOption<?>> optionalOptions() {
        return Set.of();
    }

    @Override
    public DynamicTableSink createDynamicTableSink(Context context) {
        Map<String, String> options = context.getCatalogTable().getOptions();
        Integer parallelism = Configuration.fromMap(options).getOptional(FactoryUtil.SINK_PARALLELISM).orElse(null);
        return new FlinkTableSink(withDynamicOptions(table(context), options), parallelism);
    }

    /**
     * The table with the options of a statement's {@code OPTIONS} hint, which the planner merges into the catalog
     * table's options; connector options (such as {@code sink.parallelism}) are not the table's. The table format
     * checks them as it checks any table option.
     */
    protected static FileStoreTable withDynamicOptions(FileStoreTable table, Map<String, String> options) {
        Map<String, String> merged = new HashMap<>(table.schema().optionsMap());
        for (Map.Entry<String, String> option : options.entrySet()) {
            if (!CONNECTOR_OPTIONS.contains(option.getKey())) {
                merged.put(option.getKey(), option.getValue());
            }
        }
        if (merged.equals(table.schema().optionsMap())) {
            return table;
        }
        TableSchema schema = table.schema();
        TableSchema withOptions = TableSchema.of(table.name(), schema.id(), schema.fields(), schema.highestFieldId(),
                schema.partitionKeys(), schema.primaryKeys(), merged, schema.comment(), schema.timeMillis());
        return new FileStoreTable(table.fileIO(), table.location(), table.identifier(), withOptions);
    }

    /** The scan and lookup source of a table ({@link io.tstore.flink.source.TableStoreDynamicSource}). */
    @Override
    public DynamicTableSource createDynamicTableSource(Context context) {
        return TableSources.create(context, this::table);
    }

    /** The table of a planner context. */
    protected FileStoreTable table(Context context) {
        CatalogBaseTable origin = context.getCatalogTable().getOrigin();
        if (origin instanceof FlinkCatalogTable table) {
            return table.table();
        }
        ObjectIdentifier name = context.getObjectIdentifier();
        if (catalog == null) {
            throw new ValidationException("Table " + name + " is not a table of a tstore catalog");
        }
        try {
            return catalog.getTable(Identifier.of(name.getDatabaseName(), name.getObjectName()));
        } catch (IOException | RuntimeException e) {
            throw new ValidationException("Cannot load table " + name + ": " + e.getMessage(), e);
        }
    }
}
