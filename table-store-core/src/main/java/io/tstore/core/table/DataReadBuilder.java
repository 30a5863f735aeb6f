package io.tstore.core.table;

import io.tstore.core.options.ScanOptions;
import io.tstore.core.predicate.Predicate;
import io.tstore.core.scan.ScanStart;
import io.tstore.core.types.RowType;
import io.tstore.options.Options;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * The {@link ReadBuilder} of a data table. A batch read ({@link #newScan()}) reads the snapshot given by
 * {@link #withSnapshot} ({@link #withTag}, {@link #withTimestampMillis}), or else the one the table's scan options choose (time travel: {@code scan.snapshot-id},
 * {@code scan.timestamp-millis}, {@code scan.tag-name}), or else the latest. A streaming read
 * ({@link #newStreamScan()}) starts per {@code scan.mode} and then follows the table's changes.
 */
public final class DataReadBuilder implements ReadBuilder {
    private final FileStoreTable table;
    private Predicate filter;
    private int[] projection;
    private long limit = -1;
    private Long snapshotId;
    /** The scan options of a time travel by tag or by time (null: none, or by {@link #snapshotId}). */
    private Options timeTravel;

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
    @Override
    public DataReadBuilder withSnapshot(long snapshotId) {
        if (snapshotId < 1) {
            throw new IllegalArgumentException("Table " + table.name() + ": a snapshot id is at least 1, got " + snapshotId);
        }
        this.snapshotId = snapshotId;
        this.timeTravel = null;
        return this;
    }

    /** Reads the snapshot the tag holds, whatever the scan options say. */
    @Override
    public DataReadBuilder withTag(String tagName) {
        requireNonNull(tagName, "tagName is null");
        this.timeTravel = Options.of(ScanOptions.SCAN_TAG_NAME.key(), tagName);
        ScanStart.of(table.name(), table.snapshotManager(), timeTravel); // checks the name now
        this.snapshotId = null;
        return this;
    }

    /** Reads the latest snapshot committed at or before the time, whatever the scan options say. */
    @Override
    public DataReadBuilder withTimestampMillis(long timestampMillis) {
        this.timeTravel = Options.of(ScanOptions.SCAN_TIMESTAMP_MILLIS.key(), Long.toString(timestampMillis));
        this.snapshotId = null;
        return this;
    }

    @Override
    public RowType readType() {
        return projection == null ? table.rowType() : table.rowType().project(projection);
    }

    @Override
    public DataTableScan newScan() {
        return new DataTableScan(table, filter, snapshotId, timeTravel);
    }

    /**
     * A streaming scan of the table's changes with this builder's filter (projection and filter apply in
     * {@link #newRead()}); see {@link StreamTableScan} and {@link DataStreamTableScan}. It starts per the table's
     * scan options; {@link #withSnapshot} and the limit are for batch reads and do not apply.
     */
    @Override
    public DataStreamTableScan newStreamScan() {
        return new DataStreamTableScan(table, filter);
    }

    @Override
    public DataTableRead newRead() {
        return new DataTableRead(table, filter, projection);
    }
}
