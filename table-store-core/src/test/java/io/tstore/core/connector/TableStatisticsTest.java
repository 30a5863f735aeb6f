package io.tstore.core.connector;

import io.tstore.core.catalog.FileSystemCatalog;
import io.tstore.core.data.BinaryRow;
import io.tstore.core.data.BinaryString;
import io.tstore.core.data.GenericRow;
import io.tstore.core.schema.Schema;
import io.tstore.core.schema.SchemaChange;
import io.tstore.core.table.FileStoreTable;
import io.tstore.core.table.Identifier;
import io.tstore.core.table.TableWrite;
import io.tstore.core.types.DataTypes;
import io.tstore.lsm.RowKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** Statistics merged from the manifests equal what the written rows say (append tables), or bound them (primary keys). */
class TableStatisticsTest {
    @TempDir
    Path warehouse;

    @Test
    void appendTableStatisticsAreExact() throws Exception {
        FileSystemCatalog catalog = FileSystemCatalog.create(warehouse.toString(), Map.of());
        catalog.createDatabase("db", true);
        Identifier id = Identifier.of("db", "events");
        catalog.createTable(id, Schema.newBuilder()
                .column("day", DataTypes.INT().notNull())
                .column("n", DataTypes.BIGINT())
                .column("name", DataTypes.STRING())
                .partitionKeys("day")
                .option("bucket", "2")
                .option("bucket-key", "n")
                .build(), false);
        FileStoreTable table = catalog.getTable(id);
        assertThat(TableStatistics.of(table).snapshotId()).isNull();
        assertThat(TableStatistics.of(table).rowCount()).isZero();

        Random random = new Random(3);
        Map<Integer, Long> rowsPerDay = new HashMap<>();
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        long nulls = 0;
        for (int commit = 1; commit <= 3; commit++) {
            try (TableWrite write = table.newWrite(false)) {
                for (int i = 0; i < 300; i++) {
                    int day = random.nextInt(3);
                    Long n = random.nextInt(6) == 0 ? null : (long) random.nextInt(10_000) - 5_000;
                    if (n == null) {
                        nulls++;
                    } else {
                        min = Math.min(min, n);
                        max = Math.max(max, n);
                    }
                    rowsPerDay.merge(day, 1L, Long::sum);
                    write.write(GenericRow.of(day, n, BinaryString.fromString("x" + random.nextInt(50))));
                }
                table.newCommit("w").commit(commit, write.prepareCommit(true));
            }
        }
        TableStatistics stats = TableStatistics.of(table);
        assertThat(stats.snapshotId()).isEqualTo(3);
        assertThat(stats.rowCount()).isEqualTo(900);
        assertThat(stats.sizeInBytes()).isPositive();
        assertThat(stats.partitions()).hasSize(3);
        for (TableStatistics.PartitionStatistics partition : stats.partitions().values()) {
            assertThat(partition.rowCount()).isEqualTo(rowsPerDay.get(partition.partition().getInt(0)));
        }
        assertThat(stats.partitions().values().stream().mapToLong(TableStatistics.PartitionStatistics::sizeInBytes).sum())
                .isEqualTo(stats.sizeInBytes());
        assertThat(stats.columns().get("n")).isEqualTo(new TableStatistics.ColumnStatistics(min, max, nulls));
        assertThat(stats.columns().get("day").min()).isEqualTo(0);
        assertThat(stats.columns().get("day").max()).isEqualTo(2);
        assertThat(stats.columns().get("name").nullCount()).isZero();
        assertThat(stats.columns().keySet()).containsExactly("day", "n", "name");

        // A column added later: the older files count as nulls of it.
        catalog.alterTable(id, List.of(SchemaChange.addColumn("extra", DataTypes.INT())), false);
        TableStatistics evolved = TableStatistics.of(catalog.getTable(id));
        assertThat(evolved.columns().get("extra")).isEqualTo(new TableStatistics.ColumnStatistics(null, null, 900));
        assertThat(evolved.columns().get("n")).isEqualTo(stats.columns().get("n"));
    }

    @Test
    void primaryKeyRowCountsAreUpperBounds() throws Exception {
        FileSystemCatalog catalog = FileSystemCatalog.create(warehouse.toString(), Map.of());
        catalog.createDatabase("db", true);
        Identifier id = Identifier.of("db", "pk");
        catalog.createTable(id, Schema.newBuilder()
                .column("k", DataTypes.INT().notNull())
                .column("v", DataTypes.INT())
                .primaryKey("k")
                .option("bucket", "1")
                .build(), false);
        FileStoreTable table = catalog.getTable(id);
        for (int commit = 1; commit <= 3; commit++) {
            try (TableWrite write = table.newWrite(false)) {
                for (int k = 0; k < 100; k++) {
                    GenericRow row = GenericRow.of(k, commit * 1000 + k);
                    if (commit == 3 && k % 2 == 0) {
                        row.setRowKind(RowKind.DELETE);
                    }
                    write.write(row);
                }
                table.newCommit("w").commit(commit, write.prepareCommit(true));
            }
        }
        TableStatistics stats = TableStatistics.of(table);
        long read = table.newReadBuilder().readAll().size();
        assertThat(read).isEqualTo(50);
        assertThat(stats.rowCount()).isGreaterThanOrEqualTo(read).isEqualTo(300);
        assertThat(stats.partitions()).containsOnlyKeys(BinaryRow.EMPTY_ROW);
        assertThat(stats.columns().get("k").min()).isEqualTo(0);
        assertThat(stats.columns().get("k").max()).isEqualTo(99);
        assertThat((Integer) stats.columns().get("v").max()).isGreaterThanOrEqualTo(3099);
    }
}
