package io.tstore.core.table;

import io.tstore.core.catalog.FileSystemCatalog;
import io.tstore.core.consumer.ConsumerManager;
import io.tstore.core.data.BinaryString;
import io.tstore.core.data.GenericRow;
import io.tstore.core.data.InternalRow;
import io.tstore.core.schema.Schema;
import io.tstore.core.snapshot.CommitKind;
import io.tstore.core.types.DataTypes;
import io.tstore.lsm.RecordReader;
import io.tstore.lsm.RowKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The behaviour of streaming scans beside the model test: overwrites, tables without key, positions, consumers. */
class StreamTableScanTest {
    @TempDir
    java.nio.file.Path warehouse;

    private FileStoreTable create(String name, boolean primaryKey) throws IOException {
        FileSystemCatalog catalog = FileSystemCatalog.create(warehouse.toString(), Map.of());
        catalog.createDatabase("db", true);
        Schema.Builder schema = Schema.newBuilder()
                .column("k", DataTypes.BIGINT().notNull())
                .column("v", DataTypes.STRING())
                .option("bucket", "1");
        if (primaryKey) {
            schema.primaryKey("k");
        }
        catalog.createTable(Identifier.of("db", name), schema.build(), false);
        return catalog.getTable(Identifier.of("db", name));
    }

    private static long identifier;

    private static void commit(FileStoreTable table, boolean overwrite, Object... keyValues) throws IOException {
        try (TableWrite write = table.newWrite(overwrite)) {
            for (int i = 0; i < keyValues.length; i += 2) {
                String v = (String) keyValues[i + 1];
                GenericRow row = GenericRow.of(((Number) keyValues[i]).longValue(), v == null ? null : BinaryString.fromString(v));
                if (v == null) {
                    row.setRowKind(RowKind.DELETE);
                }
                write.write(row);
            }
            TableCommit commit = table.newCommit("test");
            if (overwrite) {
                commit.overwrite(Map.of(), ++identifier, write.prepareCommit(true));
            } else {
                commit.commit(++identifier, write.prepareCommit(true));
            }
        }
    }

    /** Reads a plan into "kind k v" strings. */
    private static List<String> read(FileStoreTable table, TableScan.Plan plan) throws IOException {
        List<String> rows = new ArrayList<>();
        DataTableRead read = table.newReadBuilder().newRead();
        try (RecordReader<InternalRow> reader = read.createReader(plan.splits())) {
            for (InternalRow row = reader.read(); row != null; row = reader.read()) {
                rows.add(row.getRowKind().shortString() + " " + row.getLong(0) + " " + (row.isNullAt(1) ? null : row.getString(1)));
            }
        }
        return rows;
    }

    @Test
    void overwritesAreSkippedUnlessAskedFor() throws IOException {
        FileStoreTable table = create("t", true);
        commit(table, false, 1, "a", 2, "b");
        DataStreamTableScan skipping = table.newReadBuilder().newStreamScan();
        FileStoreTable reading = table.copy(Map.of("streaming-read-overwrite", "true"));
        DataStreamTableScan diffing = reading.newReadBuilder().newStreamScan();
        assertThat(read(table, skipping.plan())).containsExactly("+I 1 a", "+I 2 b");
        assertThat(read(table, diffing.plan())).containsExactly("+I 1 a", "+I 2 b");

        commit(table, true, 2, "b", 3, "c");   // 1 goes, 2 stays the same, 3 comes
        assertThat(table.snapshotManager().latestSnapshot().commitKind()).isEqualTo(CommitKind.OVERWRITE);
        commit(table, false, 4, "d");
        commit(table, true, 3, "c2", 4, "d");  // 3 changes, 4 stays, 2 goes

        TableScan.Plan plan = skipping.plan();
        assertThat(plan.snapshotId()).isEqualTo(3L);
        assertThat(read(table, plan)).containsExactly("+I 4 d");
        assertThat(skipping.plan().snapshotId()).isNull();
        assertThat(skipping.checkpoint()).isEqualTo(5L);

        plan = diffing.plan();
        assertThat(plan.snapshotId()).isEqualTo(2L);
        assertThat(plan.splits()).allSatisfy(split -> assertThat(((DataSplit) split).kind()).isEqualTo(DataSplit.Kind.OVERWRITE));
        assertThat(read(reading, plan)).containsExactly("-D 1 a", "+I 3 c");
        assertThat(read(reading, diffing.plan())).containsExactly("+I 4 d");
        assertThat(read(reading, diffing.plan())).containsExactly("-D 2 b", "-D 3 c", "+I 3 c2");
        assertThat(diffing.plan().snapshotId()).isNull();
    }

