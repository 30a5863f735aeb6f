package io.tstore.spark.read;

import io.tstore.core.connector.TableHandle;
import io.tstore.core.predicate.Predicate;
import io.tstore.core.predicate.PredicateBuilder;
import io.tstore.core.table.FileStoreTable;
import io.tstore.core.table.Table;

import org.apache.spark.sql.connector.read.Scan;
import org.apache.spark.sql.connector.read.ScanBuilder;
import org.apache.spark.sql.connector.read.SupportsPushDownLimit;
import org.apache.spark.sql.connector.read.SupportsPushDownRequiredColumns;
import org.apache.spark.sql.connector.read.SupportsPushDownV2Filters;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.util.CaseInsensitiveStringMap;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * Builds a scan with what Spark pushes down: filters (a filter on partition columns only is applied exactly by
 * the scan's partition pruning and not evaluated again by Spark; any other filter the scan uses to prune files and
 * Spark evaluates again), the columns needed, and a limit (only when Spark evaluates no filter after the scan:
 * otherwise a task that stops early could drop rows that pass).
 */
public final class SparkScanBuilder implements ScanBuilder, SupportsPushDownV2Filters, SupportsPushDownRequiredColumns,
        SupportsPushDownLimit {
    /** The options of a read by path, which {@code SparkSource} consumed (Spark's map lowercases keys). */
    public static final Set<String> PATH_OPTIONS = Set.of("path", "versionasof", "timestampasof");

    private final Table table;
    private final TableHandle handle;
    private final List<org.apache.spark.sql.connector.expressions.filter.Predicate> pushed = new ArrayList<>();
    private final List<Predicate> filters = new ArrayList<>();
    private boolean sparkFiltersAfterScan;
    private List<String> columns;
    private long limit = -1;
    /** The query's read options: only streaming reads take them (see {@link SparkScan#toBatch()}). */
    private final Map<String, String> options;

    public SparkScanBuilder(Table table, TableHandle handle, CaseInsensitiveStringMap options) {
        this.table = requireNonNull(table, "table is null");
        this.handle = requireNonNull(handle, "handle is null");
        // Options of a read by path (SparkSource) are the source's, not the query's.
        Map<String, String> given = new java.util.HashMap<>(options.asCaseSensitiveMap());
        given.keySet().removeIf(key -> PATH_OPTIONS.contains(key.toLowerCase(java.util.Locale.ROOT)));
        this.options = Map.copyOf(given);
    }

    @Override
    public org.apache.spark.sql.connector.expressions.filter.Predicate[] pushPredicates(
            org.apache.spark.sql.connector.expressions.filter.Predicate[] predicates) {
        SparkFilters converter = new SparkFilters(table.rowType());
        Set<String> partitionKeys = new HashSet<>(table.partitionKeys());
        List<org.apache.spark.sql.connector.expressions.filter.Predicate> forSpark = new ArrayList<>();
        for (org.apache.spark.sql.connector.expressions.filter.Predicate predicate : predicates) {
            Optional<Predicate> converted = converter.convert(predicate);
            converted.ifPresent(filter -> {
                filters.add(filter);
                pushed.add(predicate);
            });
            boolean exact = converted.isPresent() && table instanceof FileStoreTable
                    && partitionKeys.containsAll(SparkFilters.columns(predicate));
            if (!exact) {
                forSpark.add(predicate);
            }
        }
        sparkFiltersAfterScan |= !forSpark.isEmpty();
        return forSpark.toArray(new org.apache.spark.sql.connector.expressions.filter.Predicate[0]);
    }

    @Override
    public org.apache.spark.sql.connector.expressions.filter.Predicate[] pushedPredicates() {
        return pushed.toArray(new org.apache.spark.sql.connector.expressions.filter.Predicate[0]);
    }

    @Override
    public void pruneColumns(StructType requiredSchema) {
        List<String> names = new ArrayList<>();
        for (StructField field : requiredSchema.fields()) {
            names.add(field.name());
        }
        this.columns = names;
    }

    @Override
    public boolean pushLimit(int limit) {
        if (sparkFiltersAfterScan) {
            return false;
        }
        this.limit = limit;
        return true;
    }

    @Override
    public boolean isPartiallyPushed() {
        return true; // each task stops at the limit; Spark still limits the total
    }

    @Override
    public Scan build() {
        Predicate filter = filters.isEmpty() ? null : PredicateBuilder.and(filters);
        int[] projection;
        if (columns == null) {
            projection = null;
        } else {
            projection = new int[columns.size()];
            for (int i = 0; i < projection.length; i++) {
                projection[i] = table.rowType().fieldIndex(columns.get(i));
            }
        }
        return new SparkScan(table, handle, filter, projection, limit, options);
    }
}
