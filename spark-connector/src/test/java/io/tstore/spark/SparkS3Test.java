package io.tstore.spark;

import static org.assertj.core.api.Assertions.assertThat;

import io.tstore.core.fs.s3.S3ProxyProcess;
import io.tstore.core.table.FileStoreTable;
import io.tstore.core.table.TableCheck;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Spark writes and reads a table on S3 (an S3 server on 127.0.0.1 in its own process; commits published with a
 * conditional put): the catalog's {@code file-io.s3.*} options reach the driver and the executors' writers.
 */
class SparkS3Test {
    private static S3ProxyProcess s3;
    private static SparkTestSupport support;

    @BeforeAll
    static void start() throws Exception {
        s3 = S3ProxyProcess.start(Path.of(""), "spark-s3");
        Map<String, String> config = new HashMap<>();
        config.put("spark.sql.catalog.tstore.warehouse", "s3://spark-s3/warehouse");
        s3.options().forEach((key, value) -> config.put("spark.sql.catalog.tstore." + key, value));
        support = SparkTestSupport.start("s3", config);
    }

    @AfterAll
    static void stop() throws Exception {
        if (support != null) {
            support.close();
        }
        if (s3 != null) {
            s3.close();
        }
    }

    @Test
    void writesAndReadsATableOnS3() throws Exception {
        support.sql("CREATE DATABASE db");
        support.sql("CREATE TABLE db.orders (id BIGINT, dt STRING, amount DECIMAL(10, 2)) PARTITIONED BY (dt) "
                + "TBLPROPERTIES ('primary-key' = 'id,dt', 'bucket' = '2')");
        support.sql("INSERT INTO db.orders VALUES (1, 'a', 1.50), (2, 'a', 2.00), (3, 'b', 3.25)");
        support.sql("INSERT INTO db.orders VALUES (2, 'a', 20.00)");
        support.sql("DELETE FROM db.orders WHERE id = 3");
        assertThat(support.sql("SELECT * FROM db.orders ORDER BY id")).containsExactly("[1,a,1.50]", "[2,a,20.00]");
        assertThat(support.sql("SELECT count(*) FROM db.`orders$snapshots`")).containsExactly("[3]");
        assertThat(support.sql("SELECT * FROM db.orders VERSION AS OF 1 ORDER BY id"))
                .containsExactly("[1,a,1.50]", "[2,a,2.00]", "[3,b,3.25]");
        FileStoreTable table = support.table("db", "orders");
        assertThat(table.location().toString()).startsWith("s3://spark-s3/warehouse/db.db/orders");
        assertThat(TableCheck.check(table, true).problems()).isEmpty();
    }
}
