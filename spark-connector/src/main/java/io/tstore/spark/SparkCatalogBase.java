package io.tstore.spark;

import io.tstore.core.catalog.Catalog;
import io.tstore.core.catalog.CatalogException;
import io.tstore.core.catalog.FileSystemCatalog;
import io.tstore.core.connector.TableHandle;
import io.tstore.core.fs.FileIO;
import io.tstore.core.schema.ColumnPosition;
import io.tstore.core.schema.Schema;
import io.tstore.core.schema.SchemaChange;
import io.tstore.core.system.SystemTables;
import io.tstore.core.table.FileStoreTable;
import io.tstore.core.tag.TagManager;
import io.tstore.spark.read.KeyBucketFunction;
import io.tstore.spark.write.BucketOwnerFunction;

import org.apache.spark.sql.catalyst.analysis.NamespaceAlreadyExistsException;
import org.apache.spark.sql.catalyst.analysis.NoSuchFunctionException;
import org.apache.spark.sql.catalyst.analysis.NoSuchNamespaceException;
import org.apache.spark.sql.catalyst.analysis.NoSuchTableException;
import org.apache.spark.sql.catalyst.analysis.NonEmptyNamespaceException;
import org.apache.spark.sql.catalyst.analysis.TableAlreadyExistsException;
import org.apache.spark.sql.connector.catalog.FunctionCatalog;
import org.apache.spark.sql.connector.catalog.Identifier;
import org.apache.spark.sql.connector.catalog.NamespaceChange;
import org.apache.spark.sql.connector.catalog.SupportsNamespaces;
import org.apache.spark.sql.connector.catalog.Table;
import org.apache.spark.sql.connector.catalog.TableCatalog;
import org.apache.spark.sql.connector.catalog.TableChange;
import org.apache.spark.sql.connector.catalog.functions.UnboundFunction;
import org.apache.spark.sql.connector.expressions.IdentityTransform;
import org.apache.spark.sql.connector.expressions.Transform;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.util.CaseInsensitiveStringMap;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * The tstore catalog of Spark: {@code spark.sql.catalog.<name> = io.tstore.spark.SparkCatalog} with
 * {@code spark.sql.catalog.<name>.warehouse = <path or URI>}. Namespaces are the warehouse's databases (one level),
 * tables its tables, and {@code <table>$<system table>} its system tables. Options of the catalog that start with
 * {@code table-default.} are defaults of new tables' options; {@code default-database} (default {@code default})
 * is the current namespace at start, created when missing.
 *
 * <p>A table's primary key is the table property {@code primary-key} ({@code 'a,b'}); {@code PARTITIONED BY}
 * takes columns (identity transforms) only. The function catalog holds {@code bucket_owner}, which the writes'
 * required distribution calls, and {@code key_bucket_<n>}, by which bucketed scans report their partitioning.
 *
 * <p>Each Spark line has its {@code SparkCatalog} on top of this (src/spark-3.5/java, spark-4/src/main/java): Spark 4's
 * also lists the maintenance procedures ({@code ProcedureCatalog}), which Spark 3.5 calls through the optional
 * session extension.
 */
public abstract class SparkCatalogBase implements TableCatalog, SupportsNamespaces, FunctionCatalog {
    public static final String WAREHOUSE = "warehouse";
    public static final String DEFAULT_DATABASE = "default-database";
    /** The table property holding the primary key, comma-separated. */
    public static final String PRIMARY_KEY = "primary-key";

    private String name;
    private String defaultDatabase;
    private Catalog catalog;
    private FileIO fileIO;

