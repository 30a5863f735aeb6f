package io.tstore.core.table;

import io.tstore.core.data.InternalRow;
import io.tstore.core.predicate.Predicate;
import io.tstore.core.predicate.PredicateBuilder;
import io.tstore.core.scan.DataSplit;
import io.tstore.core.types.RowType;
import io.tstore.lsm.RecordReader;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * Builds a batch read of a table: which snapshot, which rows (a filter), which columns (a projection) and how
 * many (a limit). {@link #newScan()} plans splits, which may be read anywhere with {@link #newRead()}.
 */
public final class ReadBuilder {
    private final FileStoreTable table;
    private Predicate filter;
    private int[] projection;
    private long limit = -1;
    private Long snapshotId;

    ReadBuilder(FileStoreTable table) {
        this.table = requireNonNull(table, "table is null");
    }

    /** A builder of predicates over the table's columns. */
    public PredicateBuilder predicateBuilder() {
        return new PredicateBuilder(table.rowType());
    }

    public ReadBuilder withFilter(Predicate filter) {
        this.filter = filter;
        return this;
    }

    /** The positions of the columns to read, in the order they are returned. */
    public ReadBuilder withProjection(int[] projection) {
        for (int field : projection) {
            if (field < 0 || field >= table.rowType().fieldCount()) {
                throw new IllegalArgumentException("Table " + table.name() + " has no column at position " + field);
            }
        }
        this.projection = projection.clone();
        return this;
    }

    /** The names of the columns to read, in the order they are returned. */
    public ReadBuilder withProjection(List<String> columns) {
        int[] positions = new int[columns.size()];
        for (int i = 0; i < positions.length; i++) {
            positions[i] = table.rowType().fieldIndex(columns.get(i));
            if (positions[i] < 0) {
                throw new IllegalArgumentException("Table " + table.name() + " has no column '" + columns.get(i)
                        + "'; its columns are " + table.rowType().fieldNames());
            }
        }
        return withProjection(positions);
    }

    /** Returns at most this many rows. */
    public ReadBuilder withLimit(long limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative: " + limit);
        }
        this.limit = limit;
        return this;
    }

    /** Reads this snapshot instead of the latest. */
    public ReadBuilder withSnapshot(long snapshotId) {
        this.snapshotId = snapshotId;
        return this;
    }

    public RowType readType() {
        return projection == null ? table.rowType() : table.rowType().project(projection);
    }

    public TableScan newScan() {
        return new TableScan(table, filter, snapshotId);
    }

    public TableRead newRead() {
        return new TableRead(table, filter, projection);
    }

    /** Plans and reads everything, honouring the limit. */
    public RecordReader<InternalRow> read() throws IOException {
        List<DataSplit> splits = newScan().plan().splits();
        RecordReader<InternalRow> rows = newRead().createReader(splits);
        if (limit < 0) {
            return rows;
        }
        return new RecordReader<>() {
            private long returned;

            @Override
            public InternalRow read() throws IOException {
                if (returned >= limit) {
                    return null;
                }
                InternalRow row = rows.read();
                if (row != null) {
                    returned++;
                }
                return row;
            }

            @Override
            public void close() throws IOException {
                rows.close();
            }
        };
    }

    /** Plans and reads everything into a list. */
    public List<InternalRow> readAll() throws IOException {
        return new ArrayList<>(RecordReader.toList(read()));
    }
}
