package io.tstore.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Collectors;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Writes with Kryo as Spark's serializer (a common production setting, and Hudi's required one): the writer tasks'
 * commit messages travel to the driver through Kryo.
 */
class SparkKryoWriteTest {
    private static SparkSession spark;

    @BeforeAll
    static void start() throws IOException {
        Path base = Paths.get("target", "spark-tests").toAbsolutePath();
        Files.createDirectories(base);
        Path warehouse = Files.createTempDirectory(base, "kryo-");
        spark = SparkSession.builder()
                .appName("tstore-kryo")
                .master("local[2]")
                .config("spark.ui.enabled", "false")
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.sql.shuffle.partitions", "2")
                .config("spark.serializer", "org.apache.spark.serializer.KryoSerializer")
                .config("spark.sql.catalog.tstore", SparkCatalog.class.getName())
                .config("spark.sql.catalog.tstore.warehouse", warehouse.toString())
                .getOrCreate();
    }

    @AfterAll
    static void stop() {
        if (spark != null) {
            spark.stop();
        }
    }

    @Test
    void upsertsCommitThroughKryo() {
        assertThat(spark.sparkContext().getConf().get("spark.serializer")).endsWith("KryoSerializer");
        spark.sql("CREATE DATABASE tstore.db");
        spark.sql("CREATE TABLE tstore.db.t (id BIGINT, v STRING) TBLPROPERTIES ('primary-key' = 'id', 'bucket' = '2')");
        spark.sql("INSERT INTO tstore.db.t VALUES (1, 'a'), (2, 'b'), (3, 'c')");
        spark.sql("INSERT INTO tstore.db.t VALUES (2, 'B'), (4, 'd')");

        List<String> rows = spark.sql("SELECT * FROM tstore.db.t ORDER BY id").collectAsList().stream()
                .map(Row::toString).collect(Collectors.toList());
        assertThat(rows).containsExactly("[1,a]", "[2,B]", "[3,c]", "[4,d]");
        assertThat(spark.sql("SELECT count(*) FROM tstore.db.`t$snapshots`").first().getLong(0)).isEqualTo(2);
    }
}
