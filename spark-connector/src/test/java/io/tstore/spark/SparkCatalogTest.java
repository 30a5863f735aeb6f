package io.tstore.spark;

import io.tstore.core.table.FileStoreTable;
import io.tstore.core.types.DataTypes;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** DDL through Spark SQL: databases, tables with keys, partitions and options, ALTER TABLE, CTAS, DROP. */
class SparkCatalogTest {
    private static SparkTestSupport support;

    @BeforeAll
    static void start() {
        support = SparkTestSupport.start("catalog");
    }

    @AfterAll
    static void stop() {
        support.close();
    }

    @Test
    void createsAndDropsDatabases() {
        support.sql("CREATE DATABASE shop");
        assertThat(support.sql("SHOW DATABASES")).contains("[default]", "[shop]");
        support.sql("CREATE DATABASE IF NOT EXISTS shop");
        assertThatThrownBy(() -> support.sql("CREATE DATABASE shop")).hasMessageContaining("shop");
        support.sql("CREATE TABLE shop.t (a INT)");
        assertThatThrownBy(() -> support.sql("DROP DATABASE shop")).hasMessageContaining("shop");
        support.sql("DROP DATABASE shop CASCADE");
        assertThat(support.sql("SHOW DATABASES")).doesNotContain("[shop]");
    }

    @Test
    void createsATableWithPrimaryKeyPartitionsAndOptions() {
        support.sql("CREATE DATABASE ddl");
        support.sql("CREATE TABLE ddl.orders (order_id BIGINT, dt STRING, amount DECIMAL(10, 2), note VARCHAR(10) "
                + "COMMENT 'free text') PARTITIONED BY (dt) "
                + "TBLPROPERTIES ('primary-key' = 'order_id, dt', 'bucket' = '3', 'file.format' = 'parquet')");
        FileStoreTable table = support.table("ddl", "orders");
        assertThat(table.primaryKeys()).containsExactly("order_id", "dt");
        assertThat(table.partitionKeys()).containsExactly("dt");
        assertThat(table.options().toMap()).containsEntry("bucket", "3").containsEntry("file.format", "parquet");
        assertThat(table.rowType().getClass()).isNotNull();
        assertThat(table.rowType().field("order_id").type()).isEqualTo(DataTypes.BIGINT().notNull());
        assertThat(table.rowType().field("note").description()).isEqualTo("free text");

        assertThat(support.sql("SHOW TABLES IN ddl")).containsExactly("[ddl,orders,false]");
        assertThat(support.sql("DESCRIBE ddl.orders")).startsWith(
                "[order_id,bigint,null]", "[dt,string,null]", "[amount,decimal(10,2),null]", "[note,string,free text]");
        assertThat(support.sql("SHOW TBLPROPERTIES ddl.orders")).contains("[primary-key,order_id,dt]", "[bucket,3]");
        support.sql("DROP TABLE ddl.orders");
        assertThat(support.sql("SHOW TABLES IN ddl")).isEmpty();
    }

    @Test
    void altersColumnsAndOptions() {
        support.sql("CREATE DATABASE alter_db");
        support.sql("CREATE TABLE alter_db.t (k INT, v INT, w STRING) TBLPROPERTIES ('primary-key' = 'k', 'bucket' = '1')");
        support.sql("INSERT INTO alter_db.t VALUES (1, 10, 'a')");
        support.sql("ALTER TABLE alter_db.t ADD COLUMN x DOUBLE");
        support.sql("ALTER TABLE alter_db.t RENAME COLUMN w TO label");
        support.sql("ALTER TABLE alter_db.t ALTER COLUMN v TYPE BIGINT");
        support.sql("ALTER TABLE alter_db.t DROP COLUMN x");
        support.sql("ALTER TABLE alter_db.t SET TBLPROPERTIES ('snapshot.num-retained.min' = '5')");
        assertThat(support.table("alter_db", "t").options().toMap()).containsEntry("snapshot.num-retained.min", "5");
        support.sql("ALTER TABLE alter_db.t UNSET TBLPROPERTIES ('snapshot.num-retained.min')");
        assertThat(support.table("alter_db", "t").options().toMap()).doesNotContainKey("snapshot.num-retained.min");
        assertThat(support.sql("SELECT * FROM alter_db.t")).containsExactly("[1,10,a]");
        assertThat(support.table("alter_db", "t").rowType().fieldNames()).containsExactly("k", "v", "label");

        assertThatThrownBy(() -> support.sql("ALTER TABLE alter_db.t SET TBLPROPERTIES ('no.such.option' = '1')"))
                .hasMessageContaining("no.such.option");
        assertThatThrownBy(() -> support.sql("ALTER TABLE alter_db.t DROP COLUMN k")).hasMessageContaining("k");
    }

