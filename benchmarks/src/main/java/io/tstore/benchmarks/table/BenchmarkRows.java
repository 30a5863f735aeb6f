package io.tstore.benchmarks.table;

import io.tstore.core.data.BinaryString;
import io.tstore.core.data.Decimal;
import io.tstore.core.data.GenericRow;
import io.tstore.core.data.Timestamp;
import io.tstore.core.options.FileFormatType;
import io.tstore.core.schema.Schema;
import io.tstore.core.types.DataTypes;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The rows of the upsert benchmark, generated before anything is timed: one batch that inserts every key and
 * further batches that update the keys again in a new random order each. The schema is an order line: {@code id
 * BIGINT} (the primary key), {@code name STRING} (one of 100,000 customer names, the same for every version of a
 * key), {@code amount DECIMAL(10,2)}, {@code ts TIMESTAMP(3)}, {@code qty INT} and {@code note STRING} (32 random
 * characters); every batch gives a key a new amount, ts, qty and note.
 *
 * <p>The sum of {@code qty} over the newest version of every key is kept, so that a scan can check it returned
 * the newest versions and nothing else.
 */
final class BenchmarkRows {
    static final int QTY_FIELD = 4;

    private static final int NAMES = 100_000;
    private static final int NOTE_LENGTH = 32;
    private static final byte[] NOTE_CHARS = "abcdefghijklmnopqrstuvwxyz0123456789 ".getBytes(StandardCharsets.US_ASCII);
    private static final long START_MILLIS = 1_714_521_600_000L; // 2024-05-01T00:00:00Z

    private final List<GenericRow[]> batches;
    private final long liveKeys;
    private final long newestQtySum;

    private BenchmarkRows(List<GenericRow[]> batches, long liveKeys, long newestQtySum) {
        this.batches = batches;
        this.liveKeys = liveKeys;
        this.newestQtySum = newestQtySum;
    }

    /** The table's schema: primary key {@code id}, {@code bucket} buckets, the format and write buffer given. */
    static Schema schema(FileFormatType format, int buckets, String writeBufferSize) {
        return schemaBuilder(format, buckets, writeBufferSize).build();
    }

    /** The builder of {@link #schema}, for more options. */
    static Schema.Builder schemaBuilder(FileFormatType format, int buckets, String writeBufferSize) {
        return Schema.newBuilder()
                .column("id", DataTypes.BIGINT())
                .column("name", DataTypes.STRING())
                .column("amount", DataTypes.DECIMAL(10, 2))
                .column("ts", DataTypes.TIMESTAMP(3))
                .column("qty", DataTypes.INT())
                .column("note", DataTypes.STRING())
                .primaryKey("id")
                .option("bucket", Integer.toString(buckets))
                .option("file.format", format.toString())
                .option("write-buffer-size", writeBufferSize);
    }

    /**
     * Generates {@code 1 + upsertBatches} batches of {@code rows} rows each. Row {@code i} of a batch has the key
     * {@code permutation[i % keys]}, with a new random permutation of {@code [0, keys)} per batch: with as many
     * rows as keys, every batch writes every key once.
     */
    static BenchmarkRows generate(int rows, int keys, int upsertBatches, long seed) {
        if (rows < 1 || keys < 1 || upsertBatches < 0) {
            throw new IllegalArgumentException(String.format(
                    "rows (%d) and keys (%d) must be positive and upsert batches (%d) not negative", rows, keys, upsertBatches));
        }
        Random random = new Random(seed);
        BinaryString[] names = new BinaryString[NAMES];
        for (int i = 0; i < NAMES; i++) {
            names[i] = BinaryString.fromString("customer-" + i);
        }
        int[] newestQty = new int[keys];
        boolean[] written = new boolean[keys];
        int[] permutation = new int[keys];
        for (int i = 0; i < keys; i++) {
            permutation[i] = i;
        }
        List<GenericRow[]> batches = new ArrayList<>();
        for (int batch = 0; batch <= upsertBatches; batch++) {
            shuffle(permutation, random);
            GenericRow[] rowsOfBatch = new GenericRow[rows];
            long batchStart = START_MILLIS + batch * 3_600_000L;
            for (int i = 0; i < rows; i++) {
                int key = permutation[i % keys];
                int qty = 1 + random.nextInt(1000);
                rowsOfBatch[i] = GenericRow.of(
                        (long) key,
                        names[key % NAMES],
                        Decimal.fromUnscaledLong(random.nextInt(10_000_000), 10, 2),
                        Timestamp.fromEpochMillis(batchStart + random.nextInt(3_600_000)),
                        qty,
                        note(random));
                newestQty[key] = qty;
                written[key] = true;
            }
            batches.add(rowsOfBatch);
        }
        long liveKeys = 0;
        long qtySum = 0;
        for (int key = 0; key < keys; key++) {
            if (written[key]) {
                liveKeys++;
                qtySum += newestQty[key];
            }
        }
        return new BenchmarkRows(List.copyOf(batches), liveKeys, qtySum);
    }

    /** The batch that fills the empty table. */
    GenericRow[] insertBatch() {
        return batches.get(0);
    }

    /** The i-th batch of updates, from 0. */
    GenericRow[] upsertBatch(int i) {
        return batches.get(1 + i);
    }

    int upsertBatches() {
        return batches.size() - 1;
    }

    /** The keys that some batch writes: the rows a scan returns after all batches. */
    long liveKeys() {
        return liveKeys;
    }

    /** The sum of {@code qty} of the newest version of every key after all batches. */
    long newestQtySum() {
        return newestQtySum;
    }

    private static BinaryString note(Random random) {
        byte[] bytes = new byte[NOTE_LENGTH];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = NOTE_CHARS[random.nextInt(NOTE_CHARS.length)];
        }
        return BinaryString.fromBytes(bytes);
    }

    private static void shuffle(int[] values, Random random) {
        for (int i = values.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = values[i];
            values[i] = values[j];
            values[j] = t;
        }
    }
}
