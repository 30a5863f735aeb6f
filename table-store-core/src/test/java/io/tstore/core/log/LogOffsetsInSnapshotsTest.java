package io.tstore.core.log;

import io.tstore.core.catalog.FileSystemCatalog;
import io.tstore.core.table.Identifier;
import io.tstore.core.data.BinaryString;
import io.tstore.core.data.GenericRow;
import io.tstore.core.options.TableOptions;
import io.tstore.core.schema.Schema;
import io.tstore.core.table.FileStoreTable;
import io.tstore.core.table.TableCommit;
import io.tstore.core.table.TableTestSupport;
import io.tstore.core.table.TableWrite;
import io.tstore.core.types.DataTypes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Snapshots carry the log offsets of every bucket: a commit moves those of the buckets it wrote, and every other
 * snapshot (another bucket's commit, a commit without a log) keeps the previous ones. Without a log store on the
 * classpath, {@code log.system = kafka} is a clear error and {@code kafka.*} options are unknown.
 */
class LogOffsetsInSnapshotsTest {
    @TempDir
    java.nio.file.Path warehouse;

    @Test
    void snapshotsCarryTheOffsetsOfBucketsTheirCommitDidNotWrite() throws IOException {
        FileSystemCatalog catalog = FileSystemCatalog.create(warehouse.toString(), Map.of());
        catalog.createDatabase("db", true);
        Identifier id = Identifier.of("db", "t");
        catalog.createTable(id, Schema.newBuilder()
                .column("k", DataTypes.INT())
                .column("v", DataTypes.STRING())
                .primaryKey("k")
                .option("bucket", "2")
                .build(), false);
        FileStoreTable table = catalog.getTable(id);
        TableCommit commit = table.newCommit("user");
        try (TableWrite write = table.newWrite(false)) {
            assertThat(commitOne(table, write, commit, 1, Map.of(0, 5L))).isEqualTo(Map.of(0, 5L));
            assertThat(commitOne(table, write, commit, 2, Map.of(1, 3L))).isEqualTo(Map.of(0, 5L, 1, 3L));
            assertThat(commitOne(table, write, commit, 3, null)).as("a commit without a log").isEqualTo(Map.of(0, 5L, 1, 3L));
            assertThat(commitOne(table, write, commit, 4, Map.of(0, 9L))).isEqualTo(Map.of(0, 9L, 1, 3L));
            // Another commit user's snapshot carries them too.
            assertThat(commitOne(table, write, table.newCommit("other"), 1, Map.of())).isEqualTo(Map.of(0, 9L, 1, 3L));
        }
        TableTestSupport.assertNoOrphanAndNoMissingFiles(table);
    }

    private static Map<Integer, Long> commitOne(FileStoreTable table, TableWrite write, TableCommit commit, long identifier, Map<Integer, Long> offsets)
            throws IOException {
        write.write(GenericRow.of((int) identifier, BinaryString.fromString("v" + identifier)));
        commit.commit(identifier, write.prepareCommit(false), offsets);
        return table.snapshotManager().latestSnapshot().logOffsets();
    }

    @Test
    void withoutALogStoreOnTheClasspathKafkaIsAClearError() throws IOException {
        FileSystemCatalog catalog = FileSystemCatalog.create(warehouse.toString(), Map.of());
        catalog.createDatabase("db", true);
        Identifier id = Identifier.of("db", "logged");
        assertThatThrownBy(() -> catalog.createTable(id, Schema.newBuilder()
                        .column("k", DataTypes.INT()).primaryKey("k").option("log.system", "kafka").build(), false))
                .hasMessageContaining("Table db.logged")
                .hasMessageContaining("'log.system' = 'kafka'")
                .hasMessageContaining("io.tstore:log-store");
        assertThat(catalog.tableExists(id)).isFalse();
        assertThat(TableOptions.validator().find("kafka.bootstrap.servers")).isNull();
    }
}