    @Test
    void tablesWithoutKeyStreamTheirNewRows() throws IOException {
        FileStoreTable table = create("log", false).copy(Map.of("streaming-read-overwrite", "true"));
        DataStreamTableScan scan = table.copy(Map.of("scan.mode", "latest")).newReadBuilder().newStreamScan();
        assertThat(scan.plan().snapshotId()).isNull();
        assertThat(scan.checkpoint()).isEqualTo(1L);
        commit(table, false, 1, "a", 1, "a");
        commit(table, false, 2, "b");
        assertThat(read(table, scan.plan())).containsExactly("+I 1 a", "+I 1 a");
        assertThat(read(table, scan.plan())).containsExactly("+I 2 b");
        commit(table, true, 3, "c");
        List<String> overwrite = read(table, scan.plan());
        assertThat(overwrite).containsExactlyInAnyOrder("-D 1 a", "-D 1 a", "-D 2 b", "+I 3 c");
        assertThat(overwrite.get(overwrite.size() - 1)).isEqualTo("+I 3 c");
    }

    @Test
    void positionsRestoreAndConsumersResume() throws IOException {
        FileStoreTable table = create("c", true);
        FileStoreTable consuming = table.copy(Map.of("consumer-id", "job-1"));
        DataStreamTableScan scan = consuming.newReadBuilder().newStreamScan();
        assertThat(scan.checkpoint()).as("nothing planned yet").isNull();
        assertThat(scan.plan().snapshotId()).as("an empty table").isNull();
        commit(table, false, 1, "a");
        commit(table, false, 1, null, 2, "b");
        assertThat(read(table, scan.plan())).containsExactly("+I 1 a");
        long afterFirst = scan.checkpoint();
        assertThat(afterFirst).isEqualTo(2L);
        scan.notifyCheckpointComplete(afterFirst);
        assertThat(new ConsumerManager(table.fileIO(), table.location()).consumer("job-1").orElseThrow().nextSnapshot()).isEqualTo(2L);
        assertThat(read(table, scan.plan())).containsExactly("-D 1 null", "+I 2 b");

        // A restart with no state of its own resumes at the consumer's position, with no full read.
        DataStreamTableScan resumed = consuming.newReadBuilder().newStreamScan();
        assertThat(read(table, resumed.plan())).containsExactly("-D 1 null", "+I 2 b");
        // A restart from the engine's state wins over the consumer.
        DataStreamTableScan restored = consuming.newReadBuilder().newStreamScan();
        restored.restore(3L);
        assertThat(restored.plan().snapshotId()).isNull();
        // Without a consumer id nothing is recorded, and a fresh scan starts per scan.mode.
        DataStreamTableScan anonymous = table.newReadBuilder().newStreamScan();
        anonymous.notifyCheckpointComplete(7L);
        assertThat(new ConsumerManager(table.fileIO(), table.location()).consumers()).containsOnlyKeys("job-1");
        TableScan.Plan full = anonymous.plan();
        assertThat(full.snapshotId()).isEqualTo(2L);
        assertThat(read(table, full)).containsExactly("+I 2 b");
    }
}
