package io.tstore.core.log;

import io.tstore.core.snapshot.Snapshot;
import io.tstore.core.table.FileStoreTable;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What a reader of a table's log does when the log no longer holds what it needs (retention deleted it): the
 * checks that find out, and the fall-back to the files (the latest snapshot in full, then the log from that
 * snapshot's offsets), with the warning that says so. Shared by every reader of the log (the connector layer's
 * {@code LogStart} and {@code HybridReader}, the engines' sources), for all of a table's buckets or for the share of
 * them one parallel reader reads.
 */
public final class LogFallback {
    private static final Logger LOG = LoggerFactory.getLogger(LogFallback.class);

    private LogFallback() {}

    /**
     * Where to continue after a fall-back: the files of {@code snapshot} (null when the table has no snapshot), then
     * the log from {@code logOffsets} (a bucket without an offset from the log's start).
     */
    public record Start(Snapshot snapshot, Map<Integer, Long> logOffsets) {
        public Start {
            logOffsets = Map.copyOf(logOffsets);
        }
    }

    /** The log offsets a snapshot ends at, per bucket; empty for a snapshot of a table that had no log then. */
    public static Map<Integer, Long> offsetsOf(Snapshot snapshot) {
        return snapshot == null || snapshot.logOffsets() == null ? Map.of() : snapshot.logOffsets();
    }

    /**
     * Describes the buckets (of {@code buckets}, or all when null) whose needed offset the log no longer holds, or
     * returns null when it holds all. A bucket without an offset in {@code needed} needs the log's start (offset 0).
     */
    public static String lost(LogStore log, Map<Integer, Long> needed, Set<Integer> buckets) throws IOException {
        Map<Integer, Long> earliest = log.earliestOffsets();
        List<String> lost = new ArrayList<>();
        for (Map.Entry<Integer, Long> entry : new TreeMap<>(earliest).entrySet()) {
            if (buckets != null && !buckets.contains(entry.getKey())) {
                continue;
            }
            long offset = needed.getOrDefault(entry.getKey(), 0L);
            if (offset < entry.getValue()) {
                lost.add(String.format("bucket %d needs offset %d but the log starts at %d", entry.getKey(), offset, entry.getValue()));
            }
        }
        return lost.isEmpty() ? null : String.join("; ", lost);
    }

    /**
     * For a start from a time whose offsets came from the log's timestamp index ({@link LogStore#offsetsForTimestamp}):
     * describes the buckets where retention may have deleted records at or after the time, or returns null. The
     * index lands on the first record the log still holds when the records before it were deleted, and some of
     * those may have been later than the time.
     */
    public static String lostSince(LogStore log, Map<Integer, Long> offsetsForTimestamp, long timestampMillis) throws IOException {
        Map<Integer, Long> earliest = log.earliestOffsets();
        Map<Integer, Long> maybeLost = new TreeMap<>();
        for (Map.Entry<Integer, Long> entry : offsetsForTimestamp.entrySet()) {
            long first = earliest.getOrDefault(entry.getKey(), 0L);
            if (first > 0 && entry.getValue() <= first) {
                maybeLost.put(entry.getKey(), first);
            }
        }
        return maybeLost.isEmpty()
                ? null
                : String.format("the log no longer holds the records from time %d of bucket(s) %s: it starts at offsets %s",
                        timestampMillis, maybeLost.keySet(), maybeLost);
    }

    /**
     * Falls back to the files: the latest snapshot, and its log offsets for {@code buckets} (all when null). Logs a
     * warning naming the table, {@code why} (the buckets and offsets that were needed), and where reading goes on.
     * When the log does not hold the latest snapshot's offsets either, reading goes on from where the log starts,
     * and the warning says that changes are missing.
     */
    public static Start fallBack(FileStoreTable table, LogStore log, String why, Set<Integer> buckets) throws IOException {
        String scope = buckets == null ? "" : " (bucket(s) " + new TreeSet<>(buckets) + ")";
        Snapshot latest = table.snapshotManager().latestSnapshot();
        if (latest == null) {
            LOG.warn("Table {}: {}; the table has no snapshot to fall back to, reading {}{} from its start: changes that "
                    + "retention deleted are missing", table.name(), why, log.describe(), scope);
            return new Start(null, Map.of());
        }
        Map<Integer, Long> offsets = new TreeMap<>(offsetsOf(latest));
        if (buckets != null) {
            offsets.keySet().retainAll(buckets);
        }
        String stillLost = lost(log, offsets, buckets);
        if (stillLost != null) {
            LOG.warn("Table {}: {}; falling back to the files of the latest snapshot {}{}, but the log does not hold its "
                    + "offsets either ({}): changes between them and the log's start are missing. Make log.retention "
                    + "longer than the time between commits.", table.name(), why, latest.id(), scope, stillLost);
            for (Map.Entry<Integer, Long> first : log.earliestOffsets().entrySet()) {
                if (buckets == null || buckets.contains(first.getKey())) {
                    offsets.merge(first.getKey(), first.getValue(), Math::max);
                }
            }
        } else {
            LOG.warn("Table {}: {}; falling back to the files: reading snapshot {}{} in full and continuing from its log "
                    + "offsets {}", table.name(), why, latest.id(), scope, offsets);
        }
        return new Start(latest, offsets);
    }
}
