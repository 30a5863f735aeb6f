package io.tstore.spark;

import io.tstore.spark.read.SparkScan;

import org.apache.spark.sql.execution.datasources.v2.BatchScanExec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;

import scala.collection.JavaConverters;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Columnar reads: a scan whose splits need no merge reads the core's batches as {@code ColumnarBatch}es, one that
 * needs a merge reads rows; both give the same rows, for every type a table takes from Spark.
 */
class SparkColumnarTest {
    private static final String COLUMNS = "id INT, b BOOLEAN, t TINYINT, s SMALLINT, l BIGINT, f FLOAT, d DOUBLE, "
            + "dec DECIMAL(10, 2), big DECIMAL(30, 5), str STRING, bin BINARY, day DATE, ntz TIMESTAMP_NTZ, "
            + "ltz TIMESTAMP, arr ARRAY<INT>, m MAP<STRING, INT>, st STRUCT<x: INT, y: STRING>, "
            + "nested ARRAY<STRUCT<p: STRING, q: ARRAY<BIGINT>>>";
    private static final String ROWS = "(1, true, 1, 2, 3, 1.5, 2.5, 12.34, 12345678901234567890.12345, 'eins', "
            + "X'0102', DATE '2024-05-01', TIMESTAMP_NTZ '2024-05-01 10:00:00.123456', "
            + "TIMESTAMP '2024-05-01 10:00:00.5', array(1, NULL, 3), map('a', 1, 'b', NULL), named_struct('x', 7, 'y', 'z'), "
            + "array(named_struct('p', 'u', 'q', array(1L, 2L)), NULL)), "
            + "(2, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL), "
            + "(3, false, -1, -2, -3, -1.5, -2.5, -0.01, -1.00001, '', X'', DATE '1969-12-31', "
            + "TIMESTAMP_NTZ '1960-01-01 00:00:00.000001', TIMESTAMP '1970-01-01 00:00:00', array(), map(), "
            + "named_struct('x', NULL, 'y', NULL), array())";
    /** Every column, the binary one as hex: Spark shows a byte array by its identity. */
    private static final String SELECT = "SELECT id, b, t, s, l, f, d, dec, big, str, hex(bin), day, ntz, ltz, arr, m, "
            + "st, nested FROM db.";
    private static SparkTestSupport support;

    @BeforeAll
    static void start() {
        support = SparkTestSupport.start("columnar");
        support.sql("CREATE DATABASE db");
    }

    @AfterAll
    static void stop() {
        support.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"orc", "parquet"})
    void columnarAndRowReadsGiveTheSameRowsForEveryType(String format) {
        String options = "'bucket' = '2', 'file.format' = '" + format + "'";
        support.sql("CREATE TABLE db.append_" + format + " (" + COLUMNS + ") TBLPROPERTIES (" + options + ")");
        support.sql("CREATE TABLE db.once_" + format + " (" + COLUMNS + ") TBLPROPERTIES ('primary-key' = 'id', "
                + options + ")");
        support.sql("CREATE TABLE db.twice_" + format + " (" + COLUMNS + ") TBLPROPERTIES ('primary-key' = 'id', "
                + options + ")");
        for (String table : List.of("append_", "once_", "twice_")) {
            support.sql("INSERT INTO db." + table + format + " VALUES " + ROWS);
        }
        support.sql("INSERT INTO db.twice_" + format + " VALUES " + ROWS); // two sorted runs per bucket: a merge

        assertThat(scan("SELECT * FROM db.append_" + format).columnar()).isTrue();
        assertThat(scan("SELECT * FROM db.once_" + format).columnar()).isTrue();
        assertThat(scan("SELECT * FROM db.twice_" + format).columnar()).isFalse();

        List<String> rows = support.sql(SELECT + "twice_" + format + " ORDER BY id");
        assertThat(rows).containsExactly(
                "[1,true,1,2,3,1.5,2.5,12.34,12345678901234567890.12345,eins,0102,2024-05-01,"
                        + "2024-05-01T10:00:00.123456,2024-05-01 10:00:00.5,WrappedArray(1, null, 3),"
                        + "Map(a -> 1, b -> null),[7,z],WrappedArray([u,WrappedArray(1, 2)], null)]",
                "[2,null,null,null,null,null,null,null,null,null,null,null,null,null,null,null,null,null]",
                "[3,false,-1,-2,-3,-1.5,-2.5,-0.01,-1.00001,,,1969-12-31,1960-01-01T00:00:00.000001,"
                        + "1970-01-01 00:00:00.0,WrappedArray(),Map(),[null,null],WrappedArray()]");
        for (String table : List.of("append_", "once_")) {
            assertThat(support.sql(SELECT + table + format + " ORDER BY id")).as(table).isEqualTo(rows);
            // Projections and filters on the batches.
            assertThat(support.sql("SELECT st.y, m['a'], nested[0].q[1], id FROM db." + table + format
                    + " WHERE id <> 2 ORDER BY id")).as(table).containsExactly("[z,1,2,1]", "[null,null,null,3]");
        }
    }

    private static SparkScan scan(String query) {
        var plan = support.spark.sql(query).queryExecution().executedPlan();
        List<SparkScan> scans = new ArrayList<>();
        for (var node : JavaConverters.seqAsJavaList(plan.collectLeaves())) {
            if (node instanceof BatchScanExec batch) {
                assertThat(batch.supportsColumnar()).isEqualTo(((SparkScan) batch.scan()).columnar());
                scans.add((SparkScan) batch.scan());
            }
        }
        assertThat(scans).hasSize(1);
        return scans.get(0);
    }
}
