package io.tstore.flink.lookup;

import io.tstore.core.data.InternalRow;
import io.tstore.core.predicate.Predicate;
import io.tstore.core.snapshot.CommitKind;
import io.tstore.core.snapshot.Snapshot;
import io.tstore.core.snapshot.SnapshotManager;
import io.tstore.core.table.FileStoreTable;
import io.tstore.core.table.ReadBuilder;
import io.tstore.core.table.StreamTableScan;
import io.tstore.core.table.Table;
import io.tstore.core.table.TableRead;
import io.tstore.core.table.TableScan;
import io.tstore.flink.FlinkTypes;
import io.tstore.core.connector.ReadDescription;
import io.tstore.flink.source.RowDataConverter;
import io.tstore.lsm.RecordReader;
import io.tstore.lsm.RowKind;

import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.RowType;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * A local copy of a table's rows (filtered and projected as a lookup join needs them), indexed by the join key.
 *
 * <p>The copy follows the table's snapshots. Where it can, it applies the changes of the new snapshots (the
 * streaming scan's splits): by primary key for primary-key tables (an upsert replaces the key's row, a delete or
 * UPDATE_BEFORE removes it, and an upsert whose row no longer passes the filter removes it too), as new rows for
 * append tables. It loads the table again when it cannot: a system table, an OVERWRITE snapshot, a rollback, or
 * snapshots that expired in between.
 *
 * <p>Keys are compared as {@link GenericRowData} of the key columns' values, whatever the {@link RowData} class the
 * planner hands in; a key with a null column matches nothing, as in SQL.
 */
final class LookupCache {
    private static final Logger LOG = LoggerFactory.getLogger(LookupCache.class);

    private final Table table;
    private final Predicate filter;
    private final int[] projection;
    private final int[] primaryKey;
    private final RowDataConverter converter;
    private final RowData.FieldGetter[] tableGetters;
    private final int[] joinKey;
    private final RowData.FieldGetter[] lookupKeyGetters;

    /** Join key -> (primary key, or a sequence number for tables without one) -> projected row. */
    private Map<GenericRowData, Map<Object, RowData>> rowsByKey = new HashMap<>();
    /** Primary key -> join key of its row, for tables with a primary key. */
    private Map<GenericRowData, GenericRowData> joinKeyOfPrimaryKey = new HashMap<>();
    private long sequence;
    private Long snapshotId;
    private int loads;

    /**
     * @param spec the filter and projection of the rows to keep
     * @param joinKey positions of the join key's columns in the projected rows
     */
    LookupCache(Table table, ReadDescription spec, int[] joinKey) {
        this.table = table;
        this.filter = spec.filter();
        io.tstore.core.types.RowType rowType = table.rowType();
        this.projection = spec.projection() == null ? identity(rowType.fieldCount()) : spec.projection();
        this.primaryKey = table instanceof FileStoreTable && !table.primaryKeys().isEmpty()
                ? table.primaryKeys().stream().mapToInt(rowType::fieldIndex).toArray()
                : null;
        this.converter = new RowDataConverter(rowType);
        RowType flinkType = FlinkTypes.toFlink(rowType);
        this.tableGetters = new RowData.FieldGetter[rowType.fieldCount()];
        for (int i = 0; i < tableGetters.length; i++) {
            tableGetters[i] = RowData.createFieldGetter(flinkType.getTypeAt(i), i);
        }
        this.joinKey = joinKey.clone();
        this.lookupKeyGetters = new RowData.FieldGetter[joinKey.length];
        for (int i = 0; i < joinKey.length; i++) {
            LogicalType type = flinkType.getTypeAt(projection[joinKey[i]]);
            lookupKeyGetters[i] = RowData.createFieldGetter(type, i);
        }
    }

    private static int[] identity(int count) {
        int[] positions = new int[count];
        for (int i = 0; i < count; i++) {
            positions[i] = i;
        }
        return positions;
    }

    /** The snapshot the copy holds, or null (an empty table, or a table without snapshots). */
    Long snapshotId() {
        return snapshotId;
    }

    /** The rows of a lookup key. */
    Collection<RowData> get(RowData lookupKey) {
        GenericRowData key = key(lookupKey, lookupKeyGetters);
        if (key == null) {
            return List.of();
        }
        Map<Object, RowData> rows = rowsByKey.get(key);
        return rows == null ? List.of() : rows.values();
    }

    /** How many times the table was loaded in full (the first load included). */
    int loads() {
        return loads;
    }

    /** Loads the whole table anew, at its latest snapshot. */
    void load() throws IOException {
        loads++;
        rowsByKey = new HashMap<>();
        joinKeyOfPrimaryKey = new HashMap<>();
        ReadBuilder builder = table.newReadBuilder();
        if (filter != null) {
            builder.withFilter(filter);
        }
        TableScan.Plan plan = builder.newScan().plan();
        read(builder.newRead(), plan.splits());
        snapshotId = plan.snapshotId();
    }

