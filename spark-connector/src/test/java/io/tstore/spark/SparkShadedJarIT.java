package io.tstore.spark;

import static org.assertj.core.api.Assertions.assertThat;

import io.tstore.core.testing.SourceProgramRun;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The shaded jar (tstore-spark-&lt;line&gt;_&lt;scala&gt;-&lt;version&gt;.jar) works alone in a Spark: a separate JVM whose class
 * path is Spark's own (spark-sql and its dependencies at Spark's versions, resolved by Maven into a file) plus only
 * the shaded jar runs CREATE TABLE, INSERT (an upsert merged on read, ORC and Parquet files) and SELECT through the
 * tstore catalog. Run by failsafe after package; the build passes the jar, the class path file and the JVM flags.
 */
class SparkShadedJarIT {

    @Test
    void createInsertSelectWithTheShadedJarAlone() throws Exception {
        String classpath = SourceProgramRun.engineClasspathAndBundle(
                "tstore.spark.classpath-file", "tstore.spark.bundle", "spark-connector");
        List<String> jvmArgs = new ArrayList<>(List.of("-Xmx1g", "-Dlog4j2.level=WARN"));
        Arrays.stream(System.getProperty("tstore.spark.jvm.args", "").split("\\s+"))
                .filter(arg -> !arg.isEmpty())
                .forEach(jvmArgs::add);
        List<String> rows = SourceProgramRun.rows(SparkShadedJarIT.class, "ShadedJarSmoke.java", jvmArgs,
                classpath,
                List.of(SourceProgramRun.freshDirectory("warehouse-").toString(),
                        "CREATE DATABASE tstore.db",
                        "CREATE TABLE tstore.db.orders (id BIGINT, dt STRING, amount DECIMAL(10, 2), note STRING)"
                                + " PARTITIONED BY (dt) TBLPROPERTIES ('primary-key' = 'id,dt', 'bucket' = '2')",
                        "INSERT INTO tstore.db.orders VALUES (1, '2024-05-01', 10.50, 'a'),"
                                + " (2, '2024-05-01', 20.00, 'b'), (3, '2024-05-02', 30.25, 'c')",
                        "INSERT INTO tstore.db.orders VALUES (2, '2024-05-01', 21.00, 'b2')",
                        "CREATE TABLE tstore.db.events (k INT, v STRING) TBLPROPERTIES ('file.format' = 'parquet')",
                        "INSERT INTO tstore.db.events SELECT id, note FROM tstore.db.orders WHERE dt = '2024-05-01'",
                        "SELECT * FROM tstore.db.orders ORDER BY id",
                        "SELECT k, v FROM tstore.db.events ORDER BY k",
                        "SELECT snapshot_id, commit_kind FROM tstore.db.`orders$snapshots` ORDER BY snapshot_id"),
                Map.of("SPARK_LOCAL_IP", "127.0.0.1"));

        assertThat(rows).containsExactly(
                "1|2024-05-01|10.50|a",
                "2|2024-05-01|21.00|b2",
                "3|2024-05-02|30.25|c",
                "1|a",
                "2|b2",
                "1|APPEND",
                "2|APPEND");
    }
}
