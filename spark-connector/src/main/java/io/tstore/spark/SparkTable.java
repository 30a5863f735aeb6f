package io.tstore.spark;

import io.tstore.core.connector.TableHandle;
import io.tstore.core.system.SystemTables;
import io.tstore.core.table.FileStoreTable;
import io.tstore.spark.read.SparkScanBuilder;
import io.tstore.spark.write.SparkRowLevelOperation;
import io.tstore.spark.write.SparkWriteBuilder;

import org.apache.spark.sql.connector.catalog.SupportsRead;
import org.apache.spark.sql.connector.catalog.SupportsRowLevelOperations;
import org.apache.spark.sql.connector.catalog.SupportsWrite;
import org.apache.spark.sql.connector.catalog.TableCapability;
import org.apache.spark.sql.connector.expressions.Expressions;
import org.apache.spark.sql.connector.expressions.Transform;
import org.apache.spark.sql.connector.read.ScanBuilder;
import org.apache.spark.sql.connector.write.LogicalWriteInfo;
import org.apache.spark.sql.connector.write.RowLevelOperationBuilder;
import org.apache.spark.sql.connector.write.RowLevelOperationInfo;
import org.apache.spark.sql.connector.write.WriteBuilder;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.util.CaseInsensitiveStringMap;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * A tstore table in Spark: a data table (read and written) or a system table (read). Its properties are the
 * table's options, with {@code primary-key} for the primary key; its partitioning the partition keys.
 */
public final class SparkTable implements SupportsRead, SupportsWrite, SupportsRowLevelOperations {
    private final io.tstore.core.table.Table table;
    private final TableHandle handle;

    /** A data table. */
    public SparkTable(FileStoreTable table) {
        this(table, TableHandle.of(table));
    }

    /** A data or system table, with the handle that reopens it on executors. */
    public SparkTable(io.tstore.core.table.Table table, TableHandle handle) {
        this.table = requireNonNull(table, "table is null");
        this.handle = requireNonNull(handle, "handle is null");
    }

    /** The core table. */
    public io.tstore.core.table.Table coreTable() {
        return table;
    }

    @Override
    public String name() {
        return table.name();
    }

    @Override
    @SuppressWarnings("deprecation")
    public StructType schema() {
        return SparkTypes.toSpark(table.rowType());
    }

    @Override
    public Transform[] partitioning() {
        return table.partitionKeys().stream().map(Expressions::identity).toArray(Transform[]::new);
    }

    @Override
    public Map<String, String> properties() {
        Map<String, String> properties = new LinkedHashMap<>(table.options().toMap());
        if (!table.primaryKeys().isEmpty()) {
            properties.put(SparkCatalog.PRIMARY_KEY, String.join(",", table.primaryKeys()));
        }
        table.comment().ifPresent(comment -> properties.put(PROP_COMMENT, comment));
        return properties;
    }

    private static final String PROP_COMMENT = "comment";

    @Override
    public Set<TableCapability> capabilities() {
        if (table instanceof FileStoreTable) {
            return EnumSet.of(TableCapability.BATCH_READ, TableCapability.BATCH_WRITE, TableCapability.TRUNCATE,
                    TableCapability.OVERWRITE_BY_FILTER, TableCapability.OVERWRITE_DYNAMIC,
                    TableCapability.MICRO_BATCH_READ, TableCapability.STREAMING_WRITE);
        }
        if (handle.name().endsWith(SystemTables.SEPARATOR + SystemTables.AUDIT_LOG)) {
            return EnumSet.of(TableCapability.BATCH_READ, TableCapability.MICRO_BATCH_READ);
        }
        return EnumSet.of(TableCapability.BATCH_READ);
    }

    @Override
    public ScanBuilder newScanBuilder(CaseInsensitiveStringMap options) {
        return new SparkScanBuilder(table, handle, options);
    }

    @Override
    public WriteBuilder newWriteBuilder(LogicalWriteInfo info) {
        if (!(table instanceof FileStoreTable dataTable)) {
            throw new UnsupportedOperationException("System table " + table.name() + " cannot be written");
        }
        return new SparkWriteBuilder(dataTable, info);
    }

    /** {@code DELETE}, {@code UPDATE}, {@code MERGE INTO}: deltas by primary key ({@link SparkRowLevelOperation}). */
    @Override
    public RowLevelOperationBuilder newRowLevelOperationBuilder(RowLevelOperationInfo info) {
        if (!(table instanceof FileStoreTable dataTable)) {
            throw new UnsupportedOperationException("System table " + table.name() + " cannot be changed");
        }
        return () -> new SparkRowLevelOperation(dataTable, handle, info);
    }

    @Override
    public String toString() {
        return "SparkTable{" + table.name() + "}";
    }
}
