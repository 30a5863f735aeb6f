package io.tstore.benchmarks.flink;

import io.tstore.core.data.BinaryString;
import io.tstore.core.data.Decimal;
import io.tstore.core.data.GenericRow;
import io.tstore.core.data.InternalRow;
import io.tstore.core.data.Timestamp;
import io.tstore.core.schema.Schema;
import io.tstore.core.types.DataTypes;

import org.apache.flink.table.data.DecimalData;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.data.TimestampData;
import org.apache.flink.table.types.logical.BigIntType;
import org.apache.flink.table.types.logical.DecimalType;
import org.apache.flink.table.types.logical.IntType;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.RowType;
import org.apache.flink.table.types.logical.TimestampType;
import org.apache.flink.table.types.logical.VarCharType;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * The upserts of the ingest benchmark: row {@code i} of {@code rows} is a pure function of {@code i}, so that a
 * Flink source and a plain loop produce the same rows in the same order without holding them in memory, and so
 * that the newest version of every key can be computed afterwards to check a table.
 *
 * <p>The schema is the table benchmark's order line: {@code id BIGINT} (the primary key), {@code name STRING}
 * (one of 100,000 customer names, fixed per key), {@code amount DECIMAL(10,2)}, {@code ts TIMESTAMP(3)},
 * {@code qty INT} and {@code note STRING} (32 pseudo-random characters). Row {@code i} has the key
 * {@code (i mod keys) * stride mod keys}, with {@code stride} coprime to {@code keys}: every run of {@code keys}
 * consecutive rows writes every key once, in a scattered order, and the same order again in the next run.
 */
final class IngestRows implements Serializable {
    private static final long serialVersionUID = 1L;

    static final String[] COLUMNS = {"id", "name", "amount", "ts", "qty", "note"};

    private static final int NAMES = 100_000;
    private static final int NOTE_LENGTH = 32;
    private static final byte[] NOTE_CHARS = "abcdefghijklmnopqrstuvwxyz0123456789 ".getBytes(StandardCharsets.US_ASCII);
    private static final long START_MILLIS = 1_714_521_600_000L; // 2024-05-01T00:00:00Z

    private final long rows;
    private final int keys;
    private final long stride;

    IngestRows(long rows, int keys) {
        if (rows < 1 || keys < 1) {
            throw new IllegalArgumentException("rows (" + rows + ") and keys (" + keys + ") must be positive");
        }
        this.rows = rows;
        this.keys = keys;
        long s = Math.max(1, (long) (keys * 0.6180339887)) | 1;
        while (gcd(s, keys) != 1) {
            s++;
        }
        this.stride = s;
    }

    long rows() {
        return rows;
    }

    int keys() {
        return keys;
    }

    /** The table's schema: primary key {@code id}, {@code buckets} buckets, everything else the table defaults. */
    static Schema schema(int buckets) {
        return Schema.newBuilder()
                .column("id", DataTypes.BIGINT())
                .column("name", DataTypes.STRING())
                .column("amount", DataTypes.DECIMAL(10, 2))
                .column("ts", DataTypes.TIMESTAMP(3))
                .column("qty", DataTypes.INT())
                .column("note", DataTypes.STRING())
                .primaryKey("id")
                .option("bucket", Integer.toString(buckets))
                .build();
    }

    /** The Flink type of {@link #flinkRow}. */
    static RowType flinkRowType() {
        return RowType.of(new LogicalType[] {
                new BigIntType(false), VarCharType.STRING_TYPE, new DecimalType(10, 2), new TimestampType(3),
                new IntType(), VarCharType.STRING_TYPE}, COLUMNS);
    }

    long key(long i) {
        return (i % keys) * stride % keys;
    }

    private static byte[] name(long key) {
        return ("customer-" + key % NAMES).getBytes(StandardCharsets.US_ASCII);
    }

    private static long amountUnscaled(long i) {
        return Math.floorMod(mix(i ^ 0x9E3779B97F4A7C15L), 10_000_000L);
    }

    private static long tsMillis(long i) {
        return START_MILLIS + i;
    }

    private static int qty(long i) {
        return 1 + (int) Math.floorMod(mix(i), 1000L);
    }

    private static byte[] note(long i) {
        SplittableRandom random = new SplittableRandom(mix(i + 0x632BE59BD9B4E019L));
        byte[] bytes = new byte[NOTE_LENGTH];
        for (int c = 0; c < bytes.length; c++) {
            bytes[c] = NOTE_CHARS[random.nextInt(NOTE_CHARS.length)];
        }
        return bytes;
    }

    /** Row {@code i} for the core Java API (an insert, that is an upsert by key). */
    GenericRow coreRow(long i) {
        long key = key(i);
        return GenericRow.of(key, BinaryString.fromBytes(name(key)), Decimal.fromUnscaledLong(amountUnscaled(i), 10, 2),
                Timestamp.fromEpochMillis(tsMillis(i)), qty(i), BinaryString.fromBytes(note(i)));
    }

    /** Row {@code i} for Flink, of {@link #flinkRowType()}. */
    RowData flinkRow(long i) {
        long key = key(i);
        return GenericRowData.of(key, StringData.fromBytes(name(key)), DecimalData.fromUnscaledLong(amountUnscaled(i), 10, 2),
                TimestampData.fromEpochMillis(tsMillis(i)), qty(i), StringData.fromBytes(note(i)));
    }

    /** For every key, the index of the last row that writes it, or -1 when none does. */
    long[] lastRowOfKeys() {
        long[] last = new long[keys];
        java.util.Arrays.fill(last, -1);
        for (long i = 0; i < rows; i++) {
            last[(int) key(i)] = i;
        }
        return last;
    }

    /** How {@code row} (read from the table) differs from row {@code i}, or null when it is equal to it. */
    String difference(InternalRow row, long i) {
        GenericRow expected = coreRow(i);
        StringBuilder diff = new StringBuilder();
        if (row.getLong(0) != expected.getLong(0)) {
            diff.append(" id ").append(row.getLong(0));
        }
        compare(diff, "name", row.isNullAt(1) ? null : row.getString(1), expected.getString(1));
        compare(diff, "amount", row.isNullAt(2) ? null : row.getDecimal(2, 10, 2), expected.getDecimal(2, 10, 2));
        compare(diff, "ts", row.isNullAt(3) ? null : row.getTimestamp(3, 3), expected.getTimestamp(3, 3));
        compare(diff, "qty", row.isNullAt(4) ? null : row.getInt(4), expected.getInt(4));
        compare(diff, "note", row.isNullAt(5) ? null : row.getString(5), expected.getString(5));
        return diff.length() == 0 ? null : "key " + expected.getLong(0) + " is not row " + i + ":" + diff;
    }

    private static void compare(StringBuilder diff, String column, Object actual, Object expected) {
        if (!expected.equals(actual)) {
            diff.append(' ').append(column).append('=').append(actual).append(" (expected ").append(expected).append(')');
        }
    }

    /** The finalizer of SplitMix64: consecutive inputs give unrelated outputs. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private static long gcd(long a, long b) {
        while (b != 0) {
            long t = a % b;
            a = b;
            b = t;
        }
        return a;
    }
}
