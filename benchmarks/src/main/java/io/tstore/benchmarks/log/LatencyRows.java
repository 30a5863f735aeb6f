package io.tstore.benchmarks.log;

import io.tstore.core.data.GenericRow;
import io.tstore.core.schema.Schema;
import io.tstore.core.types.DataTypes;
import io.tstore.lsm.RowKind;

import java.util.Map;

/**
 * The rows of the latency benchmarks: {@code k INT} (the primary key) and {@code sent_nanos BIGINT}, the writer's
 * {@link System#nanoTime()} when it wrote the row, which the subscriber subtracts from its own clock (writer and
 * subscriber run in one JVM).
 *
 * <p>Row {@code i} is an upsert of key {@code i mod keys}. {@link #keys} makes {@code keys} at least twice the rows of
 * one commit interval, so that a key is never written twice within a commit: every row is then a change that each
 * mode delivers (a snapshot's files hold one version of a key per flush, so two versions of a key in one commit
 * would reach a log subscriber twice and a snapshot subscriber once), and every mode must deliver exactly the rows
 * written.
 */
public final class LatencyRows {
    /** The fewest keys: enough for the table to see updates of keys it holds, not only inserts. */
    public static final int MIN_KEYS = 100_000;

    private LatencyRows() {}

    /** The number of keys for a writer of {@code rowsPerSecond} that commits every {@code commitMillis}. */
    public static int keys(int rowsPerSecond, long commitMillis) {
        long perCommit = (long) Math.ceil(rowsPerSecond * (commitMillis / 1000.0));
        long keys = Math.max(MIN_KEYS, 2 * perCommit);
        if (keys > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(String.format(
                    "%,d rows/s with a commit every %,d ms is %,d rows per commit: too many for int keys", rowsPerSecond, commitMillis, perCommit));
        }
        return (int) keys;
    }

    /** The key of row {@code i}. */
    public static int key(long i, int keys) {
        return (int) (i % keys);
    }

    /** The table's schema, with {@code bucket} buckets and the given further options. */
    public static Schema schema(int buckets, Map<String, String> options) {
        Schema.Builder builder = Schema.newBuilder()
                .column("k", DataTypes.INT())
                .column("sent_nanos", DataTypes.BIGINT())
                .primaryKey("k")
                .option("bucket", Integer.toString(buckets));
        options.forEach(builder::option);
        return builder.build();
    }

    /** Row {@code i}, an upsert ({@code +U}) stamped with the current {@link System#nanoTime()}. */
    public static GenericRow row(long i, int keys) {
        GenericRow row = GenericRow.of(key(i, keys), System.nanoTime());
        row.setRowKind(RowKind.UPDATE_AFTER);
        return row;
    }

    /** The write time of a row read back ({@code sent_nanos}, in both the table's and the log's rows). */
    public static long sentNanos(io.tstore.core.data.InternalRow row) {
        return row.getLong(1);
    }
}
