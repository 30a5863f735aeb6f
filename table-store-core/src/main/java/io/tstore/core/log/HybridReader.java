package io.tstore.core.log;

import io.tstore.core.data.InternalRow;
import io.tstore.core.snapshot.Snapshot;
import io.tstore.core.table.FileStoreTable;
import io.tstore.lsm.RecordReader;
import io.tstore.lsm.RowKind;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static java.util.Objects.requireNonNull;

/**
 * Reads a table's changes through its log store, with no engine: first the files of a snapshot (every row as +I),
 * then the log from that snapshot's offsets ({@code Snapshot.logOffsets}), so that each change is seen once, with
 * no gap between the files and the log. The start is a snapshot, a log position that an earlier reader returned
 * ({@link #position()}), or a timestamp (the log's timestamp index).
 *
 * <p>When the log no longer holds what the start needs (retention deleted it), the reader falls back to the
 * files: it reads the latest snapshot's files and continues from that snapshot's offsets, and logs a warning that
 * says so. A consumer then sees the table's state again as +I rows, which an upsert consumer absorbs.
 *
 * <p>This is the engine-neutral form of the streaming read with a log; the Flink source splits the same steps
 * across its enumerator and readers. Not thread-safe.
 */
public final class HybridReader implements AutoCloseable {
    private static final int FILE_BATCH = 4096;

    private final FileStoreTable table;
    private final LogStore log;
    private RecordReader<InternalRow> files;
    private Long filesSnapshot;
    private Map<Integer, Long> logStart;
    private LogReader logReader;

    private HybridReader(FileStoreTable table, LogStore log) {
        this.table = requireNonNull(table, "table is null");
        this.log = requireNonNull(log, "log is null");
    }

    /** The files of snapshot {@code snapshotId}, then the log from its offsets. */
    public static HybridReader fromSnapshot(FileStoreTable table, LogStore log, long snapshotId) throws IOException {
        HybridReader reader = new HybridReader(table, log);
        reader.startAt(table.snapshotManager().snapshot(snapshotId), "snapshot " + snapshotId);
        return reader;
    }

    /** The files of the latest snapshot, then the log from its offsets; the whole log when there is no snapshot. */
    public static HybridReader fromLatestSnapshot(FileStoreTable table, LogStore log) throws IOException {
        HybridReader reader = new HybridReader(table, log);
        Snapshot latest = table.snapshotManager().latestSnapshot();
        if (latest == null) {
            reader.startInLog(Map.of(), "the start of the log (the table has no snapshot)");
        } else {
            reader.startAt(latest, "snapshot " + latest.id());
        }
        return reader;
    }

    /** The log from a {@link #position()} of an earlier reader: a restart that continues exactly there. */
    public static HybridReader fromPosition(FileStoreTable table, LogStore log, Map<Integer, Long> position) throws IOException {
        HybridReader reader = new HybridReader(table, log);
        reader.startInLog(position, "position " + new TreeMap<>(position));
        return reader;
    }

    /** The log from the first record at or after a time, found with the log's timestamp index; no files. */
    public static HybridReader fromTimestamp(FileStoreTable table, LogStore log, long timestampMillis) throws IOException {
        HybridReader reader = new HybridReader(table, log);
        Map<Integer, Long> offsets = log.offsetsForTimestamp(timestampMillis);
        String lost = LogFallback.lostSince(log, offsets, timestampMillis);
        if (lost == null) {
            reader.startInLogUnchecked(offsets);
        } else {
            reader.fallBack(lost);
        }
        return reader;
    }

    private void startAt(Snapshot snapshot, String what) throws IOException {
        Map<Integer, Long> offsets = LogFallback.offsetsOf(snapshot);
        String lost = LogFallback.lost(log, offsets, null);
        if (lost != null) {
            fallBack("the log no longer holds what " + what + " needs: " + lost);
            return;
        }
        readFiles(snapshot);
        logStart = offsets;
    }

    private void startInLog(Map<Integer, Long> offsets, String what) throws IOException {
        String lost = LogFallback.lost(log, offsets, null);
        if (lost != null) {
            fallBack("the log no longer holds what " + what + " needs: " + lost);
            return;
        }
        startInLogUnchecked(offsets);
    }

    private void startInLogUnchecked(Map<Integer, Long> offsets) {
        logStart = Map.copyOf(offsets);
    }

    private void fallBack(String why) throws IOException {
        closeLogReader();
        LogFallback.Start start = LogFallback.fallBack(table, log, why, null);
        if (start.snapshot() != null) {
            readFiles(start.snapshot());
        }
        logStart = start.logOffsets();
    }

    private void readFiles(Snapshot snapshot) throws IOException {
        closeFiles();
        files = table.newReadBuilder().withSnapshot(snapshot.id()).read();
        filesSnapshot = snapshot.id();
    }

    /**
     * The next rows, with their row kinds: up to a batch of the snapshot's files while they last (+I), then the log
     * records that arrive within the timeout. Either may be empty. A batch that {@link #readingSnapshot()} announced
     * before the call holds rows of files only; any other batch holds rows of the log only.
     */
    public List<InternalRow> poll(Duration timeout) throws IOException {
        if (files != null) {
            List<InternalRow> rows = new ArrayList<>();
            InternalRow row;
            while (rows.size() < FILE_BATCH && (row = files.read()) != null) {
                row.setRowKind(RowKind.INSERT);
                rows.add(row);
            }
            if (rows.size() < FILE_BATCH) {
                closeFiles();
            }
            // A batch is all files or all log, never both: a caller can tell them apart with readingSnapshot().
            return rows;
        }
        if (logReader == null) {
            logReader = log.newReader(logStart);
        }
        List<LogRecord> records;
        try {
            records = logReader.poll(timeout);
        } catch (LogOffsetLostException e) {
            fallBack("retention deleted records at offsets " + new TreeMap<>(e.lostOffsets())
                    + " (bucket to offset) before this reader read them");
            return List.of(); // the next poll reads the files: a batch never mixes files and log
        }
        List<InternalRow> rows = new ArrayList<>(records.size());
        for (LogRecord record : records) {
            rows.add(record.row());
        }
        return rows;
    }

    /** The snapshot whose files this reader is reading, or null once they are read (or when it started in the log). */
    public Long readingSnapshot() {
        return files == null ? null : filesSnapshot;
    }

    /**
     * Where to restart: the next log offset per bucket. While the snapshot's files are being read, a restart must
     * read them again from the start, so this is null then.
     */
    public Map<Integer, Long> position() throws IOException {
        if (files != null) {
            return null;
        }
        return logReader == null ? logStart : logReader.position();
    }

    private void closeFiles() throws IOException {
        if (files != null) {
            RecordReader<InternalRow> closing = files;
            files = null;
            closing.close();
        }
    }

    private void closeLogReader() {
        if (logReader != null) {
            logReader.close();
            logReader = null;
        }
    }

    @Override
    public void close() throws IOException {
        closeLogReader();
        closeFiles();
    }
}