    @Override
    public void initialize(String name, CaseInsensitiveStringMap options) {
        this.name = name;
        String warehouse = options.get(WAREHOUSE);
        if (warehouse == null || warehouse.isBlank()) {
            throw new IllegalArgumentException("Catalog " + name + " needs a warehouse: set spark.sql.catalog." + name
                    + ".warehouse to a directory or URI");
        }
        Map<String, String> catalogOptions = new HashMap<>(options.asCaseSensitiveMap());
        this.defaultDatabase = catalogOptions.getOrDefault(DEFAULT_DATABASE, "default");
        FileSystemCatalog fileSystemCatalog = FileSystemCatalog.create(warehouse, catalogOptions);
        this.catalog = fileSystemCatalog;
        this.fileIO = fileSystemCatalog.fileIO();
        try {
            catalog.createDatabase(defaultDatabase, true);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the default database " + defaultDatabase + " of catalog "
                    + name + " in warehouse " + warehouse, e);
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String[] defaultNamespace() {
        return new String[] {defaultDatabase};
    }

    /** The core catalog under this one. */
    public Catalog coreCatalog() {
        return catalog;
    }

    // ---------------------------------------------------------------- namespaces

    @Override
    public String[][] listNamespaces() {
        try {
            return catalog.listDatabases().stream().map(db -> new String[] {db}).toArray(String[][]::new);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list the databases of catalog " + name, e);
        }
    }

    @Override
    public String[][] listNamespaces(String[] namespace) throws NoSuchNamespaceException {
        if (namespace.length == 0) {
            return listNamespaces();
        }
        if (!namespaceExists(namespace)) {
            throw new NoSuchNamespaceException(namespace);
        }
        return new String[0][];
    }

    @Override
    public boolean namespaceExists(String[] namespace) {
        if (namespace.length != 1) {
            return false;
        }
        try {
            return catalog.databaseExists(namespace[0]);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read database " + namespace[0] + " of catalog " + name, e);
        }
    }

    @Override
    public Map<String, String> loadNamespaceMetadata(String[] namespace) throws NoSuchNamespaceException {
        if (!namespaceExists(namespace)) {
            throw new NoSuchNamespaceException(namespace);
        }
        return Map.of();
    }

    @Override
    public void createNamespace(String[] namespace, Map<String, String> metadata) throws NamespaceAlreadyExistsException {
        String database = database(namespace);
        for (String key : metadata.keySet()) {
            if (!key.equals(TableCatalog.PROP_OWNER)) {
                throw new UnsupportedOperationException("Database " + database + ": catalog " + name
                        + " keeps no database properties (got '" + key + "')");
            }
        }
        try {
            if (catalog.databaseExists(database)) {
                throw new NamespaceAlreadyExistsException(namespace);
            }
            catalog.createDatabase(database, false);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create database " + database + " in catalog " + name, e);
        }
    }

    @Override
    public void alterNamespace(String[] namespace, NamespaceChange... changes) {
        throw new UnsupportedOperationException("Database " + String.join(".", namespace) + ": catalog " + name
                + " keeps no database properties to alter");
    }

    @Override
    public boolean dropNamespace(String[] namespace, boolean cascade) throws NoSuchNamespaceException, NonEmptyNamespaceException {
        if (!namespaceExists(namespace)) {
            throw new NoSuchNamespaceException(namespace);
        }
        try {
            if (!cascade && !catalog.listTables(namespace[0]).isEmpty()) {
                throw new NonEmptyNamespaceException(namespace);
            }
            catalog.dropDatabase(namespace[0], false, cascade);
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot drop database " + namespace[0] + " of catalog " + name, e);
        }
    }

    // ---------------------------------------------------------------- tables

    @Override
    public Identifier[] listTables(String[] namespace) throws NoSuchNamespaceException {
        if (!namespaceExists(namespace)) {
            throw new NoSuchNamespaceException(namespace);
        }
        try {
            return catalog.listTables(namespace[0]).stream()
                    .map(table -> Identifier.of(namespace, table)).toArray(Identifier[]::new);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list the tables of database " + namespace[0], e);
        }
    }

    @Override
    public SparkTable loadTable(Identifier ident) throws NoSuchTableException {
        io.tstore.core.table.Table table = load(ident);
        if (table instanceof FileStoreTable dataTable) {
            return new SparkTable(dataTable);
        }
        String systemTable = ident.name().substring(ident.name().indexOf(SystemTables.SEPARATOR) + 1);
        FileStoreTable dataTable = dataTable(Identifier.of(ident.namespace(),
                ident.name().substring(0, ident.name().indexOf(SystemTables.SEPARATOR))), "system tables");
        return new SparkTable(table, TableHandle.ofSystemTable(dataTable, systemTable));
    }

    /**
     * Time travel: {@code VERSION AS OF <snapshot id>} reads that snapshot, {@code VERSION AS OF '<tag>'} the
     * snapshot of that tag.
     */
    @Override
    public SparkTable loadTable(Identifier ident, String version) throws NoSuchTableException {
        FileStoreTable table = dataTable(ident, "VERSION AS OF");
        try {
            if (version.matches("\\d+")) {
                long id = Long.parseLong(version);
                if (!table.snapshotManager().snapshotExists(id)) {
                    throw new IllegalArgumentException("Table " + table.name() + " has no snapshot " + id
                            + " (expired or never committed); VERSION AS OF takes a snapshot id or a tag name");
                }
                return new SparkTable(table.copy(Map.of("scan.snapshot-id", version)));
            }
            if (!new TagManager(table).tagExists(version)) {
                throw new IllegalArgumentException("Table " + table.name() + " has no tag '" + version
                        + "'; VERSION AS OF takes a snapshot id or a tag name");
            }
            return new SparkTable(table.copy(Map.of("scan.tag-name", version)));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the snapshots of table " + table.name(), e);
        }
    }

    /** Time travel: {@code TIMESTAMP AS OF} reads the latest snapshot committed at or before the time. */
    @Override
    public SparkTable loadTable(Identifier ident, long timestampMicros) throws NoSuchTableException {
        FileStoreTable table = dataTable(ident, "TIMESTAMP AS OF");
        return new SparkTable(table.copy(Map.of("scan.timestamp-millis", Long.toString(Math.floorDiv(timestampMicros, 1000L)))));
    }

    private FileStoreTable dataTable(Identifier ident, String clause) throws NoSuchTableException {
        io.tstore.core.table.Table table = load(ident);
        if (!(table instanceof FileStoreTable dataTable)) {
            throw new UnsupportedOperationException("System table " + table.name() + " has no " + clause
                    + ": it always shows the table's current metadata");
        }
        return dataTable;
    }

    private io.tstore.core.table.Table load(Identifier ident) throws NoSuchTableException {
        if (ident.namespace().length != 1) {
            throw new NoSuchTableException(ident);
        }
        try {
            return catalog.getTableOrSystemTable(ident.namespace()[0], ident.name());
        } catch (CatalogException e) {
            throw new NoSuchTableException(ident);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot load table " + identifier(ident).fullName(), e);
        }
    }

    @Override
    public boolean tableExists(Identifier ident) {
        try {
            load(ident);
            return true;
        } catch (NoSuchTableException e) {
            return false;
        }
    }

    @Override
    public Table createTable(Identifier ident, StructType schema, Transform[] partitions, Map<String, String> properties)
            throws TableAlreadyExistsException, NoSuchNamespaceException {
        io.tstore.core.table.Identifier id = identifier(ident);
        if (ident.name().contains(SystemTables.SEPARATOR)) {
            throw new IllegalArgumentException("Table name " + id.fullName() + " must not contain '"
                    + SystemTables.SEPARATOR + "': it names system tables");
        }
        Schema coreSchema = coreSchema(id, schema, partitions, withoutOwnLocation(id, properties));
        try {
            if (!catalog.databaseExists(id.database())) {
                throw new NoSuchNamespaceException(ident.namespace());
            }
            if (catalog.tableExists(id)) {
                throw new TableAlreadyExistsException(ident);
            }
            catalog.createTable(id, coreSchema, false);
            return new SparkTable(catalog.getTable(id));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create table " + id.fullName(), e);
        }
    }

    /**
     * The properties without a LOCATION that is the table's own directory: {@code df.write.format("tstore")
     * .save(path)} creates a table with its path as LOCATION ({@link SparkSource}).
     */
    private Map<String, String> withoutOwnLocation(io.tstore.core.table.Identifier id, Map<String, String> properties) {
        String location = properties.get(TableCatalog.PROP_LOCATION);
        if (location == null || !(catalog instanceof FileSystemCatalog fileSystemCatalog)) {
            return properties;
        }
        io.tstore.core.fs.Path own = fileSystemCatalog.tablePath(id);
        io.tstore.core.fs.Path given = new io.tstore.core.fs.Path(location.replaceAll("/+$", ""));
        if (!own.equals(given) && !(given.toUri().getScheme() == null && own.isLocal()
                && own.toUri().getPath().equals(given.toUri().getPath()))) {
            return properties;
        }
        Map<String, String> without = new LinkedHashMap<>(properties);
        without.remove(TableCatalog.PROP_LOCATION);
        return without;
    }

    /** The core schema of a CREATE TABLE: columns, partition keys, the primary key and options from the properties. */
    static Schema coreSchema(io.tstore.core.table.Identifier id, StructType schema, Transform[] partitions,
            Map<String, String> properties) {
        Schema.Builder builder = Schema.newBuilder();
        for (StructField field : schema.fields()) {
            String comment = field.getComment().isDefined() ? field.getComment().get() : null;
            builder.column(field.name(), SparkTypes.toCore(field.dataType(), field.name()).copy(field.nullable()), comment);
        }
        List<String> partitionKeys = new ArrayList<>();
        for (Transform transform : partitions) {
            if (!(transform instanceof IdentityTransform identity) || identity.reference().fieldNames().length != 1) {
                throw new IllegalArgumentException("Table " + id.fullName() + " cannot be partitioned by "
                        + transform.describe() + ": PARTITIONED BY takes top-level columns only");
            }
            partitionKeys.add(identity.reference().fieldNames()[0]);
        }
        builder.partitionKeys(partitionKeys);
        Map<String, String> options = new LinkedHashMap<>();
        for (Map.Entry<String, String> property : properties.entrySet()) {
            String key = property.getKey();
            String value = property.getValue();
            if (key.equals(TableCatalog.PROP_OWNER) || key.equals(PROP_IS_MANAGED_LOCATION) || key.equals(PROP_EXTERNAL) && "false".equals(value)) {
                continue;
            }
            if (key.equals(PROP_PROVIDER)) {
                if (!value.equalsIgnoreCase("tstore")) {
                    throw new IllegalArgumentException("Table " + id.fullName() + " cannot be created USING " + value
                            + ": catalog tables are tstore tables (omit USING or write USING tstore)");
                }
                continue;
            }
            if (key.equals(TableCatalog.PROP_LOCATION) || key.equals(PROP_EXTERNAL)) {
                throw new IllegalArgumentException("Table " + id.fullName() + " cannot have a LOCATION: its directory is "
                        + "<warehouse>/" + id.database() + ".db/" + id.table());
            }
            if (key.equals(TableCatalog.PROP_COMMENT)) {
                builder.comment(value);
            } else if (key.equals(PRIMARY_KEY)) {
                builder.primaryKey(Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList());
            } else if (key.startsWith(OPTION_PREFIX)) {
                options.put(key.substring(OPTION_PREFIX.length()), value);
            } else {
                options.put(key, value);
            }
        }
        builder.options(options);
        return builder.build();
    }

    @Override
    public Table alterTable(Identifier ident, TableChange... changes) throws NoSuchTableException {
        io.tstore.core.table.Identifier id = identifier(ident);
        List<SchemaChange> coreChanges = new ArrayList<>();
        for (TableChange change : changes) {
            coreChanges.add(schemaChange(id, change));
        }
        try {
            if (!catalog.tableExists(id)) {
                throw new NoSuchTableException(ident);
            }
            catalog.alterTable(id, coreChanges, false);
            return new SparkTable(catalog.getTable(id));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot alter table " + id.fullName(), e);
        }
    }

    private static SchemaChange schemaChange(io.tstore.core.table.Identifier id, TableChange change) {
        if (change instanceof TableChange.SetProperty set) {
            if (set.property().equals(TableCatalog.PROP_COMMENT)) {
                return SchemaChange.updateComment(set.value());
            }
            if (set.property().equals(PRIMARY_KEY)) {
                throw new UnsupportedOperationException("Table " + id.fullName() + ": the primary key cannot be changed");
            }
            return SchemaChange.setOption(set.property(), set.value());
        } else if (change instanceof TableChange.RemoveProperty remove) {
            if (remove.property().equals(TableCatalog.PROP_COMMENT)) {
                return SchemaChange.updateComment(null);
            }
            return SchemaChange.removeOption(remove.property());
        } else if (change instanceof TableChange.AddColumn add) {
            String column = topLevel(id, add.fieldNames());
            ColumnPosition position = ColumnPosition.last();
            if (add.position() instanceof TableChange.First) {
                position = ColumnPosition.first();
            } else if (add.position() instanceof TableChange.After after) {
                position = ColumnPosition.after(after.column());
            }
            return SchemaChange.addColumn(column, SparkTypes.toCore(add.dataType(), column).copy(add.isNullable()),
                    add.comment(), position);
        } else if (change instanceof TableChange.RenameColumn rename) {
            return SchemaChange.renameColumn(topLevel(id, rename.fieldNames()), rename.newName());
        } else if (change instanceof TableChange.DeleteColumn delete) {
            return SchemaChange.dropColumn(topLevel(id, delete.fieldNames()));
        } else if (change instanceof TableChange.UpdateColumnType update) {
            String column = topLevel(id, update.fieldNames());
            return SchemaChange.updateColumnType(column, SparkTypes.toCore(update.newDataType(), column));
        } else if (change instanceof TableChange.UpdateColumnNullability nullability) {
            return SchemaChange.updateColumnNullability(topLevel(id, nullability.fieldNames()), nullability.nullable());
        } else if (change instanceof TableChange.UpdateColumnComment comment) {
            return SchemaChange.updateColumnComment(topLevel(id, comment.fieldNames()), comment.newComment());
        }
        throw new UnsupportedOperationException("Table " + id.fullName() + ": ALTER TABLE cannot make the change "
                + change.getClass().getSimpleName() + " in catalog tables");
    }

    private static String topLevel(io.tstore.core.table.Identifier id, String[] fieldNames) {
        if (fieldNames.length != 1) {
            throw new UnsupportedOperationException("Table " + id.fullName() + ": ALTER TABLE changes top-level columns only, not "
                    + String.join(".", fieldNames));
        }
        return fieldNames[0];
    }

    @Override
    public boolean dropTable(Identifier ident) {
        io.tstore.core.table.Identifier id = identifier(ident);
        try {
            if (!catalog.tableExists(id)) {
                return false;
            }
            catalog.dropTable(id, true);
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot drop table " + id.fullName(), e);
        }
    }

    @Override
    public void renameTable(Identifier oldIdent, Identifier newIdent) throws NoSuchTableException, TableAlreadyExistsException {
        io.tstore.core.table.Identifier from = identifier(oldIdent);
        io.tstore.core.table.Identifier to = identifier(newIdent);
        try {
            if (!catalog.tableExists(from)) {
                throw new NoSuchTableException(oldIdent);
            }
            if (catalog.tableExists(to)) {
                throw new TableAlreadyExistsException(newIdent);
            }
            catalog.renameTable(from, to, false);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot rename table " + from.fullName() + " to " + to.fullName(), e);
        }
    }

    private io.tstore.core.table.Identifier identifier(Identifier ident) {
        return io.tstore.core.table.Identifier.of(database(ident.namespace()), ident.name());
    }

    private String database(String[] namespace) {
        if (namespace.length != 1) {
            throw new IllegalArgumentException("Catalog " + name + " has one level of namespaces (databases), not '"
                    + String.join(".", namespace) + "'");
        }
        return namespace[0];
    }

    // ---------------------------------------------------------------- functions

    @Override
    public Identifier[] listFunctions(String[] namespace) {
        return new Identifier[] {Identifier.of(namespace, BucketOwnerFunction.NAME)};
    }

    @Override
    public UnboundFunction loadFunction(Identifier ident) throws NoSuchFunctionException {
        if (ident.name().equalsIgnoreCase(BucketOwnerFunction.NAME)) {
            return new BucketOwnerFunction(fileIO);
        }
        OptionalInt buckets = KeyBucketFunction.numBuckets(ident.name());
        if (buckets.isPresent()) {
            return new KeyBucketFunction(buckets.getAsInt());
        }
        throw new NoSuchFunctionException(ident);
    }
}
