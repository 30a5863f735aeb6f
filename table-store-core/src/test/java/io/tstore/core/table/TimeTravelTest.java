package io.tstore.core.table;

import io.tstore.core.catalog.FileSystemCatalog;
import io.tstore.core.data.BinaryString;
import io.tstore.core.data.GenericRow;
import io.tstore.core.data.InternalRow;
import io.tstore.core.fs.Path;
import io.tstore.core.schema.Schema;
import io.tstore.core.snapshot.CommitKind;
import io.tstore.core.snapshot.Snapshot;
import io.tstore.core.types.DataTypes;
import io.tstore.lsm.RowKind;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Batch reads of older versions of a table (scan.snapshot-id, scan.timestamp-millis, scan.tag-name, the scan
 * modes) against a model of the table at every snapshot, what happens when the snapshot a read needs has expired,
 * and the errors for scan options that make no sense.
 */
class TimeTravelTest {
    @TempDir
    java.nio.file.Path warehouse;

    private FileStoreTable table;
    /** The model's rows (k -> v) at each snapshot. */
    private final Map<Long, Map<Long, String>> rowsAt = new HashMap<>();

    @BeforeEach
    void writeHistory() throws IOException {
        FileSystemCatalog catalog = FileSystemCatalog.create(warehouse.toString(), Map.of());
        catalog.createDatabase("db", true);
        Identifier id = Identifier.of("db", "history");
        catalog.createTable(id, Schema.newBuilder()
                .column("k", DataTypes.BIGINT().notNull())
                .column("v", DataTypes.STRING())
                .primaryKey("k")
                .option("bucket", "2")
                .option("num-sorted-run.compaction-trigger", "2")
                .build(), false);
        table = catalog.getTable(id);
        Random random = new Random(7);
        Map<Long, String> model = new TreeMap<>();
        TableCommit commit = table.newCommit("history");
        for (int c = 1; c <= 12; c++) {
            try (TableWrite write = table.newWrite(false)) {
                for (int i = 0; i < 20; i++) {
                    long k = random.nextInt(30);
                    if (random.nextInt(5) == 0) {
                        GenericRow row = GenericRow.of(k, null);
                        row.setRowKind(RowKind.DELETE);
                        write.write(row);
                        model.remove(k);
                    } else {
                        String v = "c" + c + "-" + i;
                        write.write(GenericRow.of(k, BinaryString.fromString(v)));
                        model.put(k, v);
                    }
                }
                if (c % 4 == 0) {
                    write.compact(io.tstore.core.data.BinaryRow.EMPTY_ROW, 0, true);
                }
                commit.commit(c, write.prepareCommit(true));
            }
            long latest = table.snapshotManager().latestSnapshotId().getAsLong();
            for (long s = 1; s <= latest; s++) {
                rowsAt.putIfAbsent(s, new TreeMap<>(model));
            }
        }
        assertThat(table.snapshotManager().snapshots().stream().map(Snapshot::commitKind)).contains(CommitKind.COMPACT);
    }

    @Test
    void readsEverySnapshotById() throws IOException {
        for (long s : rowsAt.keySet()) {
            assertThat(read(table.newReadBuilder().withSnapshot(s))).as("withSnapshot(%d)", s).isEqualTo(rowsAt.get(s));
            assertThat(read(Map.of("scan.snapshot-id", String.valueOf(s)))).as("scan.snapshot-id %d", s).isEqualTo(rowsAt.get(s));
            assertThat(read(Map.of("scan.mode", "from-snapshot-full", "scan.snapshot-id", String.valueOf(s))))
                    .as("from-snapshot-full %d", s).isEqualTo(rowsAt.get(s));
            assertThat(read(Map.of("scan.mode", "from-snapshot", "scan.snapshot-id", String.valueOf(s))))
                    .as("from-snapshot %d", s).isEqualTo(rowsAt.get(s));
        }
        long latest = table.snapshotManager().latestSnapshotId().getAsLong();
        for (String mode : new String[] {"default", "latest-full", "full", "latest"}) {
            assertThat(read(Map.of("scan.mode", mode))).as(mode).isEqualTo(rowsAt.get(latest));
        }
    }

