package io.tstore.core.connector;

import io.tstore.core.log.LogFallback;
import io.tstore.core.log.LogStore;
import io.tstore.core.options.LogOptions;
import io.tstore.core.options.ScanMode;
import io.tstore.core.options.ScanOptions;
import io.tstore.core.scan.ScanStart;
import io.tstore.core.snapshot.Snapshot;
import io.tstore.core.table.FileStoreTable;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;

import static java.util.Objects.requireNonNull;

/**
 * Where a streaming read over a table's log store starts: the files of a snapshot (or none), then the log from
 * per-bucket offsets ({@link LogFallback.Start}). The files hold exactly the changes before the offsets, so nothing
 * is seen twice or missed. Every start checks that the log still holds the offsets it needs, and falls back to the
 * latest snapshot's files and offsets (with a warning, {@link LogFallback}) when it does not. One place for every
 * reader of the log: {@link HybridReader} and the engines' sources.
 */
public final class LogStart {
    private LogStart() {}

    /**
     * The start the table's scan options choose ({@code scan.mode}):
     *
     * <ul>
     *   <li>a start with a full read (latest-full, from-snapshot-full, compacted-full, a tag): that snapshot's
     *       files, then the log from its offsets;</li>
     *   <li>a start with changes only (latest, from-snapshot N): no files, the log from the offsets of the snapshot
     *       before (N - 1);</li>
     *   <li>from-timestamp: the log from the first record at or after the time (the log's timestamp index).</li>
     * </ul>
     *
     * @return the start, or null while the snapshot a start from snapshot N needs (N - 1) is not committed yet:
     *     ask again later
     * @throws IllegalArgumentException naming the table and what to do when that snapshot has expired
     */
    public static LogFallback.Start fromScanOptions(FileStoreTable table, LogStore log) throws IOException {
        requireNonNull(table, "table is null");
        requireNonNull(log, "log is null");
        ScanStart scanStart = ScanStart.of(table.name(), table.snapshotManager(), table.options());
        if (scanStart.mode() == ScanMode.FROM_TIMESTAMP) {
            return atTimestamp(table, log, table.options().get(ScanOptions.SCAN_TIMESTAMP_MILLIS));
        }
        ScanStart.StreamingStart streamingStart = scanStart.streamingStart();
        if (streamingStart instanceof ScanStart.ReadFull full) {
            return atSnapshot(table, log, full.snapshot());
        }
        long next = ((ScanStart.Follow) streamingStart).nextSnapshotId();
        if (next <= 1) {
            return inLog(table, log, Map.of(), "a read from the log's start");
        }
        Snapshot before = snapshotBefore(table, next);
        if (before == null) {
            return null;
        }
        return inLog(table, log, LogFallback.offsetsOf(before), "a read of the changes from snapshot " + next);
    }

    /** The files of {@code snapshot}, then the log from its offsets. */
    public static LogFallback.Start atSnapshot(FileStoreTable table, LogStore log, Snapshot snapshot) throws IOException {
        requireNonNull(snapshot, "snapshot is null");
        Map<Integer, Long> offsets = LogFallback.offsetsOf(snapshot);
        String lost = LogFallback.lost(log, offsets, null);
        if (lost != null) {
            return LogFallback.fallBack(table, log, "the log no longer holds what snapshot " + snapshot.id() + " needs: " + lost, null);
        }
        return new LogFallback.Start(snapshot, offsets);
    }

    /** The latest snapshot's files and offsets; the whole log when the table has no snapshot. */
    public static LogFallback.Start atLatestSnapshot(FileStoreTable table, LogStore log) throws IOException {
        Snapshot latest = table.snapshotManager().latestSnapshot();
        return latest == null
                ? inLog(table, log, Map.of(), "the start of the log (the table has no snapshot)")
                : atSnapshot(table, log, latest);
    }

    /**
     * No files, the log from these offsets (a bucket without one from the log's start): a start from the changes
     * after a snapshot, or a restart from a reader's position. {@code what} names the start in the warning of a
     * fall-back.
     */
    public static LogFallback.Start inLog(FileStoreTable table, LogStore log, Map<Integer, Long> offsets, String what)
            throws IOException {
        String lost = LogFallback.lost(log, offsets, null);
        if (lost != null) {
            return LogFallback.fallBack(table, log, "the log no longer holds what " + what + " needs: " + lost, null);
        }
        return new LogFallback.Start(null, offsets);
    }

    /** A restart from a reader's position (the next offset per bucket). */
    public static LogFallback.Start atPosition(FileStoreTable table, LogStore log, Map<Integer, Long> position) throws IOException {
        return inLog(table, log, position, "position " + new TreeMap<>(position));
    }

    /** No files, the log from the first record at or after the time, found with the log's timestamp index. */
    public static LogFallback.Start atTimestamp(FileStoreTable table, LogStore log, long timestampMillis) throws IOException {
        Map<Integer, Long> offsets = log.offsetsForTimestamp(timestampMillis);
        String lost = LogFallback.lostSince(log, offsets, timestampMillis);
        return lost == null ? new LogFallback.Start(null, offsets) : LogFallback.fallBack(table, log, lost, null);
    }

    /** The snapshot whose log offsets the changes of snapshot {@code next} start at, or null when not committed yet. */
    private static Snapshot snapshotBefore(FileStoreTable table, long next) throws IOException {
        try {
            return table.snapshotManager().snapshot(next - 1);
        } catch (FileNotFoundException e) {
            OptionalLong earliest = table.snapshotManager().earliestSnapshotId();
            if (earliest.isPresent() && earliest.getAsLong() > next - 1) {
                throw new IllegalArgumentException(String.format(
                        "Table %s: a streaming read of the log from snapshot %d starts at the log offsets of snapshot %d, "
                                + "which has expired (the earliest left is %d); start with '%s' = 'from-snapshot-full', or "
                                + "set '%s' = 'false' to follow the snapshots", table.name(), next, next - 1,
                        earliest.getAsLong(), ScanOptions.SCAN_MODE.key(), LogOptions.LOG_SCAN_ENABLED.key()), e);
            }
            return null;
        }
    }
}
