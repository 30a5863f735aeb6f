package io.tstore.flink;

import io.tstore.core.catalog.FileSystemCatalog;
import io.tstore.core.table.Identifier;
import io.tstore.core.data.InternalRow;
import io.tstore.core.data.InternalRows;
import io.tstore.core.table.FileStoreTable;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.table.api.TableResult;
import org.apache.flink.types.Row;
import org.apache.flink.util.CloseableIterator;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Table environments on a loopback MiniCluster with a tstore catalog {@code c} on a warehouse, and ways to read results. */
final class FlinkSqlTestSupport {
    private FlinkSqlTestSupport() {}

    /** Binds every server of the MiniCluster to loopback. */
    static Configuration loopback() {
        return MiniClusters.loopback();
    }

    static TableEnvironment batch(Path warehouse) {
        return withCatalog(TableEnvironment.create(
                EnvironmentSettings.newInstance().inBatchMode().withConfiguration(loopback()).build()), warehouse);
    }

    static TableEnvironment streaming(Path warehouse, Configuration conf) {
        Configuration all = loopback();
        all.addAll(conf);
        return withCatalog(TableEnvironment.create(
                EnvironmentSettings.newInstance().inStreamingMode().withConfiguration(all).build()), warehouse);
    }

    static TableEnvironment withCatalog(TableEnvironment tEnv, Path warehouse) {
        tEnv.executeSql("CREATE CATALOG c WITH ('type' = 'tablestore', 'warehouse' = '" + warehouse + "')");
        tEnv.executeSql("USE CATALOG c");
        return tEnv;
    }

    /** Runs a statement to its end and returns its rows as strings, e.g. {@code +I[1, a]}. */
    static List<String> rows(TableEnvironment tEnv, String sql) {
        return rows(tEnv.executeSql(sql));
    }

    static List<String> rows(TableResult result) {
        List<String> rows = new ArrayList<>();
        try (CloseableIterator<Row> it = result.collect()) {
            it.forEachRemaining(row -> rows.add(row.toString()));
        } catch (Exception e) {
            throw new RuntimeException(e);
        }
        return rows;
    }

    /** Runs a DML statement to its end. */
    static void execute(TableEnvironment tEnv, String sql) {
        try {
            tEnv.executeSql(sql).await();
        } catch (Exception e) {
            throw new RuntimeException(e);
        }
    }

    static FileSystemCatalog coreCatalog(Path warehouse) {
        return FileSystemCatalog.create(warehouse.toString(), Map.of());
    }

    static FileStoreTable table(Path warehouse, String database, String table) throws Exception {
        return coreCatalog(warehouse).getTable(Identifier.of(database, table));
    }

    /** The table's rows at its latest snapshot, read with the core's reader, e.g. {@code +I(id=1, name='a')}. */
    static List<String> tableRows(Path warehouse, String database, String tableName) throws Exception {
        FileStoreTable table = table(warehouse, database, tableName);
        List<String> rows = new ArrayList<>();
        for (InternalRow row : table.newReadBuilder().readAll()) {
            rows.add(InternalRows.toString(row, table.rowType()));
        }
        return rows;
    }
}
