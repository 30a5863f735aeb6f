package io.tstore.core.lifecycle;

import io.tstore.core.table.TableCompactor;

import io.tstore.core.connector.PartitionSpecs;
import io.tstore.core.data.BinaryString;
import io.tstore.core.data.GenericRow;
import io.tstore.core.data.InternalRow;
import io.tstore.core.lifecycle.LifecycleTables.Key;
import io.tstore.core.system.SystemTables;
import io.tstore.core.snapshot.Snapshot;
import io.tstore.core.table.FileStoreTable;
import io.tstore.core.table.TableWrite;
import io.tstore.core.table.TableTestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Write-only writers pile up level-0 runs without compacting or expiring; a compactor folds them and expires. */
class TableCompactorTest {
    @TempDir
    Path warehouse;

    @Test
    void writeOnlyWritersLeaveCompactionAndExpiryToTheCompactor() throws IOException {
        FileStoreTable table = LifecycleTables.create(warehouse, "write_only", Map.of(
                "write-only", "true", "bucket", "1", "num-sorted-run.stop-trigger", "3",
                "snapshot.num-retained.min", "2", "snapshot.num-retained.max", "2", "snapshot.expire.limit", "100"));
        Map<Long, Map<Key, String>> contents = LifecycleTables.commitRounds(table, 12, 10, false);
        long latest = table.snapshotManager().latestSnapshotId().getAsLong();
        assertThat(table.snapshotManager().earliestSnapshotId().getAsLong()).as("write-only writers do not expire").isEqualTo(1);
        // Every commit added level-0 files, more runs than the stop trigger, and no write waited for a compaction.
        List<InternalRow> buckets = SystemTables.load(table, SystemTables.BUCKETS).newReadBuilder().readAll();
        assertThat(buckets).allSatisfy(row -> assertThat(row.getInt(2)).as("level").isZero());
        assertThat(buckets.stream().mapToInt(row -> row.getInt(3)).max().getAsInt()).isGreaterThan(3);

        TableCompactor compactor = new TableCompactor(table, "compactor");
        assertThat(compactor.compact(true)).isPositive();
        assertThat(SystemTables.load(table, SystemTables.BUCKETS).newReadBuilder().readAll())
                .allSatisfy(row -> assertThat(row.getInt(3)).as("sorted runs").isEqualTo(1));
        long compacted = table.snapshotManager().latestSnapshotId().getAsLong();
        assertThat(compacted).isEqualTo(latest + 1);
        assertThat(table.snapshotManager().earliestSnapshotId().getAsLong()).as("the compactor expires").isEqualTo(compacted - 1);
        assertThat(LifecycleTables.read(table, compacted)).isEqualTo(contents.get(latest));
        assertThat(compactor.compact(true)).as("nothing left to compact").isZero();
        // A restarted compactor numbers its commits on from its last one.
        try (TableWrite write = table.newWrite(false)) {
            write.write(GenericRow.of(1L, BinaryString.fromString("a"), BinaryString.fromString("later")));
            table.newCommit("writer").commit(100, write.prepareCommit(true));
        }
        assertThat(new TableCompactor(table, "compactor").compact(true)).isPositive();
        Snapshot last = table.snapshotManager().latestSnapshot();
        assertThat(last.commitUser()).isEqualTo("compactor");
        assertThat(last.commitIdentifier()).isEqualTo(2);
        TableTestSupport.assertNoOrphanAndNoMissingFiles(table);
    }

    @Test
    void compactsOnlyTheBucketsOfTheSelectedPartitions() throws IOException {
        FileStoreTable table = LifecycleTables.create(warehouse, "some_partitions", Map.of("write-only", "true"));
        Map<Long, Map<Key, String>> contents = LifecycleTables.commitRounds(table, 12, 7, false);
        long latest = table.snapshotManager().latestSnapshotId().getAsLong();

        TableCompactor compactor = new TableCompactor(table, "compactor");
        assertThat(compactor.compact(true, PartitionSpecs.matcher(table, PartitionSpecs.parse(table, "p=a")))).isPositive();
        for (InternalRow bucket : SystemTables.load(table, SystemTables.BUCKETS).newReadBuilder().readAll()) {
            String partition = bucket.getString(0).toString();
            if (partition.equals("p=a")) {
                assertThat(bucket.getInt(3)).as("sorted runs of %s", partition).isEqualTo(1);
            }
        }
        assertThat(SystemTables.load(table, SystemTables.BUCKETS).newReadBuilder().readAll())
                .as("partition p=b is left as it was")
                .anySatisfy(row -> {
                    assertThat(row.getString(0).toString()).isEqualTo("p=b");
                    assertThat(row.getInt(3)).isGreaterThan(1);
                });
        assertThat(LifecycleTables.read(table, latest + 1)).isEqualTo(contents.get(latest));
        TableTestSupport.assertNoOrphanAndNoMissingFiles(table);
    }
}