    @Test
    void readsTheLatestSnapshotAtOrBeforeATime() throws IOException {
        List<Snapshot> snapshots = table.snapshotManager().snapshots();
        for (Snapshot snapshot : snapshots) {
            for (long time : new long[] {snapshot.timeMillis() - 1, snapshot.timeMillis(), snapshot.timeMillis() + 1}) {
                long expected = snapshots.stream().filter(s -> s.timeMillis() <= time).mapToLong(Snapshot::id).max().orElse(0);
                Map<Long, String> rows = read(Map.of("scan.timestamp-millis", String.valueOf(time)));
                assertThat(rows).as("scan.timestamp-millis %d", time).isEqualTo(expected == 0 ? Map.of() : rowsAt.get(expected));
                assertThat(read(Map.of("scan.mode", "from-timestamp", "scan.timestamp-millis", String.valueOf(time))))
                        .isEqualTo(rows);
            }
        }
    }

    @Test
    void compactedFullReadsTheLatestCompactSnapshot() throws IOException {
        long compacted = table.snapshotManager().snapshots().stream()
                .filter(s -> s.commitKind() == CommitKind.COMPACT).mapToLong(Snapshot::id).max().getAsLong();
        TableScan.Plan plan = table.copy(Map.of("scan.mode", "compacted-full")).newReadBuilder().newScan().plan();
        assertThat(plan.snapshotId()).isEqualTo(compacted);
        assertThat(read(Map.of("scan.mode", "compacted-full"))).isEqualTo(rowsAt.get(compacted));
    }

    @Test
    void readsATagAfterItsSnapshotExpired() throws IOException {
        Snapshot tagged = table.snapshotManager().snapshot(3);
        table.fileIO().writeUtf8(new Path(new Path(table.location(), "tag"), "tag-v3"), tagged.toJson(), false);
        assertThat(read(Map.of("scan.tag-name", "v3"))).isEqualTo(rowsAt.get(3L));

        // Expire snapshots 1 to 3 the way expiry does for a tagged snapshot: the snapshot files go, the files stay.
        for (long s = 1; s <= 3; s++) {
            table.fileIO().delete(table.snapshotManager().snapshotPath(s), false);
        }
        assertThat(read(Map.of("scan.tag-name", "v3"))).isEqualTo(rowsAt.get(3L));
        // A streaming read of the tag reads it in full, then follows from snapshot 4.
        DataStreamTableScan stream = table.copy(Map.of("scan.tag-name", "v3")).newReadBuilder().newStreamScan();
        assertThat(stream.plan().snapshotId()).isEqualTo(3L);
        assertThat(stream.checkpoint()).isEqualTo(4L);

        assertThatThrownBy(() -> read(Map.of("scan.snapshot-id", "2")))
                .hasMessageContaining("db.history").hasMessageContaining("snapshot 2").hasMessageContaining("scan.snapshot-id");
        assertThatThrownBy(() -> read(table.newReadBuilder().withSnapshot(1)))
                .hasMessageContaining("db.history").hasMessageContaining("snapshot 1");
        assertThatThrownBy(() -> table.copy(Map.of("scan.snapshot-id", "2")).newReadBuilder().newStreamScan().plan())
                .hasMessageContaining("db.history").hasMessageContaining("snapshot 2");
        long earliestTime = table.snapshotManager().snapshot(4).timeMillis();
        assertThatThrownBy(() -> read(Map.of("scan.timestamp-millis", String.valueOf(earliestTime - 100_000))))
                .hasMessageContaining("db.history").hasMessageContaining("scan.timestamp-millis");

        // A streaming reader whose next snapshot expires under it is told so.
        DataStreamTableScan behind = table.newReadBuilder().newStreamScan();
        behind.restore(2L);
        assertThatThrownBy(behind::plan).hasMessageContaining("db.history").hasMessageContaining("snapshot 2")
                .hasMessageContaining("expired").hasMessageContaining("consumer-id");
        assertThatThrownBy(() -> read(Map.of("scan.tag-name", "v9")))
                .hasMessageContaining("db.history").hasMessageContaining("'v9'").hasMessageContaining("scan.tag-name");
    }

