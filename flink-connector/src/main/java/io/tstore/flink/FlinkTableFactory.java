package io.tstore.flink;

import io.tstore.core.catalog.Catalog;
import io.tstore.core.catalog.Identifier;
import io.tstore.core.table.FileStoreTable;

import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.table.api.ValidationException;
import org.apache.flink.table.catalog.CatalogBaseTable;
import org.apache.flink.table.catalog.ObjectIdentifier;
import org.apache.flink.table.connector.sink.DynamicTableSink;
import org.apache.flink.table.connector.source.DynamicTableSource;
import org.apache.flink.table.factories.DynamicTableSinkFactory;
import org.apache.flink.table.factories.DynamicTableSourceFactory;
import io.tstore.flink.source.TableSources;

import java.io.IOException;
import java.util.Set;

/**
 * Builds the sinks of tstore tables for the planner; {@link FlinkCatalog#getFactory()} hands it out, so that every
 * table of a tstore catalog is read and written through it. The table comes from the {@link FlinkCatalogTable} the
 * catalog gave the planner, or, for a table the planner describes itself (CREATE TABLE ... AS SELECT), from the
 * catalog by name.
 */
public class FlinkTableFactory implements DynamicTableSinkFactory, DynamicTableSourceFactory {
    public static final String IDENTIFIER = "tstore";

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
        throw new ValidationException("Writing tstore tables from Flink is not supported yet: " + context.getObjectIdentifier());
    }

    /** The scan and lookup source of a table ({@link io.tstore.flink.source.TableStoreDynamicSource}). */
    @Override
    public DynamicTableSource createDynamicTableSource(Context context) {
        return TableSources.create(table(context), context);
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
