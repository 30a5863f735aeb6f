package io.tstore.flink;

import static io.tstore.flink.FlinkSqlTestSupport.rows;
import static io.tstore.flink.FlinkSqlTestSupport.table;
import static org.assertj.core.api.Assertions.assertThat;

import io.tstore.core.data.BinaryString;
import io.tstore.core.data.GenericRow;
import io.tstore.core.table.FileStoreTable;
import io.tstore.core.table.TableCommit;
import io.tstore.core.table.TableWrite;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.table.api.TableEnvironment;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Lookup joins against a tstore table ({@code FOR SYSTEM_TIME AS OF} processing time), on the key and on other columns. */
class FlinkLookupJoinTest {
    @TempDir
    Path warehouse;

    TableEnvironment tEnv;

    @BeforeEach
    void setUp() throws Exception {
        Configuration conf = new Configuration();
        conf.setString("parallelism.default", "2");
        tEnv = FlinkSqlTestSupport.streaming(warehouse, conf);
        tEnv.executeSql("CREATE TABLE dim (id BIGINT, grp INT, name STRING, PRIMARY KEY (id) NOT ENFORCED) WITH ('bucket' = '2')");
        FileStoreTable dim = table(warehouse, "default", "dim");
        TableCommit commit = dim.newCommit(UUID.randomUUID().toString());
        try (TableWrite write = dim.newWrite(false)) {
            for (long id = 0; id < 20; id++) {
                write.write(GenericRow.of(id, (int) (id % 4), BinaryString.fromString("n" + id)));
            }
            commit.commit(1, write.prepareCommit(true));
        }
        // Probes 0..29 (ids 20..29 have no row), with a processing-time attribute.
        tEnv.executeSql("CREATE TEMPORARY TABLE default_catalog.default_database.probes (k BIGINT, pt AS PROCTIME())"
                + " WITH ('connector' = 'datagen', 'number-of-rows' = '30', 'fields.k.kind' = 'sequence',"
                + " 'fields.k.start' = '0', 'fields.k.end' = '29')");
    }

    @Test
    void joinOnThePrimaryKey() {
        List<String> expected = new ArrayList<>();
        for (long k = 0; k < 20; k++) {
            expected.add("+I[" + k + ", n" + k + "]");
        }
        assertThat(rows(tEnv, "SELECT p.k, d.name FROM default_catalog.default_database.probes AS p"
                + " JOIN dim FOR SYSTEM_TIME AS OF p.pt AS d ON p.k = d.id"))
                .containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void leftJoinOnAnotherColumnWithAFilter() {
        List<String> expected = new ArrayList<>();
        for (long k = 0; k < 30; k++) {
            boolean matched = false;
            for (long id = 0; id < 20; id++) {
                if (id % 4 == k && id >= 5) {
                    expected.add("+I[" + k + ", " + id + "]");
                    matched = true;
                }
            }
            if (!matched) {
                expected.add("+I[" + k + ", null]");
            }
        }
        assertThat(rows(tEnv, "SELECT p.k, d.id FROM default_catalog.default_database.probes AS p"
                + " LEFT JOIN dim /*+ OPTIONS('lookup.refresh-interval'='1 s') */ FOR SYSTEM_TIME AS OF p.pt AS d"
                + " ON CAST(p.k AS INT) = d.grp AND d.id >= 5"))
                .containsExactlyInAnyOrderElementsOf(expected);
    }
}
