package io.tstore.flink.lookup;

import io.tstore.core.table.Table;
import io.tstore.core.connector.ReadDescription;
import io.tstore.core.connector.TableHandle;

import org.apache.flink.table.data.RowData;
import org.apache.flink.table.functions.FunctionContext;
import org.apache.flink.table.functions.LookupFunction;

import java.io.IOException;
import java.util.Collection;
import java.util.List;
import java.util.function.LongSupplier;

import static java.util.Objects.requireNonNull;

/**
 * The lookup function of a lookup join against a tstore table ({@code JOIN t FOR SYSTEM_TIME AS OF proc_time}):
 * each task keeps a local copy of the table's rows (projected and filtered as the planner pushed down) indexed by the
 * join key ({@link LookupCache}). Every {@code lookup.refresh-interval} it checks for a new snapshot and, when there
 * is one, brings its copy up to date. Joins on the primary key and on any other columns are answered alike: a key
 * maps to all rows that have it.
 */
public final class TableLookupFunction extends LookupFunction {
    private static final long serialVersionUID = 1L;

    private final TableHandle loader;
    private final ReadDescription spec;
    private final int[] joinKey;
    private final long refreshIntervalMillis;

    private transient LookupCache cache;
    private transient Table table;
    private transient LongSupplier clock;
    private transient long nextCheckMillis;

    /**
     * @param loader the table
     * @param spec the columns and rows to keep; the function returns rows of the spec's projection
     * @param joinKey positions of the join key's columns in the projected rows
     * @param refreshIntervalMillis how often to look for new snapshots
     */
    public TableLookupFunction(TableHandle loader, ReadDescription spec, int[] joinKey, long refreshIntervalMillis) {
        this.loader = requireNonNull(loader, "loader is null");
        this.spec = requireNonNull(spec, "spec is null");
        this.joinKey = requireNonNull(joinKey, "joinKey is null").clone();
        if (refreshIntervalMillis < 0) {
            throw new IllegalArgumentException("lookup.refresh-interval of table " + loader.name()
                    + " must not be negative: " + refreshIntervalMillis + " ms");
        }
        this.refreshIntervalMillis = refreshIntervalMillis;
    }

    @Override
    public void open(FunctionContext context) throws Exception {
        table = loader.load();
        clock = System::currentTimeMillis;
        cache = new LookupCache(table, spec, joinKey);
        cache.load();
        nextCheckMillis = clock.getAsLong() + refreshIntervalMillis;
    }

    @Override
    public Collection<RowData> lookup(RowData key) throws IOException {
        long now = clock.getAsLong();
        if (now >= nextCheckMillis) {
            refresh();
            nextCheckMillis = now + refreshIntervalMillis;
        }
        return List.copyOf(cache.get(key));
    }

    /** Brings the local copy up to date with the table's latest snapshot, if there is a newer one. */
    private void refresh() throws IOException {
        cache.refresh();
    }

    @Override
    public void close() {
        cache = null;
    }

}
