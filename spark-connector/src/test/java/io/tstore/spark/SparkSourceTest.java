package io.tstore.spark;

import io.tstore.core.table.TableTestSupport;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code spark.read.format("tstore").load(path)} and {@code df.write.format("tstore").save(path)}. */
class SparkSourceTest {
    private static SparkTestSupport support;

    @BeforeAll
    static void start() {
        support = SparkTestSupport.start("source");
        support.sql("CREATE DATABASE db");
    }

    @AfterAll
    static void stop() {
        support.close();
    }

    @Test
    void readsAndWritesATableByPath() throws Exception {
        support.sql("CREATE TABLE db.t (id INT, dt STRING, v STRING) PARTITIONED BY (dt) "
                + "TBLPROPERTIES ('primary-key' = 'id,dt', 'bucket' = '2')");
        support.sql("INSERT INTO db.t VALUES (1, 'a', 'x'), (2, 'b', 'y')");
        String path = path("db", "t") + "/";

        assertThat(rows(support.spark.read().format("tstore").load(path).orderBy("id")))
                .containsExactly("[1,a,x]", "[2,b,y]");
        assertThat(rows(support.spark.read().format("tstore").load(path).filter("dt = 'b'").select("v")))
                .containsExactly("[y]");

        Dataset<Row> more = support.spark.sql("SELECT * FROM VALUES (1, 'a', 'x2'), (3, 'a', 'z') AS s(id, dt, v)");
        more.write().format("tstore").mode("append").save(path);
        assertThat(support.sql("SELECT * FROM db.t ORDER BY id")).containsExactly("[1,a,x2]", "[2,b,y]", "[3,a,z]");

        // Time travel by option: snapshot 1 is the first INSERT.
        assertThat(rows(support.spark.read().format("tstore").option("versionAsOf", "1").load(path).orderBy("id")))
                .containsExactly("[1,a,x]", "[2,b,y]");

        support.spark.sql("SELECT 9 AS id, 'c' AS dt, 'w' AS v").write().format("tstore").mode("overwrite").save(path);
        assertThat(support.sql("SELECT * FROM db.t ORDER BY id")).containsExactly("[9,c,w]");
        TableTestSupport.assertNoOrphanAndNoMissingFiles(support.table("db", "t"));
    }

    @Test
    void createsATableByPathAndRefusesOtherDirectories() {
        String path = path("db", "created");
        support.spark.sql("SELECT 1 AS id, 'x' AS v").write().format("tstore").save(path);
        assertThat(support.sql("SELECT * FROM db.created")).containsExactly("[1,x]");
        assertThatThrownBy(() -> support.spark.sql("SELECT 1 AS id").write().format("tstore").save(path))
                .hasMessageContaining("created");

        assertThatThrownBy(() -> support.spark.read().format("tstore").load(support.warehouse.resolve("nowhere").toString()))
                .hasMessageContaining("is not a tstore table directory: a table lives in <warehouse>/<database>.db/<table>");
        assertThatThrownBy(() -> support.spark.read().format("tstore").option("bad", "1").load(path).collect())
                .hasMessageContaining("takes no read options from Spark").hasMessageContaining("(got [bad])");
    }

    private static String path(String database, String table) {
        return support.warehouse.resolve("tstore").resolve(database + ".db").resolve(table).toString();
    }

    private static List<String> rows(Dataset<Row> rows) {
        return rows.collectAsList().stream().map(Row::toString).collect(Collectors.toList());
    }
}
