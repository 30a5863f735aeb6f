package io.tstore.spark;

import static org.assertj.core.api.Assertions.assertThat;

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
 * Checks that Spark runs in-process on the module's test JVM (JDK 17 with the parent's
 * {@code spark.test.jvm.args}), bound to loopback, with the dependency versions the build
 * resolves (notably the parent's Parquet pin).
 */
class SparkEnvironmentTest {

  private static SparkSession spark;

  @BeforeAll
  static void startSpark() {
    Path warehouse = Paths.get("target", "spark-warehouse").toAbsolutePath();
    spark = SparkSession.builder()
        .appName("tstore-spark-environment")
        .master("local[1]")
        .config("spark.ui.enabled", "false")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.sql.warehouse.dir", warehouse.toUri().toString())
        .getOrCreate();
  }

  @AfterAll
  static void stopSpark() {
    if (spark != null) {
      spark.stop();
    }
  }

  @Test
  void runsAnAggregationQuery() {
    List<Row> rows = spark.sql(
            "SELECT k, COUNT(*) AS n, SUM(v) AS total "
                + "FROM VALUES ('a', 1), ('a', 2), ('b', 5) AS t(k, v) "
                + "GROUP BY k ORDER BY k")
        .collectAsList();

    assertThat(rows.stream().map(Row::toString).collect(Collectors.toList()))
        .containsExactly("[a,2,3]", "[b,1,5]");
  }

  @Test
  void writesAndReadsParquet() {
    String path = Paths.get("target", "spark-parquet").toAbsolutePath().toUri().toString();
    spark.sql("SELECT id, id % 3 AS k FROM range(10)")
        .write().mode("overwrite").parquet(path);

    List<Row> rows = spark.read().parquet(path).groupBy("k").count().orderBy("k").collectAsList();

    assertThat(rows.stream().map(Row::toString).collect(Collectors.toList()))
        .containsExactly("[0,4]", "[1,3]", "[2,3]");
  }
}
