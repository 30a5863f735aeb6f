package io.tstore.benchmarks.hudi;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.analysis.NoSuchTableException;

/**
 * Ours through the Spark connector's catalog: a primary-key table with the table defaults, except the bucket count
 * (the same as Hudi's) and the file format. Each write is one batch job, committed once, atomically.
 */
final class OursTable implements BenchTable {
    static final String CATALOG = "tstore";
    static final String DATABASE = "bench";

    private final SparkSession spark;
    private final Path warehouse;
    private final String prefix;
    private final String format;
    private final int buckets;

    /** {@code warehouse} must be the catalog's warehouse; {@code prefix} starts the table's name. */
    OursTable(SparkSession spark, Path warehouse, String prefix, String format, int buckets) {
        this.spark = spark;
        this.warehouse = warehouse;
        this.prefix = prefix;
        this.format = format;
        this.buckets = buckets;
    }

    @Override
    public String name() {
        return "ours-" + format;
    }

    private String tableName() {
        return prefix + "upserts_" + format;
    }

    private String qualifiedName() {
        return CATALOG + "." + DATABASE + "." + tableName();
    }

    @Override
    public Path directory() {
        return warehouse.resolve(DATABASE + ".db").resolve(tableName());
    }

    @Override
    public Path metadataDirectory() {
        return null;
    }

    @Override
    public void create() {
        StringBuilder columns = new StringBuilder("id BIGINT, name STRING");
        for (int c = 1; c <= RowGenerator.COUNTERS; c++) {
            columns.append(", c").append(c).append(" BIGINT");
        }
        columns.append(", ts TIMESTAMP");
        spark.sql("CREATE DATABASE IF NOT EXISTS " + CATALOG + "." + DATABASE);
        spark.sql(String.format("CREATE TABLE %s (%s) TBLPROPERTIES (%s)", qualifiedName(), columns,
                properties()));
    }

    private String properties() {
        StringBuilder text = new StringBuilder();
        settings().forEach((key, value) -> text.append(text.length() == 0 ? "" : ", ")
                .append('\'').append(key).append("' = '").append(value).append('\''));
        return text.toString();
    }

    void drop() {
        spark.sql("DROP TABLE IF EXISTS " + qualifiedName());
    }

    @Override
    public void write(Dataset<Row> rows, boolean load) {
        // The load is a batch insert like any other: a primary-key table upserts, whatever the table holds.
        try {
            rows.writeTo(qualifiedName()).append();
        } catch (NoSuchTableException e) {
            throw new IllegalStateException("Table " + qualifiedName() + " vanished during the benchmark", e);
        }
    }

    @Override
    public Dataset<Row> read() {
        return spark.table(qualifiedName());
    }

    @Override
    public Map<String, String> settings() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("primary-key", "id");
        settings.put("bucket", Integer.toString(buckets));
        settings.put("file.format", format);
        return settings;
    }
}
