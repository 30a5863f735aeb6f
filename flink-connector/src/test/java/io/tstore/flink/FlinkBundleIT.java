package io.tstore.flink;

import static org.assertj.core.api.Assertions.assertThat;

import io.tstore.core.testing.SourceProgramRun;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

/**
 * The bundled jar (tstore-flink-2.3-&lt;version&gt;.jar) works alone in a Flink: a separate JVM whose class path is
 * Flink's own modules and log4j as a Flink lib/ has them (at Flink's versions, resolved by Maven into a file by
 * flink-connector/flink-runtime-2.3) plus only the bundled jar creates the catalog, writes a primary-key table (an
 * upsert merged on read) and a Parquet table, and reads them back. Run by failsafe after package.
 */
class FlinkBundleIT {

    @Test
    void catalogWritesAndReadsWithTheBundledJarAlone() throws Exception {
        String classpath = SourceProgramRun.engineClasspathAndBundle(
                "tstore.flink.classpath-file", "tstore.flink.bundle", "flink-connector");
        String warehouse = SourceProgramRun.freshDirectory("warehouse-").toString();

        List<String> rows = SourceProgramRun.rows(FlinkBundleIT.class, "BundleSmoke.java", List.of("-Xmx1g"),
                classpath,
                List.of("CREATE CATALOG tstore WITH ('type' = 'tablestore', 'warehouse' = '" + warehouse + "')",
                        "USE CATALOG tstore",
                        "CREATE DATABASE db",
                        "CREATE TABLE db.orders (id BIGINT, note STRING, PRIMARY KEY (id) NOT ENFORCED)"
                                + " WITH ('bucket' = '2')",
                        "INSERT INTO db.orders VALUES (1, 'a'), (2, 'b'), (3, 'c')",
                        "INSERT INTO db.orders VALUES (2, 'b2')",
                        "CREATE TABLE db.events (k BIGINT, v STRING) WITH ('file.format' = 'parquet')",
                        "INSERT INTO db.events SELECT id, note FROM db.orders WHERE id < 3",
                        "SELECT id, note FROM db.orders ORDER BY id",
                        "SELECT k, v FROM db.events ORDER BY k"),
                Map.of());

        assertThat(rows).containsExactly("1|a", "2|b2", "3|c", "1|a", "2|b2");
    }
}
