package io.tstore.core.connector;

import io.tstore.core.catalog.FileSystemCatalog;
import io.tstore.core.data.GenericRow;
import io.tstore.core.log.LogFallback;
import io.tstore.core.log.LogReader;
import io.tstore.core.log.LogStore;
import io.tstore.core.log.LogWriter;
import io.tstore.core.log.PreparedLogCommit;
import io.tstore.core.log.TwoPhaseLogWriter;
import io.tstore.core.schema.Schema;
import io.tstore.core.table.FileStoreTable;
import io.tstore.core.table.Identifier;
import io.tstore.core.table.TableCommit;
import io.tstore.core.table.TableWrite;
import io.tstore.core.types.DataTypes;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntPredicate;

import static org.assertj.core.api.Assertions.assertThat;

/** Where a streaming read over the log starts, per scan mode, and its fall-back when the log lost what it needs. */
class LogStartTest {
    @TempDir
    Path warehouse;

    private FileStoreTable table;
    private final FakeLog log = new FakeLog();

    @BeforeEach
    void createTable() throws Exception {
        FileSystemCatalog catalog = FileSystemCatalog.create(warehouse.toString(), Map.of());
        catalog.createDatabase("db", true);
        catalog.createTable(Identifier.of("db", "t"), Schema.newBuilder()
                .column("k", DataTypes.INT().notNull())
                .primaryKey("k")
                .option("bucket", "2")
                .build(), false);
        table = catalog.getTable(Identifier.of("db", "t"));
        TableCommit commit = table.newCommit("test");
        for (int c = 1; c <= 2; c++) {
            try (TableWrite write = table.newWrite(false)) {
                write.write(GenericRow.of(c));
                commit.commit(c, write.prepareCommit(true));
            }
        }
        log.earliest.put(0, 0L);
        log.earliest.put(1, 0L);
    }

    private LogFallback.Start start(Map<String, String> options) throws Exception {
        return LogStart.fromScanOptions(table.copy(options), log);
    }

    @Test
    void scanModesChooseFilesAndOffsets() throws Exception {
        LogFallback.Start latestFull = start(Map.of("scan.mode", "latest-full"));
        assertThat(latestFull.snapshot().id()).isEqualTo(2);
        assertThat(latestFull.logOffsets()).isEmpty();

        LogFallback.Start fromSnapshotFull = start(Map.of("scan.mode", "from-snapshot-full", "scan.snapshot-id", "1"));
        assertThat(fromSnapshotFull.snapshot().id()).isEqualTo(1);

        LogFallback.Start changesFrom2 = start(Map.of("scan.mode", "from-snapshot", "scan.snapshot-id", "2"));
        assertThat(changesFrom2.snapshot()).isNull();

        // Snapshot 3's changes start at the offsets of snapshot 2... which exists: no wait.
        assertThat(start(Map.of("scan.mode", "from-snapshot", "scan.snapshot-id", "3"))).isNotNull();
        // Snapshot 4's start needs snapshot 3, not committed yet: wait.
        assertThat(start(Map.of("scan.mode", "from-snapshot", "scan.snapshot-id", "4"))).isNull();

        log.forTimestamp.put(0, 7L);
        log.forTimestamp.put(1, 9L);
        LogFallback.Start fromTime = start(Map.of("scan.mode", "from-timestamp", "scan.timestamp-millis", "1000"));
        assertThat(fromTime.snapshot()).isNull();
        assertThat(fromTime.logOffsets()).isEqualTo(Map.of(0, 7L, 1, 9L));
    }

    @Test
    void aLostStartFallsBackToTheLatestSnapshot() throws Exception {
        log.earliest.put(1, 4L); // retention deleted offsets 0 to 3 of bucket 1
        LogFallback.Start start = start(Map.of("scan.mode", "latest"));
        assertThat(start.snapshot().id()).isEqualTo(2);
        // The latest snapshot's offsets (none: from the start) are lost too: go on from where the log starts.
        assertThat(start.logOffsets()).containsEntry(1, 4L);
        LogFallback.Start position = LogStart.atPosition(table, log, Map.of(0, 2L, 1, 5L));
        assertThat(position.snapshot()).isNull();
        assertThat(position.logOffsets()).isEqualTo(Map.of(0, 2L, 1, 5L));
    }

    /** Offsets only: what the starts look at. */
    private static final class FakeLog implements LogStore {
        final Map<Integer, Long> earliest = new HashMap<>();
        final Map<Integer, Long> forTimestamp = new HashMap<>();

        @Override
        public String describe() {
            return "fake log";
        }

        @Override
        public void createLog() {}

        @Override
        public void dropLog() {}

        @Override
        public LogWriter newWriter(String commitUser, IntPredicate ownedBuckets) {
            throw new UnsupportedOperationException();
        }

        @Override
        public TwoPhaseLogWriter newTwoPhaseWriter(String commitUser, IntPredicate ownedBuckets, List<PreparedLogCommit> restored) {
            throw new UnsupportedOperationException();
        }

        @Override
        public LogReader newReader(Map<Integer, Long> startOffsets) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Map<Integer, Long> earliestOffsets() {
            return Map.copyOf(earliest);
        }

        @Override
        public Map<Integer, Long> latestOffsets() {
            return Map.of(0, 10L, 1, 10L);
        }

        @Override
        public Map<Integer, Long> offsetsForTimestamp(long timestampMillis) {
            return Map.copyOf(forTimestamp);
        }

        @Override
        public void close() {}
    }
}
