package io.tstore.spark.write;

import io.tstore.core.connector.PartitionSpecs;
import io.tstore.core.table.FileStoreTable;

import org.apache.spark.sql.connector.write.LogicalWriteInfo;
import org.apache.spark.sql.connector.write.SupportsDynamicOverwrite;
import org.apache.spark.sql.connector.write.SupportsOverwrite;
import org.apache.spark.sql.connector.write.Write;
import org.apache.spark.sql.connector.write.WriteBuilder;
import org.apache.spark.sql.sources.AlwaysTrue;
import org.apache.spark.sql.sources.EqualNullSafe;
import org.apache.spark.sql.sources.EqualTo;
import org.apache.spark.sql.sources.Filter;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * Builds an append ({@code INSERT INTO}), an overwrite of static partitions ({@code INSERT OVERWRITE ... PARTITION
 * (k = v)}, or of the whole table), or a dynamic partition overwrite (the partitions the job writes, with
 * {@code spark.sql.sources.partitionOverwriteMode = dynamic}).
 */
public final class SparkWriteBuilder implements WriteBuilder, SupportsOverwrite, SupportsDynamicOverwrite {
    private static final String CHECKPOINT_LOCATION = "checkpointlocation";

    private final FileStoreTable table;
    private final LogicalWriteInfo info;
    /** Null: append; the partition to replace (empty: the whole table);; see {@link #dynamic}. */
    private Map<String, String> overwrite;
    private boolean dynamic;

    public SparkWriteBuilder(FileStoreTable table, LogicalWriteInfo info) {
        this.table = requireNonNull(table, "table is null");
        this.info = requireNonNull(info, "info is null");
    }

    @Override
    public boolean canOverwrite(Filter[] filters) {
        try {
            staticPartition(filters);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    @Override
    public WriteBuilder overwrite(Filter[] filters) {
        this.overwrite = staticPartition(filters);
        this.dynamic = false;
        return this;
    }

    @Override
    public WriteBuilder truncate() {
        this.overwrite = Map.of();
        this.dynamic = false;
        return this;
    }

    @Override
    public WriteBuilder overwriteDynamicPartitions() {
        this.overwrite = null;
        this.dynamic = true;
        return this;
    }

    @Override
    public Write build() {
        // A streaming write's checkpoint location is Spark's own option, and a write by path (SparkSource) has its
        // path: neither is one of the table's.
        Set<String> given = new java.util.TreeSet<>(info.options().keySet());
        given.remove(CHECKPOINT_LOCATION);
        given.remove("path");
        if (!given.isEmpty()) {
            throw new IllegalArgumentException("Table " + table.name() + " takes no write options from Spark (got "
                    + given + "); set table options with ALTER TABLE");
        }
        if (dynamic) {
            return new SparkWrite(table, info.queryId(), SparkWrite.Mode.DYNAMIC_OVERWRITE, null);
        }
        if (overwrite != null) {
            return new SparkWrite(table, info.queryId(), SparkWrite.Mode.STATIC_OVERWRITE, overwrite);
        }
        return new SparkWrite(table, info.queryId(), SparkWrite.Mode.APPEND, null);
    }

    /**
     * The partition values an overwrite's filters select (equalities of partition keys with values, or true), checked
     * against the keys' types and written as partition directories write them ({@code PartitionSpecs}).
     */
    private Map<String, String> staticPartition(Filter[] filters) {
        Map<String, String> partition = new LinkedHashMap<>();
        for (Filter filter : filters) {
            if (filter instanceof AlwaysTrue) {
                continue;
            }
            String column;
            Object value;
            if (filter instanceof EqualTo equal) {
                column = equal.attribute();
                value = equal.value();
            } else if (filter instanceof EqualNullSafe equal) {
                column = equal.attribute();
                value = equal.value();
            } else {
                throw new IllegalArgumentException("Table " + table.name() + " overwrites whole partitions only; "
                        + "cannot overwrite the rows where " + filter);
            }
            if (!table.partitionKeys().contains(column)) {
                throw new IllegalArgumentException("Table " + table.name() + " overwrites whole partitions only; '"
                        + column + "' is not a partition key (they are " + table.partitionKeys() + ")");
            }
            partition.put(column, partitionValue(value));
        }
        return PartitionSpecs.normalize(table, partition);
    }

    /** The text of a partition value, as the table names partitions. */
    private static String partitionValue(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof java.sql.Date date) {
            return date.toLocalDate().toString();
        }
        if (value instanceof LocalDate || value instanceof LocalDateTime) {
            return value.toString();
        }
        if (value instanceof java.sql.Timestamp timestamp) {
            return timestamp.toLocalDateTime().toString();
        }
        if (value instanceof BigDecimal decimal) {
            return decimal.toPlainString();
        }
        return value.toString();
    }
}
