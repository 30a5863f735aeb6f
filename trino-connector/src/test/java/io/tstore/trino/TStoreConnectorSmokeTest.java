package io.tstore.trino;

import io.trino.plugin.tpch.TpchPlugin;
import io.trino.testing.BaseConnectorSmokeTest;
import io.trino.testing.DistributedQueryRunner;
import io.trino.testing.QueryRunner;
import io.trino.testing.TestingConnectorBehavior;
import io.trino.testing.sql.TestTable;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Trino's own smoke suite against the connector, on a coordinator and two workers (the suite asks for three
 * nodes). The TPCH tables it reads (nation,
 * region) are copied from the tpch catalog with CREATE TABLE AS. Rows are deleted and updated by primary key, so
 * the tables the suite creates for DELETE, UPDATE and MERGE get one: through {@link #getCreateTableDefaultDefinition}
 * and {@link #newTrinoTable}, the suite's own hooks for how a connector creates its test tables.
 */
class TStoreConnectorSmokeTest extends BaseConnectorSmokeTest {
    @Override
    protected QueryRunner createQueryRunner() throws Exception {
        DistributedQueryRunner runner = TStoreQueryRunner.create(Files.createTempDirectory("tstore-trino-smoke"), Map.of(), "tpch", 2);
        try {
            runner.installPlugin(new TpchPlugin());
            runner.createCatalog("tpch", "tpch");
            runner.execute("CREATE SCHEMA tstore.tpch");
            for (String table : List.of("nation", "region")) {
                runner.execute("CREATE TABLE tstore.tpch." + table + " AS SELECT * FROM tpch.tiny." + table);
            }
            return runner;
        } catch (Exception | Error e) {
            runner.close();
            throw e;
        }
    }

    @Override
    protected boolean hasBehavior(TestingConnectorBehavior behavior) {
        return switch (behavior) {
            case SUPPORTS_INSERT,
                    SUPPORTS_DELETE,
                    SUPPORTS_ROW_LEVEL_DELETE,
                    SUPPORTS_UPDATE,
                    SUPPORTS_ROW_LEVEL_UPDATE,
                    SUPPORTS_MERGE,
                    SUPPORTS_ARRAY,
                    SUPPORTS_MAP_TYPE,
                    SUPPORTS_ROW_TYPE,
                    SUPPORTS_PREDICATE_PUSHDOWN,
                    SUPPORTS_LIMIT_PUSHDOWN,
                    SUPPORTS_CREATE_SCHEMA,
                    SUPPORTS_DROP_SCHEMA_CASCADE,
                    SUPPORTS_CREATE_TABLE,
                    SUPPORTS_CREATE_TABLE_WITH_DATA,
                    SUPPORTS_CREATE_TABLE_WITH_TABLE_COMMENT,
                    SUPPORTS_CREATE_TABLE_WITH_COLUMN_COMMENT,
                    SUPPORTS_RENAME_TABLE,
                    SUPPORTS_RENAME_TABLE_ACROSS_SCHEMAS,
                    SUPPORTS_ADD_COLUMN,
                    SUPPORTS_ADD_COLUMN_WITH_COMMENT,
                    SUPPORTS_ADD_COLUMN_WITH_POSITION,
                    SUPPORTS_DROP_COLUMN,
                    SUPPORTS_RENAME_COLUMN,
                    SUPPORTS_COMMENT_ON_TABLE,
                    SUPPORTS_COMMENT_ON_COLUMN,
                    SUPPORTS_NOT_NULL_CONSTRAINT,
                    SUPPORTS_NEGATIVE_DATE -> true;
            // No views, materialized views, TRUNCATE, CREATE OR REPLACE, schema renames, nested field changes,
            // column type changes, column defaults, functions, or pushdown of aggregations, joins and top-N.
            default -> false;
        };
    }

    /** Tables the suite creates to write into have a primary key, so that their rows can be updated and deleted. */
    @Override
    protected String getCreateTableDefaultDefinition() {
        return "(a bigint, b double) WITH (primary_key = ARRAY['a'])";
    }

    /** The suite's copies of region and nation for DELETE and UPDATE get a primary key (the suite updates nationkey). */
    @Override
    protected TestTable newTrinoTable(String namePrefix, String tableDefinition, List<String> rowsToInsert) {
        String definition = switch (tableDefinition) {
            case "AS SELECT * FROM region" -> "WITH (primary_key = ARRAY['regionkey']) " + tableDefinition;
            case "AS SELECT * FROM nation" -> "WITH (primary_key = ARRAY['name']) " + tableDefinition;
            default -> tableDefinition;
        };
        return super.newTrinoTable(namePrefix, definition, rowsToInsert);
    }

    @Test
    void rowsOfATableWithoutPrimaryKeyCannotBeDeleted() {
        assertThatThrownBy(() -> getQueryRunner().execute("DELETE FROM region WHERE regionkey = 1"))
                .hasMessageContaining("tpch.region").hasMessageContaining("no primary key");
    }
}