    @Test
    void createsATableAsSelect() {
        support.sql("CREATE DATABASE ctas");
        support.sql("CREATE TABLE ctas.t TBLPROPERTIES ('primary-key' = 'id', 'bucket' = '2') AS "
                + "SELECT id, CAST(id * 2 AS INT) AS doubled FROM range(5)");
        assertThat(support.table("ctas", "t").primaryKeys()).containsExactly("id");
        assertThat(support.sql("SELECT * FROM ctas.t ORDER BY id"))
                .containsExactly("[0,0]", "[1,2]", "[2,4]", "[3,6]", "[4,8]");
    }

    @Test
    void mapsEveryType() {
        support.sql("CREATE DATABASE types");
        support.sql("CREATE TABLE types.t (b BOOLEAN, t TINYINT, s SMALLINT, i INT, l BIGINT, f FLOAT, d DOUBLE, "
                + "dec DECIMAL(20, 3), c CHAR(3), v VARCHAR(5), str STRING, bin BINARY, dt DATE, ts TIMESTAMP, "
                + "ntz TIMESTAMP_NTZ, arr ARRAY<INT>, m MAP<STRING, BIGINT>, r STRUCT<x: INT, y: STRING>) "
                + "TBLPROPERTIES ('bucket' = '1')");
        support.sql("INSERT INTO types.t VALUES (true, 1Y, 2S, 3, 4L, 1.5F, 2.5D, 12345678901234567.891BD, 'abc', "
                + "'hello', 'world', X'CAFE', DATE '2024-05-01', TIMESTAMP '2024-05-01 10:00:00.123456', "
                + "TIMESTAMP_NTZ '2024-05-01 10:00:00.654321', array(1, NULL, 3), map('a', 1L), named_struct('x', 7, 'y', 'z'))");
        support.sql("INSERT INTO types.t SELECT NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, "
                + "NULL, NULL, NULL, NULL, NULL, NULL");
        assertThat(support.sql("SELECT b, t, s, i, l, f, d, dec, c, v, str, hex(bin), dt, CAST(ts AS STRING), "
                + "CAST(ntz AS STRING), arr, m, r FROM types.t WHERE b IS NOT NULL"))
                .containsExactly("[true,1,2,3,4,1.5,2.5,12345678901234567.891,abc,hello,world,CAFE,2024-05-01,"
                        + "2024-05-01 10:00:00.123456,2024-05-01 10:00:00.654321,WrappedArray(1, null, 3),Map(a -> 1),[7,z]]");
        assertThat(support.sql("SELECT count(*) FROM types.t WHERE b IS NULL AND arr IS NULL")).containsExactly("[1]");
        FileStoreTable table = support.table("types", "t");
        assertThat(table.rowType().field("ts").type()).isEqualTo(DataTypes.TIMESTAMP_LTZ(6));
        assertThat(table.rowType().field("ntz").type()).isEqualTo(DataTypes.TIMESTAMP(6));
        assertThat(table.rowType().field("c").type()).isEqualTo(DataTypes.STRING());
    }

    @Test
    void namesWhatIsWrong() {
        support.sql("CREATE DATABASE errors");
        assertThatThrownBy(() -> support.sql("CREATE TABLE errors.t (a INT) TBLPROPERTIES ('primary-key' = 'nope')"))
                .hasMessageContaining("nope");
        assertThatThrownBy(() -> support.sql("CREATE TABLE errors.t (a INT) TBLPROPERTIES ('bucket' = 'x')"))
                .hasMessageContaining("bucket");
        assertThatThrownBy(() -> support.sql("CREATE TABLE errors.t (a INT) USING parquet"))
                .hasMessageContaining("USING parquet");
        assertThatThrownBy(() -> support.sql("SELECT * FROM errors.missing")).hasMessageContaining("missing");
    }
}
