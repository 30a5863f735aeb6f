package io.tstore.trino;

import io.trino.testing.DistributedQueryRunner;
import io.trino.testing.MaterializedResult;
import io.trino.testing.MaterializedRow;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Statements through the real engine against the tstore catalog: one query runner for the class. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TStoreConnectorTest {
    private Path warehouse;

    private DistributedQueryRunner runner;

    @BeforeAll
    void start() throws Exception {
        warehouse = Files.createTempDirectory("tstore-trino");
        runner = TStoreQueryRunner.create(warehouse, Map.of());
        runner.execute("CREATE SCHEMA tstore.db");
    }

    @AfterAll
    void stop() {
        if (runner != null) {
            runner.close();
        }
    }

    private MaterializedResult query(String sql) {
        return runner.execute(sql);
    }

    private List<List<Object>> rows(String sql) {
        List<List<Object>> rows = new ArrayList<>();
        for (MaterializedRow row : query(sql).getMaterializedRows()) {
            rows.add(row.getFields());
        }
        return rows;
    }

    @Test
    void createInsertSelectPrimaryKeyTable() {
        query("CREATE TABLE pk (id BIGINT, name VARCHAR, score DOUBLE) WITH (primary_key = ARRAY['id'], bucket = 2)");
        query("INSERT INTO pk VALUES (1, 'a', 1.0), (2, 'b', 2.0), (3, 'c', 3.0)");
        query("INSERT INTO pk VALUES (2, 'B', 20.0)");
        assertThat(rows("SELECT id, name, score FROM pk ORDER BY id")).containsExactly(
                List.of(1L, "a", 1.0), List.of(2L, "B", 20.0), List.of(3L, "c", 3.0));
        assertThat(rows("SELECT name FROM pk WHERE id = 2")).containsExactly(List.of("B"));
        assertThat(query("SELECT count(*) FROM pk").getOnlyValue()).isEqualTo(3L);
    }
}