    /** Brings the copy up to the latest snapshot: with the changes of new snapshots where it can, else by loading. */
    void refresh() throws IOException {
        if (!(table instanceof FileStoreTable data)) {
            load();
            return;
        }
        SnapshotManager snapshots = data.snapshotManager();
        OptionalLong latest = snapshots.latestSnapshotId();
        if (latest.isEmpty() || (snapshotId != null && latest.getAsLong() == snapshotId)) {
            return;
        }
        // A copy of a table that had no snapshot yet follows it from its first snapshot.
        long from = snapshotId == null ? 1 : snapshotId + 1;
        if (!followable(snapshots, from, latest.getAsLong())) {
            load();
            return;
        }
        try {
            // The changes are read unfiltered: an update whose new row fails the filter must remove the old row.
            ReadBuilder builder = data.newReadBuilder();
            StreamTableScan scan = builder.newStreamScan();
            scan.restore(from);
            TableRead read = builder.newRead();
            while (true) {
                TableScan.Plan plan = scan.plan();
                if (plan.snapshotId() == null) {
                    break;
                }
                read(read, plan.splits());
            }
            long reached = scan.checkpoint() - 1;
            if (!followable(snapshots, from, reached)) {
                load();
                return;
            }
            snapshotId = reached;
        } catch (IOException | RuntimeException e) {
            LOG.warn("Could not follow the changes of table {} after snapshot {}; loading it again", table.name(), snapshotId, e);
            load();
        }
    }

    /** Whether the snapshots from..to all exist and none of them is an OVERWRITE, whose changes are not followed. */
    private static boolean followable(SnapshotManager snapshots, long from, long to) throws IOException {
        for (long id = from; id <= to; id++) {
            if (!snapshots.snapshotExists(id)) {
                return false;
            }
            Snapshot snapshot = snapshots.snapshot(id);
            if (snapshot.commitKind() == CommitKind.OVERWRITE) {
                return false;
            }
        }
        return true;
    }

    private void read(TableRead read, List<? extends io.tstore.core.table.Split> splits) throws IOException {
        try (RecordReader<InternalRow> reader = read.createReader(splits)) {
            InternalRow row;
            while ((row = reader.read()) != null) {
                apply(row);
            }
        }
    }

    /** Applies one row of the table (full columns) with its row kind. */
    private void apply(InternalRow row) {
        RowKind kind = row.getRowKind();
        boolean add = (kind == RowKind.INSERT || kind == RowKind.UPDATE_AFTER) && (filter == null || filter.test(row));
        RowData full = converter.toRowData(row);
        if (primaryKey != null) {
            GenericRowData pk = new GenericRowData(primaryKey.length);
            for (int i = 0; i < primaryKey.length; i++) {
                pk.setField(i, tableGetters[primaryKey[i]].getFieldOrNull(full));
            }
            GenericRowData oldKey = joinKeyOfPrimaryKey.remove(pk);
            if (oldKey != null) {
                Map<Object, RowData> rows = rowsByKey.get(oldKey);
                rows.remove(pk);
                if (rows.isEmpty()) {
                    rowsByKey.remove(oldKey);
                }
            }
            if (add) {
                RowData projected = project(full);
                GenericRowData key = joinKeyOf(projected);
                if (key != null) {
                    rowsByKey.computeIfAbsent(key, k -> new LinkedHashMap<>()).put(pk, projected);
                    joinKeyOfPrimaryKey.put(pk, key);
                }
            }
        } else if (add) {
            RowData projected = project(full);
            GenericRowData key = joinKeyOf(projected);
            if (key != null) {
                rowsByKey.computeIfAbsent(key, k -> new LinkedHashMap<>()).put(sequence++, projected);
            }
        }
    }

    private RowData project(RowData full) {
        GenericRowData projected = new GenericRowData(projection.length);
        for (int i = 0; i < projection.length; i++) {
            projected.setField(i, tableGetters[projection[i]].getFieldOrNull(full));
        }
        return projected;
    }

    private GenericRowData joinKeyOf(RowData projected) {
        GenericRowData key = new GenericRowData(joinKey.length);
        for (int i = 0; i < joinKey.length; i++) {
            Object value = ((GenericRowData) projected).getField(joinKey[i]);
            if (value == null) {
                return null;
            }
            key.setField(i, value);
        }
        return key;
    }

    private static GenericRowData key(RowData row, RowData.FieldGetter[] getters) {
        GenericRowData key = new GenericRowData(getters.length);
        for (int i = 0; i < getters.length; i++) {
            Object value = getters[i].getFieldOrNull(row);
            if (value == null) {
                return null;
            }
            key.setField(i, value);
        }
        return key;
    }
}
