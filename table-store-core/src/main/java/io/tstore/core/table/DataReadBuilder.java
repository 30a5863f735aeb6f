package io.tstore.core.table;

import io.tstore.core.predicate.Predicate;
import io.tstore.core.types.RowType;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * The {@link ReadBuilder} of a data table. A batch read ({@link #newScan()}) reads the snapshot given by
 * {@link #withSnapshot}, or else the one the table's scan options choose (time travel: {@code scan.snapshot-id},
 * {@code scan.timestamp-millis}, {@code scan.tag-name}), or else the latest. A streaming read
 * ({@link #newStreamScan()}) starts per {@code scan.mode} and then follows the table's changes.
 */
public final class DataReadBuilder implements ReadBuilder {
    private final FileStoreTable table;
    private Predicate filter;
    private int[] projection;
    private long limit = -1;
    private Long snapshotId;

    DataReadBuilder(FileStoreTable table) {
        this.table = requireNonNull(table, "table is null");
    }

    @Override
    public RowType tableType() {
        return table.rowType();
    }

    @Override
    public String tableName() {
        return table.name();
    }

    @Override
    public DataReadBuilder withFilter(Predicate filter) {
        this.filter = filter;
        return this;
    }

    @Override
    public DataReadBuilder withProjection(int[] projection) {
        this.projection = ReadBuilder.checkProjection(table.name(), table.rowType(), projection);
        return this;
    }

    @Override
    public DataReadBuilder withProjection(List<String> columns) {
        return (DataReadBuilder) ReadBuilder.super.withProjection(columns);
    }

    @Override
    public DataReadBuilder withLimit(long limit) {
        this.limit = ReadBuilder.checkLimit(limit);
        return this;
    }

    @Override
    public long limit() {
        return limit;
    }

    /** Reads this snapshot, whatever the scan options say. */
    public DataReadBuilder withSnapshot(long snapshotId) {
        this.snapshotId = snapshotId;
        return this;
    }

    @Override
    public RowType readType() {
        return projection == null ? table.rowType() : table.rowType().project(projection);
    }

    @Override
    public DataTableScan newScan() {
        return new DataTableScan(table, filter, snapshotId);
    }

    /**
     * A streaming scan of the table's changes with this builder's filter (projection and filter apply in
     * {@link #newRead()}); see {@link StreamTableScan} and {@link DataStreamTableScan}. It starts per the table's
     * scan options; {@link #withSnapshot} and the limit are for batch reads and do not apply.
     */
    public DataStreamTableScan newStreamScan() {
        return new DataStreamTableScan(table, filter);
    }

    @Override
    public DataTableRead newRead() {
        return new DataTableRead(table, filter, projection);
    }
}
