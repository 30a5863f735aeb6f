package io.tstore.trino;

import static org.assertj.core.api.Assertions.assertThat;

import io.trino.testing.DistributedQueryRunner;
import io.trino.testing.MaterializedRow;
import io.tstore.core.catalog.FileSystemCatalog;
import io.tstore.core.fs.s3.S3ProxyProcess;
import io.tstore.core.table.FileStoreTable;
import io.tstore.core.table.Identifier;
import io.tstore.core.table.TableCheck;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Trino writes and reads a table on S3 (an S3 server on 127.0.0.1 in its own process; commits published with a
 * conditional put), the catalog's {@code file-io.s3.*} properties passed to the coordinator's and workers' file IO.
 */
class TStoreS3Test {
    private static S3ProxyProcess s3;
    private static DistributedQueryRunner runner;
    private static Map<String, String> properties;

    @BeforeAll
    static void start() throws Exception {
        s3 = S3ProxyProcess.start(Path.of(""), "trino-s3");
        properties = new HashMap<>(s3.options());
        properties.put("warehouse", "s3://trino-s3/warehouse");
        runner = TStoreQueryRunner.create(Files.createTempDirectory("unused"), properties);
    }

    @AfterAll
    static void stop() throws Exception {
        if (runner != null) {
            runner.close();
        }
        if (s3 != null) {
            s3.close();
        }
    }

    @Test
    void writesAndReadsATableOnS3() throws Exception {
        runner.execute("CREATE SCHEMA db");
        runner.execute("CREATE TABLE db.orders (id bigint, dt varchar, amount decimal(10, 2)) "
                + "WITH (primary_key = ARRAY['id', 'dt'], partitioned_by = ARRAY['dt'], bucket = 2)");
        runner.execute("INSERT INTO db.orders VALUES (1, 'a', DECIMAL '1.50'), (2, 'a', DECIMAL '2.00'), (3, 'b', DECIMAL '3.25')");
        runner.execute("UPDATE db.orders SET amount = DECIMAL '20.00' WHERE id = 2");
        runner.execute("DELETE FROM db.orders WHERE id = 3");
        assertThat(rows("SELECT id, dt, CAST(amount AS varchar) FROM db.orders ORDER BY id"))
                .containsExactly(List.of(1L, "a", "1.50"), List.of(2L, "a", "20.00"));
        assertThat(rows("SELECT count(*) FROM db.\"orders$snapshots\"")).containsExactly(List.of(3L));
        assertThat(rows("SELECT count(*) FROM db.orders FOR VERSION AS OF 1")).containsExactly(List.of(3L));

        FileStoreTable table = FileSystemCatalog.create(properties.get("warehouse"), s3.options())
                .getTable(Identifier.of("db", "orders"));
        assertThat(table.location().toString()).startsWith("s3://trino-s3/warehouse/db.db/orders");
        assertThat(TableCheck.check(table, true).problems()).isEmpty();
    }

    private static List<List<Object>> rows(String sql) {
        return runner.execute(sql).getMaterializedRows().stream().map(MaterializedRow::getFields).toList();
    }
}
