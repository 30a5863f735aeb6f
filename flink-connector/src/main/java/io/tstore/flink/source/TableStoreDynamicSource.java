package io.tstore.flink.source;

import io.tstore.core.connector.ReadDescription;
import io.tstore.core.connector.StreamingChanges;
import io.tstore.core.connector.TableHandle;
import io.tstore.core.options.SourceOptions;
import io.tstore.core.predicate.Predicate;
import io.tstore.core.predicate.PredicateBuilder;
import io.tstore.core.predicate.PredicateUtils;
import io.tstore.core.table.FileStoreTable;
import io.tstore.core.table.Table;
import io.tstore.flink.lookup.TableLookupFunction;

import org.apache.flink.table.connector.ChangelogMode;
import org.apache.flink.table.connector.source.DynamicTableSource;
import org.apache.flink.table.connector.source.LookupTableSource;
import org.apache.flink.table.connector.source.ScanTableSource;
import org.apache.flink.table.connector.source.SourceProvider;
import org.apache.flink.table.connector.source.abilities.SupportsFilterPushDown;
import org.apache.flink.table.connector.source.abilities.SupportsLimitPushDown;
import org.apache.flink.table.connector.source.abilities.SupportsProjectionPushDown;
import org.apache.flink.table.connector.source.lookup.LookupFunctionProvider;
import org.apache.flink.table.expressions.ResolvedExpression;
import org.apache.flink.table.types.DataType;
import org.apache.flink.types.RowKind;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * A tstore table (data or system table) as a source of Flink's planner: a scan, bounded in batch mode and following
 * the table's changes in streaming mode, and a lookup source for lookup joins. Projections, filters and limits are
 * pushed into the table's read.
 *
 * <p>What a streaming scan emits depends on the table: append-only tables and system tables insert only (append
 * tables with {@code streaming-read-overwrite} also delete); primary-key tables whose changelog producer makes a
 * complete changelog ({@code input}, {@code lookup}, {@code full-compaction}) emit every row kind; with
 * {@code none}, the files hold upserts and deletes but no UPDATE_BEFORE, so the scan declares upsert mode and the
 * planner normalizes by primary key.
 *
 * <p>A streaming scan of a table with a log store reads the starting snapshot's files and then the log
 * ({@link StreamingChanges#readsLog}): every row kind when the log carries a complete changelog, else upserts (declared so, and
 * normalized by the planner).
 *
 * <p>Filters are pushed into the read where they can prune. They are accepted (not evaluated again by Flink) only
 * where the read guarantees them: bounded reads of data tables, which apply filters after merging. A streaming read
 * of a primary-key table is only given filters on the primary key and partition columns, because a filter on a
 * value column would drop an update whose new value no longer matches instead of retracting the old one.
 */
public final class TableStoreDynamicSource
        implements ScanTableSource, LookupTableSource, SupportsProjectionPushDown, SupportsFilterPushDown,
                SupportsLimitPushDown {

    private final Table table;
    private final TableHandle loader;
    private final boolean streaming;
    private ReadDescription spec;

    /**
     * @param table the table as the planner resolved it (with dynamic options applied)
     * @param loader how tasks load the same table
     * @param streaming whether scans follow the table's changes (streaming mode) or read one snapshot (batch mode)
     */
    public TableStoreDynamicSource(Table table, TableHandle loader, boolean streaming) {
        this(table, loader, streaming, ReadDescription.ALL);
    }

    private TableStoreDynamicSource(Table table, TableHandle loader, boolean streaming, ReadDescription spec) {
        this.table = requireNonNull(table, "table is null");
        this.loader = requireNonNull(loader, "loader is null");
        this.streaming = streaming;
        this.spec = requireNonNull(spec, "spec is null");
    }

    /** A source of a data table, which tasks load at the same schema and options. */
    public static TableStoreDynamicSource of(FileStoreTable table, boolean streaming) {
        return new TableStoreDynamicSource(table, TableHandle.of(table), streaming);
    }

    @Override
    public ChangelogMode getChangelogMode() {
        if (!streaming || !(table instanceof FileStoreTable data)) {
            return ChangelogMode.insertOnly();
        }
        return switch (StreamingChanges.of(data)) {
            case INSERTS -> ChangelogMode.insertOnly();
            // With streaming-read-overwrite, an overwrite also retracts the rows it replaced.
            case INSERTS_AND_DELETES ->
                    ChangelogMode.newBuilder().addContainedKind(RowKind.INSERT).addContainedKind(RowKind.DELETE).build();
            // The log or the files hold upserts (possibly repeated): the planner normalises them by primary key.
            case UPSERTS -> ChangelogMode.upsert();
            case ALL -> ChangelogMode.all();
        };
    }

    @Override
    public ScanRuntimeProvider getScanRuntimeProvider(ScanContext context) {
        long interval = table.options().get(SourceOptions.CONTINUOUS_DISCOVERY_INTERVAL).toMillis();
        // System tables have no changes to follow: a streaming query reads them once, as a batch query does.
        boolean follow = streaming && table instanceof FileStoreTable;
        return SourceProvider.of(new TableStoreSource(loader, table.rowType(), spec, follow, interval,
                follow && StreamingChanges.readsLog((FileStoreTable) table)));
    }

    @Override
    public LookupRuntimeProvider getLookupRuntimeProvider(LookupContext context) {
        int[][] keys = context.getKeys();
        int[] joinKey = new int[keys.length];
        for (int i = 0; i < keys.length; i++) {
            if (keys[i].length != 1) {
                throw new UnsupportedOperationException("Lookup joins on nested fields of table " + table.name()
                        + " are not supported");
            }
            joinKey[i] = keys[i][0];
        }
        long refresh = table.options().get(SourceOptions.LOOKUP_REFRESH_INTERVAL).toMillis();
        return LookupFunctionProvider.of(new TableLookupFunction(loader, spec.withLimit(-1), joinKey, refresh));
    }

    @Override
    public boolean supportsNestedProjection() {
        return false;
    }

    @Override
    public void applyProjection(int[][] projectedFields, DataType producedDataType) {
        int[] current = spec.projection();
        int[] projection = new int[projectedFields.length];
        for (int i = 0; i < projection.length; i++) {
            int field = projectedFields[i][0];
            projection[i] = current == null ? field : current[field];
        }
        spec = spec.withProjection(projection);
    }

    @Override
    public Result applyFilters(List<ResolvedExpression> filters) {
        FilterConverter converter = new FilterConverter(table.rowType());
        Set<Integer> keyColumns = keyColumns();
        List<Predicate> pushed = new ArrayList<>();
        List<ResolvedExpression> accepted = new ArrayList<>();
        List<ResolvedExpression> remaining = new ArrayList<>();
        for (ResolvedExpression filter : filters) {
            Optional<Predicate> predicate = converter.convert(filter);
            boolean push = predicate.isPresent()
                    && (!streaming || keyColumns == null || keyColumns.containsAll(PredicateUtils.fieldsOf(predicate.get())));
            if (push) {
                pushed.add(predicate.get());
            }
            if (push && !streaming && table instanceof FileStoreTable) {
                accepted.add(filter);
            } else {
                remaining.add(filter);
            }
        }
        if (!pushed.isEmpty()) {
            if (spec.filter() != null) {
                pushed.add(0, spec.filter());
            }
            spec = spec.withFilter(PredicateBuilder.and(pushed));
        }
        return Result.of(accepted, remaining);
    }

    /** The columns a streaming read may filter on (primary key and partition), or null for all columns. */
    private Set<Integer> keyColumns() {
        if (table.primaryKeys().isEmpty()) {
            return null;
        }
        Set<Integer> columns = new HashSet<>();
        for (String name : table.primaryKeys()) {
            columns.add(table.rowType().fieldIndex(name));
        }
        for (String name : table.partitionKeys()) {
            columns.add(table.rowType().fieldIndex(name));
        }
        return columns;
    }

    @Override
    public void applyLimit(long limit) {
        // A streaming read has no end to stop at; the planner's limit operator ends the query.
        if (!streaming) {
            spec = spec.withLimit(limit);
        }
    }

    @Override
    public DynamicTableSource copy() {
        return new TableStoreDynamicSource(table, loader, streaming, spec);
    }

    @Override
    public String asSummaryString() {
        return "tstore:" + table.name();
    }
}
