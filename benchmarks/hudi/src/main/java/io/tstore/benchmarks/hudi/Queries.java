package io.tstore.benchmarks.hudi;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The queries after the last commit, in SQL over a temporary view of the table, each naming its columns (Hudi
 * tables carry meta columns that a user's query does not select).
 */
final class Queries {
    static final String VIEW = "bench_table";
    static final int LOOKUP_KEYS = 10;
    /** The non-key filter: c1 is uniform in [0, 1e9), so about 1% of the rows qualify. */
    static final long FILTER_BOUND = RowGenerator.COUNTER_RANGE / 100;

    static final String COUNT = "SELECT count(*) FROM " + VIEW;
    static final String FULL_SCAN = fullScan();
    static final String FILTER = "SELECT count(*), sum(c2), min(name) FROM " + VIEW + " WHERE c1 < " + FILTER_BOUND;
    static final String CHECKSUM = "SELECT count(*), sum(cast(xxhash64(" + columns() + ") AS DECIMAL(38, 0))) FROM "
            + VIEW;

    private Queries() {}

    static String columns() {
        StringBuilder columns = new StringBuilder("id, name");
        for (int c = 1; c <= RowGenerator.COUNTERS; c++) {
            columns.append(", c").append(c);
        }
        return columns.append(", ts").toString();
    }

    private static String fullScan() {
        StringBuilder sql = new StringBuilder("SELECT count(*), sum(id), sum(length(name))");
        for (int c = 1; c <= RowGenerator.COUNTERS; c++) {
            sql.append(", sum(c").append(c).append(')');
        }
        return sql.append(", sum(unix_micros(ts)) FROM ").append(VIEW).toString();
    }

    static String lookup(long key) {
        return "SELECT " + columns() + " FROM " + VIEW + " WHERE id = " + key;
    }

    /** The keys looked up: spread over the key space, fixed by the seed. */
    static long[] lookupKeys(BenchOptions options) {
        SplittableRandom random = new SplittableRandom(options.seed() + 7);
        long[] keys = new long[LOOKUP_KEYS];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = random.nextInt(options.keys());
        }
        return keys;
    }

    /** Runs {@code sql} over {@code table} (registered again, as a new query would) and returns its rows. */
    static List<Row> run(SparkSession spark, Dataset<Row> table, String sql) {
        table.createOrReplaceTempView(VIEW);
        return new ArrayList<>(spark.sql(sql).collectAsList());
    }
}
