package io.tstore.flink.lookup;

import io.tstore.core.data.InternalRow;
import io.tstore.core.table.ReadBuilder;
import io.tstore.core.table.Table;
import io.tstore.core.table.TableScan;
import io.tstore.flink.source.ReadSpec;
import io.tstore.flink.source.RowDataConverter;
import io.tstore.lsm.RecordReader;

import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.types.logical.LogicalType;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A local copy of a table's rows (projected and filtered), indexed by a join key. Keys are compared as
 * {@link GenericRowData} of the key columns' values, whatever the {@link RowData} class the planner hands in; a key
 * with a null column matches nothing, as in SQL.
 */
final class LookupCache {
    private final Table table;
    private final ReadSpec spec;
    private final int[] joinKey;
    private final RowData.FieldGetter[] keyGetters;

    private Map<GenericRowData, List<RowData>> rowsByKey = new HashMap<>();
    private Long snapshotId;

    LookupCache(Table table, ReadSpec spec, int[] joinKey, LogicalType[] keyTypes) {
        this.table = table;
        this.spec = spec;
        this.joinKey = joinKey;
        this.keyGetters = new RowData.FieldGetter[keyTypes.length];
        for (int i = 0; i < keyTypes.length; i++) {
            keyGetters[i] = RowData.createFieldGetter(keyTypes[i], i);
        }
    }

    /** The snapshot the copy holds, or null (an empty table, or a table without snapshots). */
    Long snapshotId() {
        return snapshotId;
    }

    /** Loads the whole table anew, at its latest snapshot. */
    void load() throws IOException {
        ReadBuilder builder = spec.apply(table);
        TableScan.Plan plan = builder.newScan().plan();
        RowDataConverter converter = new RowDataConverter(builder.readType());
        RowData.FieldGetter[] rowKeyGetters = new RowData.FieldGetter[joinKey.length];
        for (int i = 0; i < joinKey.length; i++) {
            rowKeyGetters[i] = RowData.createFieldGetter(
                    io.tstore.flink.FlinkTypes.toFlink(builder.readType().typeAt(joinKey[i])), joinKey[i]);
        }
        Map<GenericRowData, List<RowData>> loaded = new HashMap<>();
        try (RecordReader<InternalRow> reader = builder.newRead().createReader(plan.splits())) {
            InternalRow row;
            while ((row = reader.read()) != null) {
                RowData converted = converter.toRowData(row);
                GenericRowData key = key(converted, rowKeyGetters);
                if (key != null) {
                    loaded.computeIfAbsent(key, k -> new ArrayList<>(1)).add(converted);
                }
            }
        }
        rowsByKey = loaded;
        snapshotId = plan.snapshotId();
    }

    /** Brings the copy to the latest snapshot. */
    void refresh() throws IOException {
        load();
    }

    Collection<RowData> get(RowData lookupKey) {
        GenericRowData key = key(lookupKey, keyGetters);
        if (key == null) {
            return List.of();
        }
        return rowsByKey.getOrDefault(key, List.of());
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
