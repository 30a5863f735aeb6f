package io.tstore.spark;

import org.apache.spark.sql.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bucketed scans: a scan of a primary-key table reports Spark a key-grouped partitioning by partition and bucket, so
 * aggregations and joins on the primary key need no shuffle; tables whose buckets differ are shuffled.
 */
class SparkBucketedScanTest {
    private static SparkTestSupport support;

    @BeforeAll
    static void start() {
        support = SparkTestSupport.start("bucketed");
        // Spark 3.5 uses a scan's partitioning only with this on; plans as planned (no adaptive re-planning), and
        // joins by sort-merge rather than broadcast.
        support.spark.conf().set("spark.sql.sources.v2.bucketing.enabled", "true");
        support.spark.conf().set("spark.sql.adaptive.enabled", "false");
        support.spark.conf().set("spark.sql.autoBroadcastJoinThreshold", "-1");
        support.sql("CREATE DATABASE db");
        for (String table : List.of("a", "b", "c")) {
            support.sql("CREATE TABLE db." + table + " (id INT, v STRING) TBLPROPERTIES ('primary-key' = 'id', "
                    + "'bucket' = '" + (table.equals("c") ? 3 : 4) + "')");
            support.sql("INSERT INTO db." + table + " SELECT id, concat('" + table + "', id) FROM range(0, 20) t(id)");
        }
        support.sql("CREATE TABLE db.p (dt STRING, id INT, n INT) PARTITIONED BY (dt) "
                + "TBLPROPERTIES ('primary-key' = 'dt,id', 'bucket' = '2')");
        support.sql("INSERT INTO db.p SELECT CAST(id % 3 AS STRING), id, id FROM range(0, 30) t(id)");
        support.sql("INSERT INTO db.p SELECT CAST(id % 3 AS STRING), id, id * 10 FROM range(0, 6) t(id)");
    }

    @AfterAll
    static void stop() {
        support.close();
    }

    @Test
    void aggregatesOnThePrimaryKeyWithoutAShuffle() {
        String query = "SELECT id, count(*), max(v) FROM db.a GROUP BY id";
        assertThat(plan(query)).doesNotContain("Exchange");
        List<String> rows = sorted(query);
        assertThat(rows).hasSize(20).contains("[0,1,a0]", "[19,1,a19]");

        String partitioned = "SELECT dt, id, sum(n) FROM db.p GROUP BY dt, id";
        assertThat(plan(partitioned)).doesNotContain("Exchange");
        assertThat(sorted(partitioned)).hasSize(30).contains("[0,3,30]", "[2,29,29]");
    }

    @Test
    void joinsTablesOfOneBucketCountOnThePrimaryKeyWithoutAShuffle() {
        String query = "SELECT a.id, a.v, b.v FROM db.a a JOIN db.b b ON a.id = b.id";
        assertThat(plan(query)).doesNotContain("Exchange");
        assertThat(sorted(query)).hasSize(20).contains("[0,a0,b0]", "[7,a7,b7]");

        // Three buckets against four: Spark shuffles, with the same result.
        String other = "SELECT a.id, a.v, c.v FROM db.a a JOIN db.c c ON a.id = c.id";
        assertThat(plan(other)).contains("Exchange");
        assertThat(sorted(other)).hasSize(20).contains("[0,a0,c0]", "[7,a7,c7]");
    }

    @Test
    void reportsNoPartitioningWhenDisabledOrNotBucketed() {
        support.spark.conf().set("spark.sql.sources.v2.bucketing.enabled", "false");
        try {
            assertThat(plan("SELECT id, count(*) FROM db.a GROUP BY id")).contains("Exchange");
        } finally {
            support.spark.conf().set("spark.sql.sources.v2.bucketing.enabled", "true");
        }
        support.sql("CREATE TABLE db.appended (id INT, v STRING) TBLPROPERTIES ('bucket' = '4')");
        support.sql("INSERT INTO db.appended VALUES (1, 'x'), (1, 'y')");
        String query = "SELECT id, count(*) FROM db.appended GROUP BY id";
        assertThat(plan(query)).contains("Exchange");
        assertThat(sorted(query)).containsExactly("[1,2]");
    }

    private static String plan(String query) {
        return support.spark.sql(query).queryExecution().executedPlan().toString();
    }

    private static List<String> sorted(String query) {
        return support.spark.sql(query).collectAsList().stream().map(Row::toString).sorted().collect(Collectors.toList());
    }
}
