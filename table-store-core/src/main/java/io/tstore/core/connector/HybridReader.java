package io.tstore.core.connector;

import io.tstore.core.data.InternalRow;
import io.tstore.core.log.LogFallback;
import io.tstore.core.log.LogOffsetLostException;
import io.tstore.core.log.LogReader;
import io.tstore.core.log.LogRecord;
import io.tstore.core.log.LogStore;
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
 * <p>This is the engine-neutral form of the streaming read with a log; where it starts is {@link LogStart}'s, which
 * engines' sources share (the Flink source splits the same steps across its enumerator and readers). Not
 * thread-safe.
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
        return start(table, log, LogStart.atSnapshot(table, log, table.snapshotManager().snapshot(snapshotId)));
    }

    /** The files of the latest snapshot, then the log from its offsets; the whole log when there is no snapshot. */
    public static HybridReader fromLatestSnapshot(FileStoreTable table, LogStore log) throws IOException {
        return start(table, log, LogStart.atLatestSnapshot(table, log));
    }

    /** The log from a {@link #position()} of an earlier reader: a restart that continues exactly there. */
    public static HybridReader fromPosition(FileStoreTable table, LogStore log, Map<Integer, Long> position) throws IOException {
        return start(table, log, LogStart.atPosition(table, log, position));
    }

    /** The log from the first record at or after a time, found with the log's timestamp index; no files. */
    public static HybridReader fromTimestamp(FileStoreTable table, LogStore log, long timestampMillis) throws IOException {
        return start(table, log, LogStart.atTimestamp(table, log, timestampMillis));
    }

    /**
     * Where the table's scan options say ({@link LogStart#fromScanOptions}), as an engine's streaming read starts;
     * null while the snapshot a start from snapshot N needs is not committed yet.
     */
    public static HybridReader fromScanOptions(FileStoreTable table, LogStore log) throws IOException {
        LogFallback.Start start = LogStart.fromScanOptions(table, log);
        return start == null ? null : start(table, log, start);
    }

    private static HybridReader start(FileStoreTable table, LogStore log, LogFallback.Start start) throws IOException {
        HybridReader reader = new HybridReader(table, log);
        reader.startAt(start);
        return reader;
    }

    private void startAt(LogFallback.Start start) throws IOException {
        if (start.snapshot() != null) {
            readFiles(start.snapshot());
        }
        logStart = start.logOffsets();
    }

    private void fallBack(String why) throws IOException {
        closeLogReader();
        startAt(LogFallback.fallBack(table, log, why, null));
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