    @Test
    void badScanOptionsAreErrorsNamingTheOption() {
        assertThatThrownBy(() -> table.copy(Map.of("scan.mode", "newest")))
                .hasMessageContaining("scan.mode").hasMessageContaining("newest");
        assertThatThrownBy(() -> table.copy(Map.of("scan.snapshot-id", "x")))
                .hasMessageContaining("scan.snapshot-id").hasMessageContaining("'x'");
        assertBothScansFail(Map.of("scan.mode", "from-snapshot"), "'scan.snapshot-id'");
        assertBothScansFail(Map.of("scan.mode", "from-snapshot-full"), "'scan.snapshot-id'");
        assertBothScansFail(Map.of("scan.mode", "from-timestamp"), "'scan.timestamp-millis'");
        assertBothScansFail(Map.of("scan.mode", "from-timestamp", "scan.snapshot-id", "2"), "'scan.timestamp-millis'");
        assertBothScansFail(Map.of("scan.snapshot-id", "2", "scan.timestamp-millis", "5"), "'scan.snapshot-id' and 'scan.timestamp-millis'");
        assertBothScansFail(Map.of("scan.snapshot-id", "2", "scan.tag-name", "t"), "'scan.snapshot-id' and 'scan.tag-name'");
        assertBothScansFail(Map.of("scan.mode", "latest", "scan.snapshot-id", "2"), "'scan.snapshot-id'");
        assertBothScansFail(Map.of("scan.mode", "latest-full", "scan.timestamp-millis", "2"), "'scan.timestamp-millis'");
        assertBothScansFail(Map.of("scan.snapshot-id", "0"), "'scan.snapshot-id'");
        assertBothScansFail(Map.of("scan.tag-name", "../escape"), "'scan.tag-name'");
        assertThatThrownBy(() -> table.copy(Map.of("consumer-id", "a/b")).newReadBuilder().newStreamScan())
                .hasMessageContaining("db.history").hasMessageContaining("consumer-id").hasMessageContaining("a/b");
        assertThatThrownBy(() -> read(Map.of("scan.snapshot-id", "99")))
                .hasMessageContaining("db.history").hasMessageContaining("snapshot 99").hasMessageContaining("scan.snapshot-id");
        assertThatThrownBy(() -> table.copy(Map.of("scan.mode", "from-snapshot-full", "scan.snapshot-id", "99"))
                .newReadBuilder().newStreamScan().plan())
                .hasMessageContaining("db.history").hasMessageContaining("snapshot 99");
    }

    private void assertBothScansFail(Map<String, String> options, String named) {
        FileStoreTable withOptions = table.copy(options);
        assertThatThrownBy(() -> withOptions.newReadBuilder().newScan()).as("batch scan with %s", options)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("db.history").hasMessageContaining(named);
        assertThatThrownBy(() -> withOptions.newReadBuilder().newStreamScan()).as("streaming scan with %s", options)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("db.history").hasMessageContaining(named);
    }

    private Map<Long, String> read(Map<String, String> options) throws IOException {
        return read(table.copy(options).newReadBuilder());
    }

    private static Map<Long, String> read(ReadBuilder builder) throws IOException {
        Map<Long, String> rows = new TreeMap<>();
        List<InternalRow> all = new ArrayList<>(builder.readAll());
        for (InternalRow row : all) {
            assertThat(row.getRowKind()).isEqualTo(RowKind.INSERT);
            rows.put(row.getLong(0), row.isNullAt(1) ? null : row.getString(1).toString());
        }
        assertThat(rows).hasSize(all.size());
        return rows;
    }
}
