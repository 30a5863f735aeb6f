package io.tstore.benchmarks.hudi;

import java.io.Serializable;
import java.sql.Timestamp;
import java.util.SplittableRandom;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The rows of the benchmark, a pure function of (seed, key, commit): the writers of every system and the model
 * compute the same row without storing it. A key's timestamp grows with every commit that writes it, so the latest
 * row by commit and the latest by timestamp are the same row.
 */
public final class RowGenerator implements Serializable {
    private static final long serialVersionUID = 1L;

    /** 2024-01-01T00:00:00Z: the timestamp of commit 0 (the load); each commit adds a second. */
    static final long BASE_MILLIS = 1_704_067_200_000L;
    static final int COUNTERS = 8;
    static final long COUNTER_RANGE = 1_000_000_000L;
    private static final char[] LETTERS = "abcdefghijklmnopqrstuvwxyz".toCharArray();

    public static final StructType SCHEMA = schema();

    private final long seed;

    public RowGenerator(long seed) {
        this.seed = seed;
    }

    private static StructType schema() {
        StructField[] fields = new StructField[COUNTERS + 3];
        fields[0] = DataTypes.createStructField("id", DataTypes.LongType, false);
        fields[1] = DataTypes.createStructField("name", DataTypes.StringType, true);
        for (int c = 1; c <= COUNTERS; c++) {
            fields[c + 1] = DataTypes.createStructField("c" + c, DataTypes.LongType, true);
        }
        fields[COUNTERS + 2] = DataTypes.createStructField("ts", DataTypes.TimestampType, true);
        return DataTypes.createStructType(fields);
    }

    /** The row that commit {@code commit} writes for {@code key} (commit 0 is the load). */
    public Row row(long key, int commit) {
        SplittableRandom random = random(key, commit);
        Object[] values = new Object[COUNTERS + 3];
        values[0] = key;
        values[1] = name(key, random);
        for (int c = 0; c < COUNTERS; c++) {
            values[c + 2] = random.nextLong(COUNTER_RANGE);
        }
        values[COUNTERS + 2] = new Timestamp(BASE_MILLIS + commit * 1000L + Math.floorMod(key, 1000L));
        return RowFactory.create(values);
    }

    /** The bytes of the row as input: 8 per bigint and timestamp, one per name character (ASCII). */
    public long inputBytes(long key, int commit) {
        return 8L * (COUNTERS + 2) + name(key, random(key, commit)).length();
    }

    private SplittableRandom random(long key, int commit) {
        return new SplittableRandom(seed * 0x9E3779B97F4A7C15L + key * 0xBF58476D1CE4E5B9L + commit * 0x94D049BB133111EBL);
    }

    /** 64 to 96 ASCII characters: the key, then random letters. */
    private static String name(long key, SplittableRandom random) {
        int length = 64 + random.nextInt(33);
        StringBuilder name = new StringBuilder(length).append("customer-").append(key).append('-');
        while (name.length() < length) {
            name.append(LETTERS[random.nextInt(LETTERS.length)]);
        }
        return name.toString();
    }
}
