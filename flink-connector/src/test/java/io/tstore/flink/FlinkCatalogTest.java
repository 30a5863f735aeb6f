package io.tstore.flink;

import static io.tstore.flink.FlinkSqlTestSupport.batch;
import static io.tstore.flink.FlinkSqlTestSupport.rows;
import static io.tstore.flink.FlinkSqlTestSupport.table;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tstore.core.schema.TableSchema;
import io.tstore.core.types.DataField;
import io.tstore.core.types.DataTypes;

import org.apache.flink.table.api.TableEnvironment;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** DDL through Flink SQL on a tstore catalog, checked against the schemas the core stores. */
class FlinkCatalogTest {
    @TempDir
    Path warehouse;

    TableEnvironment tEnv;

    @BeforeEach
    void setUp() {
        tEnv = batch(warehouse);
    }

    @Test
    void databases() {
        assertThat(rows(tEnv, "SHOW DATABASES")).containsExactly("+I[default]");
        tEnv.executeSql("CREATE DATABASE shop");
        tEnv.executeSql("CREATE DATABASE IF NOT EXISTS shop");
        assertThat(rows(tEnv, "SHOW DATABASES")).containsExactly("+I[default]", "+I[shop]");
        assertThatThrownBy(() -> tEnv.executeSql("CREATE DATABASE shop")).hasStackTraceContaining("Database shop already exists");

        tEnv.executeSql("CREATE TABLE shop.t (a INT)");
        assertThatThrownBy(() -> tEnv.executeSql("DROP DATABASE shop"))
                .hasStackTraceContaining("Database shop is not empty: drop its tables first, or drop it with cascade");
        tEnv.executeSql("DROP DATABASE shop CASCADE");
        tEnv.executeSql("DROP DATABASE IF EXISTS shop");
        assertThat(rows(tEnv, "SHOW DATABASES")).containsExactly("+I[default]");
        assertThatThrownBy(() -> tEnv.executeSql("DROP DATABASE shop")).hasStackTraceContaining("Database shop does not exist");
    }

    @Test
    void createTableWithPrimaryKeyPartitionsOptionsAndComments() throws Exception {
        tEnv.executeSql("CREATE TABLE orders ("
                + " id BIGINT COMMENT 'order id',"
                + " dt STRING,"
                + " amount DECIMAL(10, 2),"
                + " PRIMARY KEY (id, dt) NOT ENFORCED"
                + ") COMMENT 'all orders' PARTITIONED BY (dt) WITH ('bucket' = '2', 'file.format' = 'parquet')");

        TableSchema schema = table(warehouse, "default", "orders").schema();
        assertThat(schema.fields()).containsExactly(
                new DataField(0, "id", DataTypes.BIGINT().notNull(), "order id"),
                new DataField(1, "dt", DataTypes.STRING().notNull()),
                new DataField(2, "amount", DataTypes.DECIMAL(10, 2)));
        assertThat(schema.primaryKeys()).containsExactly("id", "dt");
        assertThat(schema.partitionKeys()).containsExactly("dt");
        assertThat(schema.optionsMap()).isEqualTo(Map.of("bucket", "2", "file.format", "parquet"));
        assertThat(schema.comment()).isEqualTo("all orders");

        assertThat(rows(tEnv, "SHOW TABLES")).containsExactly("+I[orders]");
        assertThat(rows(tEnv, "DESCRIBE orders")).containsExactly(
                "+I[id, BIGINT, false, PRI(id, dt), null, null, order id]",
                "+I[dt, STRING, false, PRI(id, dt), null, null, null]",
                "+I[amount, DECIMAL(10, 2), true, null, null, null, null]");
        assertThat(String.join("\n", rows(tEnv, "SHOW CREATE TABLE orders")))
                .contains("PARTITIONED BY (`dt`)", "'bucket' = '2'", "COMMENT 'all orders'");

        assertThatThrownBy(() -> tEnv.executeSql("CREATE TABLE orders (a INT)"))
                .hasStackTraceContaining("Table default.orders already exists");
        tEnv.executeSql("CREATE TABLE IF NOT EXISTS orders (a INT)");
        assertThat(table(warehouse, "default", "orders").schema().id()).isZero();
    }

