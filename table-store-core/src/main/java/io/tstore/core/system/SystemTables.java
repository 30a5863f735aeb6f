package io.tstore.core.system;

import io.tstore.core.table.FileStoreTable;
import io.tstore.core.table.Table;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static java.util.Objects.requireNonNull;

/**
 * The system tables of a data table, named {@code <table>$<name>} ({@code orders$snapshots}): its metadata read
 * through the same {@link Table} interfaces as its data, so every engine shows them. Their columns are described in
 * docs/system-tables.md.
 */
public final class SystemTables {
    /** Separates a table's name from the name of one of its system tables. */
    public static final String SEPARATOR = "$";

    public static final String SNAPSHOTS = "snapshots";
    public static final String SCHEMAS = "schemas";
    public static final String OPTIONS = "options";
    public static final String FILES = "files";
    public static final String MANIFESTS = "manifests";
    public static final String TAGS = "tags";
    public static final String CONSUMERS = "consumers";
    public static final String PARTITIONS = "partitions";
    public static final String BUCKETS = "buckets";
    public static final String AUDIT_LOG = "audit_log";

    private static final Map<String, Function<FileStoreTable, Table>> TABLES = new LinkedHashMap<>();

    static {
        TABLES.put(SNAPSHOTS, SnapshotsTable::new);
        TABLES.put(SCHEMAS, SchemasTable::new);
        TABLES.put(OPTIONS, OptionsTable::new);
        TABLES.put(FILES, FilesTable::new);
        TABLES.put(MANIFESTS, ManifestsTable::new);
        TABLES.put(TAGS, TagsTable::new);
        TABLES.put(CONSUMERS, ConsumersTable::new);
        TABLES.put(PARTITIONS, PartitionsTable::new);
        TABLES.put(BUCKETS, BucketsTable::new);
        TABLES.put(AUDIT_LOG, AuditLogTable::new);
    }

    private SystemTables() {}

    /** The names of the system tables every data table has. */
    public static List<String> names() {
        return List.copyOf(TABLES.keySet());
    }

    /**
     * The system table {@code name} (case-insensitive) of a data table; an unknown name is an error naming the
     * table and the system tables there are.
     */
    public static Table load(FileStoreTable table, String name) {
        requireNonNull(table, "table is null");
        requireNonNull(name, "name is null");
        Function<FileStoreTable, Table> factory = TABLES.get(name.toLowerCase(java.util.Locale.ROOT));
        if (factory == null) {
            throw new IllegalArgumentException(String.format(
                    "Table %s has no system table '%s'; its system tables are %s", table.name(), name, names()));
        }
        return factory.apply(table);
    }

    /** Whether a table name names a system table ({@code t$snapshots}). */
    public static boolean isSystemTableName(String tableName) {
        return tableName.contains(SEPARATOR);
    }
}
