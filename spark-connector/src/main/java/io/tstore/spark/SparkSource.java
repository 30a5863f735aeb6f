package io.tstore.spark;

import io.tstore.core.catalog.FileSystemCatalog;
import io.tstore.core.table.FileStoreTable;

import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.connector.catalog.Identifier;
import org.apache.spark.sql.connector.catalog.SupportsCatalogOptions;
import org.apache.spark.sql.connector.catalog.Table;
import org.apache.spark.sql.connector.expressions.Transform;
import org.apache.spark.sql.sources.DataSourceRegister;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.util.CaseInsensitiveStringMap;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;

/**
 * {@code spark.read.format("tstore").load(path)} and {@code df.write.format("tstore").mode(...).save(path)}: a table
 * by its directory, {@code <warehouse>/<database>.db/<table>}. The table is read and written as the catalog's tables
 * are, through a {@link SparkCatalog} of its warehouse that this source registers in the session (as
 * {@code spark.sql.catalog.tstore_path_<hash>}, with the database as its default) when it is not there yet: a
 * write's required distribution calls the catalog's {@code bucket_owner} function, which Spark finds only through
 * the table's catalog. Options {@code versionAsOf} (a snapshot id or tag) and {@code timestampAsOf} travel in time.
 */
public final class SparkSource implements SupportsCatalogOptions, DataSourceRegister {
    public static final String SHORT_NAME = "tstore";
    private static final String PATH = "path";
    private static final String CATALOG_PREFIX = "tstore_path_";

    @Override
    public String shortName() {
        return SHORT_NAME;
    }

    @Override
    public Identifier extractIdentifier(CaseInsensitiveStringMap options) {
        TablePath path = TablePath.of(options);
        return Identifier.of(new String[] {path.database}, path.table);
    }

    @Override
    public String extractCatalog(CaseInsensitiveStringMap options) {
        TablePath path = TablePath.of(options);
        String name = CATALOG_PREFIX + Integer.toUnsignedString(path.warehouse.hashCode(), 36);
        SparkSession spark = SparkSession.active();
        String key = "spark.sql.catalog." + name;
        if (!spark.conf().contains(key)) {
            spark.conf().set(key + "." + SparkCatalog.WAREHOUSE, path.warehouse);
            spark.conf().set(key + "." + SparkCatalog.DEFAULT_DATABASE, path.database);
            spark.conf().set(key, SparkCatalog.class.getName());
        } else if (!path.warehouse.equals(spark.conf().get(key + "." + SparkCatalog.WAREHOUSE, null))) {
            throw new IllegalStateException("Catalog " + name + " of the session is not the catalog of warehouse "
                    + path.warehouse + " (of table path " + path.path + "): it has warehouse "
                    + spark.conf().get(key + "." + SparkCatalog.WAREHOUSE, null));
        }
        return name;
    }

    @Override
    public Optional<String> extractTimeTravelVersion(CaseInsensitiveStringMap options) {
        return Optional.ofNullable(options.get("versionAsOf"));
    }

    @Override
    public Optional<String> extractTimeTravelTimestamp(CaseInsensitiveStringMap options) {
        return Optional.ofNullable(options.get("timestampAsOf"));
    }

    @Override
    public StructType inferSchema(CaseInsensitiveStringMap options) {
        return load(TablePath.of(options)).schema();
    }

    @Override
    public Table getTable(StructType schema, Transform[] partitioning, Map<String, String> properties) {
        return load(TablePath.of(new CaseInsensitiveStringMap(properties)));
    }

    private static SparkTable load(TablePath path) {
        try {
            FileSystemCatalog catalog = FileSystemCatalog.create(path.warehouse, Map.of());
            FileStoreTable table = catalog.getTable(io.tstore.core.table.Identifier.of(path.database, path.table));
            return new SparkTable(table);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot load the table at " + path.path, e);
        }
    }

    /** A table's directory split into its warehouse, database and table name. */
    private static final class TablePath {
        final String path;
        final String warehouse;
        final String database;
        final String table;

        private TablePath(String path, String warehouse, String database, String table) {
            this.path = path;
            this.warehouse = warehouse;
            this.database = database;
            this.table = table;
        }

        static TablePath of(CaseInsensitiveStringMap options) {
            String path = options.get(PATH);
            if (path == null || path.isBlank()) {
                throw new IllegalArgumentException("Format " + SHORT_NAME + " needs the table's directory: "
                        + "load(path) or save(path), or use the catalog (spark.table(\"tstore.db.t\"))");
            }
            String trimmed = path.replaceAll("/+$", "");
            int tableSlash = trimmed.lastIndexOf('/');
            int databaseSlash = tableSlash <= 0 ? -1 : trimmed.lastIndexOf('/', tableSlash - 1);
            String databaseDir = databaseSlash < 0 ? "" : trimmed.substring(databaseSlash + 1, tableSlash);
            if (databaseSlash < 0 || !databaseDir.endsWith(FileSystemCatalog.DATABASE_SUFFIX)
                    || databaseDir.length() == FileSystemCatalog.DATABASE_SUFFIX.length()) {
                throw new IllegalArgumentException("Path " + path + " is not a tstore table directory: a table lives "
                        + "in <warehouse>/<database>" + FileSystemCatalog.DATABASE_SUFFIX + "/<table>");
            }
            String warehouse = trimmed.substring(0, databaseSlash);
            if (warehouse.isEmpty() || warehouse.endsWith(":")) {
                warehouse = warehouse + "/";
            }
            return new TablePath(path, warehouse,
                    databaseDir.substring(0, databaseDir.length() - FileSystemCatalog.DATABASE_SUFFIX.length()),
                    trimmed.substring(tableSlash + 1));
        }
    }
}