    @Test
    void distributionIsTheBucketKeyAndBucketCount() throws Exception {
        tEnv.executeSql("CREATE TABLE t (k INT, v INT) DISTRIBUTED BY HASH(k) INTO 3 BUCKETS");
        assertThat(table(warehouse, "default", "t").schema().optionsMap()).isEqualTo(Map.of("bucket", "3", "bucket-key", "k"));
    }

    @Test
    void createTableLike() throws Exception {
        tEnv.executeSql("CREATE TABLE base (id INT, name STRING, dt STRING, PRIMARY KEY (id, dt) NOT ENFORCED)"
                + " PARTITIONED BY (dt) WITH ('bucket' = '3')");
        tEnv.executeSql("CREATE TABLE copy1 LIKE base");
        tEnv.executeSql("CREATE TABLE copy2 (extra DOUBLE) WITH ('file.format' = 'parquet') LIKE base");

        TableSchema base = table(warehouse, "default", "base").schema();
        TableSchema copy1 = table(warehouse, "default", "copy1").schema();
        assertThat(copy1.fields()).isEqualTo(base.fields());
        assertThat(copy1.primaryKeys()).isEqualTo(base.primaryKeys());
        assertThat(copy1.partitionKeys()).isEqualTo(base.partitionKeys());
        assertThat(copy1.optionsMap()).isEqualTo(base.optionsMap());

        TableSchema copy2 = table(warehouse, "default", "copy2").schema();
        assertThat(copy2.fieldNames()).containsExactly("id", "name", "dt", "extra");
        assertThat(copy2.optionsMap()).isEqualTo(Map.of("bucket", "3", "file.format", "parquet"));
    }

    @Test
    void alterTable() throws Exception {
        tEnv.executeSql("CREATE TABLE t (id INT, a INT NOT NULL, b STRING, PRIMARY KEY (id) NOT ENFORCED)");

        tEnv.executeSql("ALTER TABLE t ADD c DOUBLE COMMENT 'new'");
        tEnv.executeSql("ALTER TABLE t ADD (first_col STRING FIRST, after_a BOOLEAN AFTER a)");
        tEnv.executeSql("ALTER TABLE t RENAME b TO bb");
        tEnv.executeSql("ALTER TABLE t MODIFY a BIGINT");
        tEnv.executeSql("ALTER TABLE t MODIFY c DOUBLE COMMENT 'changed'");
        tEnv.executeSql("ALTER TABLE t DROP after_a");
        tEnv.executeSql("ALTER TABLE t SET ('target-file-size' = '64 mb', 'file.format' = 'parquet')");
        tEnv.executeSql("ALTER TABLE t RESET ('file.format')");

        TableSchema schema = table(warehouse, "default", "t").schema();
        assertThat(schema.fields()).containsExactly(
                new DataField(4, "first_col", DataTypes.STRING()),
                new DataField(0, "id", DataTypes.INT().notNull()),
                new DataField(1, "a", DataTypes.BIGINT()),
                new DataField(2, "bb", DataTypes.STRING()),
                new DataField(3, "c", DataTypes.DOUBLE(), "changed"));
        assertThat(schema.optionsMap()).isEqualTo(Map.of("target-file-size", "64 mb"));
        assertThat(rows(tEnv, "DESCRIBE t")).extracting(row -> row.split(",")[0] + "," + row.split(",")[1])
                .containsExactly("+I[first_col, STRING", "+I[id, INT", "+I[a, BIGINT", "+I[bb, STRING", "+I[c, DOUBLE");

        tEnv.executeSql("ALTER TABLE t RENAME TO t2");
        assertThat(rows(tEnv, "SHOW TABLES")).containsExactly("+I[t2]");
    }

