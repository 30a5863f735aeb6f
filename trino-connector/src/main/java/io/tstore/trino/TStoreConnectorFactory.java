package io.tstore.trino;

import io.trino.spi.TrinoException;
import io.trino.spi.connector.Connector;
import io.trino.spi.connector.ConnectorContext;
import io.trino.spi.connector.ConnectorFactory;
import io.tstore.core.catalog.FileSystemCatalog;

import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import static io.trino.spi.StandardErrorCode.CONFIGURATION_INVALID;

/**
 * Creates the connector of a catalog file such as
 * <pre>
 * connector.name=tstore
 * warehouse=/data/warehouse        (or hdfs://..., s3a://bucket/warehouse)
 * fs.s3a.endpoint=...              (file-system options: fs.*, hadoop.*, file-io.*)
 * table-default.file.format=orc    (defaults of tables created through this catalog)
 * </pre>
 * Any other property is an error that names it: a misspelt option would otherwise be ignored silently.
 */
public final class TStoreConnectorFactory implements ConnectorFactory {
    static final String NAME = "tstore";
    static final String WAREHOUSE = "warehouse";
    private static final List<String> PREFIXES = List.of("fs.", "hadoop.", "file-io.", FileSystemCatalog.TABLE_DEFAULT_PREFIX);

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public Connector create(String catalogName, Map<String, String> config, ConnectorContext context) {
        TreeSet<String> unknown = new TreeSet<>();
        for (String key : config.keySet()) {
            if (!key.equals(WAREHOUSE) && PREFIXES.stream().noneMatch(key::startsWith)) {
                unknown.add(key);
            }
        }
        if (!unknown.isEmpty()) {
            throw new TrinoException(CONFIGURATION_INVALID, "Catalog " + catalogName + ": unknown properties " + unknown
                    + "; the tstore connector takes 'warehouse' and properties starting with " + PREFIXES);
        }
        String warehouse = config.get(WAREHOUSE);
        if (warehouse == null || warehouse.isBlank()) {
            throw new TrinoException(CONFIGURATION_INVALID, "Catalog " + catalogName + " needs the property 'warehouse': the directory or URI of its tables");
        }
        ClassLoader pluginLoader = TStoreConnectorFactory.class.getClassLoader();
        try (var ignored = ClassLoaderSafe.withLoader(pluginLoader)) {
            FileSystemCatalog catalog = FileSystemCatalog.create(warehouse, Map.copyOf(config));
            return new TStoreConnector(catalogName, catalog, pluginLoader);
        }
    }
}
