package io.tstore.core.table;

import io.tstore.core.data.InternalRow;
import io.tstore.core.predicate.Predicate;
import io.tstore.core.predicate.PredicateBuilder;
import io.tstore.core.types.RowType;
import io.tstore.lsm.RecordReader;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds a batch read of a table: which rows (a filter), which columns (a projection) and how many (a limit).
 * {@link #newScan()} plans splits, which may be read anywhere with {@link #newRead()}. A filter is a promise
 * that the caller wants no other rows; reads may return only matching rows, and data tables do.
 */
public interface ReadBuilder {

    /** The table's row type, which filters and projections refer to. */
    RowType tableType();

    /** A builder of predicates over the table's columns. */
    default PredicateBuilder predicateBuilder() {
        return new PredicateBuilder(tableType());
    }

    ReadBuilder withFilter(Predicate filter);

    /** The positions of the columns to read, in the order they are returned. */
    ReadBuilder withProjection(int[] projection);

    /** The names of the columns to read, in the order they are returned. */
    default ReadBuilder withProjection(List<String> columns) {
        RowType type = tableType();
        int[] positions = new int[columns.size()];
        for (int i = 0; i < positions.length; i++) {
            positions[i] = type.fieldIndex(columns.get(i));
            if (positions[i] < 0) {
                throw new IllegalArgumentException("Table " + tableName() + " has no column '" + columns.get(i)
                        + "'; its columns are " + type.fieldNames());
            }
        }
        return withProjection(positions);
    }

    /** Returns at most this many rows from {@link #read()}; a hint to scans. */
    ReadBuilder withLimit(long limit);

    /** The name of the table read, for errors. */
    String tableName();

    /** The type of the rows read: the projection of the table's type. */
    RowType readType();

    /** A batch scan: the splits of one snapshot (the latest, or the one chosen by time travel). */
    TableScan newScan();

    /**
     * A streaming scan of the table's changes with this builder's filter: see {@link StreamTableScan}. Data tables
     * start per their scan options ({@code scan.mode}); time travel and the limit are for batch reads and do not
     * apply. Tables that have no changes to follow (system tables) throw {@link UnsupportedOperationException}
     * naming the table: read them once with {@link #newScan()}.
     */
    default StreamTableScan newStreamScan() {
        throw new UnsupportedOperationException("Table " + tableName()
                + " has no changes to follow: read it in batch mode (newScan())");
    }

    /**
     * Time travel: a batch read of this snapshot, whatever the table's scan options say. Tables without snapshots
     * (system tables) throw {@link UnsupportedOperationException} naming the table.
     */
    default ReadBuilder withSnapshot(long snapshotId) {
        throw noTimeTravel(tableName());
    }

    /** Time travel: a batch read of the snapshot a tag holds (which may have expired from the snapshots). */
    default ReadBuilder withTag(String tagName) {
        throw noTimeTravel(tableName());
    }

    /** Time travel: a batch read of the latest snapshot committed at or before this time (epoch milliseconds). */
    default ReadBuilder withTimestampMillis(long timestampMillis) {
        throw noTimeTravel(tableName());
    }

    /** Reads the splits of {@link #newScan()} or {@link #newStreamScan()}, possibly in another process. */
    TableRead newRead();

    /** The limit set by {@link #withLimit}, or -1. */
    long limit();

    /** Plans and reads everything, honouring the limit. */
    default RecordReader<InternalRow> read() throws IOException {
        RecordReader<InternalRow> rows = newRead().createReader(newScan().plan().splits());
        long limit = limit();
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
    default List<InternalRow> readAll() throws IOException {
        return new ArrayList<>(RecordReader.toList(read()));
    }

    /** Checks a projection against the table's columns. */
    static int[] checkProjection(String table, RowType type, int[] projection) {
        for (int field : projection) {
            if (field < 0 || field >= type.fieldCount()) {
                throw new IllegalArgumentException("Table " + table + " has no column at position " + field
                        + "; it has " + type.fieldCount() + " columns");
            }
        }
        return projection.clone();
    }

    private static UnsupportedOperationException noTimeTravel(String table) {
        return new UnsupportedOperationException("Table " + table
                + " has no snapshots to travel to: it is read as it is now");
    }

    /** Checks a limit. */
    static long checkLimit(long limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative: " + limit);
        }
        return limit;
    }
}
