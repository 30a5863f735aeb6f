package io.tstore.flink;

import io.tstore.core.catalog.FileSystemCatalog;

import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.table.catalog.Catalog;
import org.apache.flink.table.catalog.CommonCatalogOptions;
import org.apache.flink.table.factories.CatalogFactory;
import org.apache.flink.table.factories.FactoryUtil;

import java.util.Set;

/**
 * Makes {@code CREATE CATALOG c WITH ('type' = 'tablestore', 'warehouse' = '...')} a {@link FlinkCatalog} over a
 * {@link FileSystemCatalog} of the warehouse. Options prefixed {@code table-default.} are defaults for the options
 * of tables the catalog creates; {@code fs.}, {@code hadoop.} and {@code file-io.} options configure file access.
 * Any other option is an error naming it.
 */
public final class FlinkCatalogFactory implements CatalogFactory {
    public static final String IDENTIFIER = "tablestore";

    public static final ConfigOption<String> WAREHOUSE = ConfigOptions.key("warehouse")
            .stringType()
            .noDefaultValue()
            .withDescription("The warehouse directory (a local path or a URI of a Hadoop file system) that holds the databases.");

    public static final ConfigOption<String> DEFAULT_DATABASE = ConfigOptions.key(CommonCatalogOptions.DEFAULT_DATABASE_KEY)
            .stringType()
            .defaultValue("default")
            .withDescription("The database that is current when the catalog is used; created when missing.");

    private static final String[] PASSED_PREFIXES = {FileSystemCatalog.TABLE_DEFAULT_PREFIX, "fs.", "hadoop.", "file-io."};

    @Override
    public String factoryIdentifier() {
        return IDENTIFIER;
    }

    @Override
    public Set<ConfigOption<?>> requiredOptions() {
        return Set.of(WAREHOUSE);
    }

    @Override
    public Set<ConfigOption<?>> optionalOptions() {
        return Set.of(DEFAULT_DATABASE);
    }

    @Override
    public Catalog createCatalog(Context context) {
        FactoryUtil.CatalogFactoryHelper helper = FactoryUtil.createCatalogFactoryHelper(this, context);
        helper.validateExcept(PASSED_PREFIXES);
        String warehouse = helper.getOptions().get(WAREHOUSE);
        return new FlinkCatalog(context.getName(), helper.getOptions().get(DEFAULT_DATABASE),
                FileSystemCatalog.create(warehouse, context.getOptions()));
    }
}