    @Test
    void alterTableErrorsCarryTheCoreMessage() throws Exception {
        tEnv.executeSql("CREATE TABLE t (id INT, a BIGINT, dt STRING, PRIMARY KEY (id, dt) NOT ENFORCED) PARTITIONED BY (dt)");

        assertThatThrownBy(() -> tEnv.executeSql("ALTER TABLE t MODIFY a INT"))
                .hasStackTraceContaining("a")
                .hasStackTraceContaining("BIGINT");
        assertThatThrownBy(() -> tEnv.executeSql("ALTER TABLE t DROP dt")).hasStackTraceContaining("dt");
        assertThatThrownBy(() -> tEnv.executeSql("ALTER TABLE t SET ('bucket' = '7')")).hasStackTraceContaining("bucket");
        assertThatThrownBy(() -> tEnv.executeSql("ALTER TABLE t SET ('no-such-option' = '1')"))
                .hasStackTraceContaining("no-such-option");
        assertThatThrownBy(() -> tEnv.executeSql("ALTER TABLE t MODIFY a BIGINT FIRST"))
                .hasStackTraceContaining("cannot move column 'a'");
        // Nothing of the failed statements landed.
        assertThat(table(warehouse, "default", "t").schema().id()).isZero();
    }

    @Test
    void badTablesAreRejectedWithTheCoreMessage() {
        assertThatThrownBy(() -> tEnv.executeSql("CREATE TABLE t (a INT) WITH ('bucket' = 'many')"))
                .hasStackTraceContaining("bucket")
                .hasStackTraceContaining("many");
        assertThatThrownBy(() -> tEnv.executeSql("CREATE TABLE t (a INT) WITH ('no-such-option' = 'x')"))
                .hasStackTraceContaining("no-such-option");
        assertThatThrownBy(() -> tEnv.executeSql("CREATE TABLE t (a INT, b AS a + 1)"))
                .hasStackTraceContaining("column 'b' is a computed column");
        assertThatThrownBy(() -> tEnv.executeSql("CREATE TABLE t (a INT) WITH ('connector' = 'datagen')"))
                .hasStackTraceContaining("option 'connector' = 'datagen' is not allowed");
        assertThatThrownBy(() -> tEnv.executeSql("CREATE TABLE t (a INT, m MULTISET<INT>)"))
                .hasStackTraceContaining("Table default.t, column 'm': Type MULTISET<INT> is not supported");
        assertThat(rows(tEnv, "SHOW TABLES")).isEmpty();
    }

    @Test
    void dropTable() {
        tEnv.executeSql("CREATE TABLE t (a INT)");
        tEnv.executeSql("DROP TABLE t");
        tEnv.executeSql("DROP TABLE IF EXISTS t");
        assertThat(rows(tEnv, "SHOW TABLES")).isEmpty();
        assertThatThrownBy(() -> tEnv.executeSql("DROP TABLE t")).hasStackTraceContaining("t");
    }

    @Test
    void tableDefaultOptionsOfTheCatalog() throws Exception {
        tEnv.executeSql("CREATE CATALOG d WITH ('type' = 'tablestore', 'warehouse' = '" + warehouse
                + "', 'default-database' = 'db', 'table-default.bucket' = '5')");
        tEnv.executeSql("CREATE TABLE d.db.t (a INT) WITH ('file.format' = 'parquet')");
        assertThat(table(warehouse, "db", "t").schema().optionsMap()).isEqualTo(Map.of("bucket", "5", "file.format", "parquet"));
        assertThatThrownBy(() -> tEnv.executeSql("CREATE CATALOG e WITH ('type' = 'tablestore', 'warehouse' = '"
                + warehouse + "', 'wearhouse' = 'x')")).hasStackTraceContaining("wearhouse");
        assertThat(List.of(tEnv.listCatalogs())).contains("c", "d");
    }
}
