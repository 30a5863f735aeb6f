package io.tstore.spark;

import io.tstore.core.table.FileStoreTable;
import io.tstore.core.table.Identifier;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A local SparkSession on loopback (two task threads) with the catalog {@code tstore} on a fresh warehouse: one per
 * test class, which starts it in {@code @BeforeAll} and stops it in {@code @AfterAll}.
 */
public final class SparkTestSupport implements AutoCloseable {
    public final SparkSession spark;
    public final Path warehouse;

    private SparkTestSupport(SparkSession spark, Path warehouse) {
        this.spark = spark;
        this.warehouse = warehouse;
    }

    public static SparkTestSupport start(String name) {
        return start(name, Map.of());
    }

    /** A session with more configuration (such as {@code spark.sql.extensions}). */
    public static SparkTestSupport start(String name, Map<String, String> config) {
        try {
            Path base = Paths.get("target", "spark-tests").toAbsolutePath();
            Files.createDirectories(base);
            Path warehouse = Files.createTempDirectory(base, name + "-");
            SparkSession.Builder builder = SparkSession.builder()
                    .appName(name)
                    .master("local[2]")
                    .config("spark.ui.enabled", "false")
                    .config("spark.driver.host", "127.0.0.1")
                    .config("spark.driver.bindAddress", "127.0.0.1")
                    .config("spark.sql.shuffle.partitions", "2")
                    .config("spark.sql.warehouse.dir", warehouse.resolve("spark").toUri().toString())
                    .config("spark.sql.catalog.tstore", SparkCatalog.class.getName())
                    .config("spark.sql.catalog.tstore.warehouse", warehouse.resolve("tstore").toString())
                    .config("spark.sql.defaultCatalog", "tstore");
            config.forEach(builder::config); // after the defaults: a test's configuration wins
            SparkSession spark = builder.getOrCreate();
            return new SparkTestSupport(spark, warehouse);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs statements and returns the rows of the last, each as Spark's {@code Row.toString()}. */
    public List<String> sql(String... statements) {
        List<Row> rows = List.of();
        for (String statement : statements) {
            rows = spark.sql(statement).collectAsList();
        }
        return rows.stream().map(Row::toString).collect(Collectors.toList());
    }

    /** The catalog of the session. */
    public SparkCatalog catalog() {
        return (SparkCatalog) spark.sessionState().catalogManager().catalog("tstore");
    }

    /** A data table through the core API. */
    public FileStoreTable table(String database, String table) {
        try {
            return catalog().coreCatalog().getTable(Identifier.of(database, table));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        spark.stop();
    }
}
