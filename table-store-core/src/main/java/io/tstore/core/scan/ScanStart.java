package io.tstore.core.scan;

import io.tstore.core.fs.Path;
import io.tstore.core.fs.TableFileErrors;
import io.tstore.core.options.ScanMode;
import io.tstore.core.options.ScanOptions;
import io.tstore.core.snapshot.CommitKind;
import io.tstore.core.snapshot.Snapshot;
import io.tstore.core.snapshot.SnapshotManager;
import io.tstore.options.Options;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

import static java.util.Objects.requireNonNull;

/**
 * Where a read starts, from the scan options ({@link ScanOptions}): the snapshot a batch read reads (time
 * travel), and what a streaming read reads first. The options are checked together: a mode with the option it
 * needs, and at most one of {@code scan.snapshot-id}, {@code scan.timestamp-millis} and {@code scan.tag-name};
 * errors name the table and the options.
 */
public final class ScanStart {
    private final String table;
    private final SnapshotManager snapshots;
    private final ScanMode mode;
    private final Long snapshotId;
    private final Long timestampMillis;
    private final String tagName;

    /** What a streaming read does first. */
    public sealed interface StreamingStart {}

    /** Read this snapshot in full, then follow the snapshots after it. */
    public record ReadFull(Snapshot snapshot) implements StreamingStart {}

    /** Read nothing in full; follow the changes from this snapshot on (it may not exist yet). */
    public record Follow(long nextSnapshotId) implements StreamingStart {}

    private ScanStart(String table, SnapshotManager snapshots, Options options) {
        this.table = requireNonNull(table, "table is null");
        this.snapshots = requireNonNull(snapshots, "snapshots is null");
        this.snapshotId = options.get(ScanOptions.SCAN_SNAPSHOT_ID);
        this.timestampMillis = options.get(ScanOptions.SCAN_TIMESTAMP_MILLIS);
        this.tagName = options.get(ScanOptions.SCAN_TAG_NAME);
        this.mode = resolveMode(options.get(ScanOptions.SCAN_MODE));
    }

    /** Checks the scan options of a table; fails with an error naming the table and the options. */
    public static ScanStart of(String table, SnapshotManager snapshots, Options options) {
        return new ScanStart(table, snapshots, options);
    }

    /** The mode, {@link ScanMode#DEFAULT} resolved from the other options. */
    public ScanMode mode() {
        return mode;
    }

    private ScanMode resolveMode(ScanMode configured) {
        List<String> pointsInTime = new ArrayList<>();
        if (snapshotId != null) {
            pointsInTime.add(ScanOptions.SCAN_SNAPSHOT_ID.key());
            if (snapshotId < 1) {
                throw error("option '%s' must be a snapshot id of at least 1, got %d", ScanOptions.SCAN_SNAPSHOT_ID.key(), snapshotId);
            }
        }
        if (timestampMillis != null) {
            pointsInTime.add(ScanOptions.SCAN_TIMESTAMP_MILLIS.key());
        }
        if (tagName != null) {
            pointsInTime.add(ScanOptions.SCAN_TAG_NAME.key());
            checkTagName(tagName);
        }
        if (pointsInTime.size() > 1) {
            throw error("options %s conflict: a read starts at one point, so set only one of them",
                    String.join(" and ", pointsInTime.stream().map(k -> "'" + k + "'").toList()));
        }
        String given = pointsInTime.isEmpty() ? null : pointsInTime.get(0);
        switch (configured) {
            case DEFAULT:
                if (snapshotId != null) {
                    return ScanMode.FROM_SNAPSHOT;
                }
                if (timestampMillis != null) {
                    return ScanMode.FROM_TIMESTAMP;
                }
                return tagName != null ? ScanMode.FROM_SNAPSHOT_FULL : ScanMode.LATEST_FULL;
            case LATEST_FULL, FULL, LATEST, COMPACTED_FULL:
                if (given != null) {
                    throw error("option '%s' cannot be used with '%s' = '%s', which starts at the latest snapshot; "
                            + "remove it, or use scan.mode %s", given, ScanOptions.SCAN_MODE.key(), configured,
                            given.equals(ScanOptions.SCAN_TIMESTAMP_MILLIS.key()) ? "'from-timestamp'" : "'from-snapshot' or 'from-snapshot-full'");
                }
                return configured == ScanMode.FULL ? ScanMode.LATEST_FULL : configured;
            case FROM_SNAPSHOT, FROM_SNAPSHOT_FULL:
                if (snapshotId == null && tagName == null) {
                    throw error("'%s' = '%s' needs option '%s' (or '%s')", ScanOptions.SCAN_MODE.key(), configured,
                            ScanOptions.SCAN_SNAPSHOT_ID.key(), ScanOptions.SCAN_TAG_NAME.key());
                }
                if (timestampMillis != null) {
                    throw error("option '%s' cannot be used with '%s' = '%s'; use '%s'",
                            ScanOptions.SCAN_TIMESTAMP_MILLIS.key(), ScanOptions.SCAN_MODE.key(), configured, ScanOptions.SCAN_SNAPSHOT_ID.key());
                }
                return configured;
            case FROM_TIMESTAMP:
                if (timestampMillis == null) {
                    throw error("'%s' = '%s' needs option '%s'", ScanOptions.SCAN_MODE.key(), configured,
                            ScanOptions.SCAN_TIMESTAMP_MILLIS.key());
                }
                return configured;
            default:
                throw new IllegalStateException("unknown scan mode " + configured);
        }
    }

    /** The snapshot a batch read reads, or null when the table had no data at that point. */
    public Snapshot batchSnapshot() throws IOException {
        return switch (mode) {
            case LATEST_FULL, LATEST -> snapshots.latestSnapshot();
            case COMPACTED_FULL -> latestCompacted();
            case FROM_SNAPSHOT, FROM_SNAPSHOT_FULL -> tagName != null ? tagSnapshot() : existingSnapshot(snapshotId);
            case FROM_TIMESTAMP -> {
                Snapshot atOrBefore = latestAtOrBefore(timestampMillis);
                if (atOrBefore == null) {
                    OptionalLong earliest = snapshots.earliestSnapshotId();
                    if (earliest.isPresent() && earliest.getAsLong() > 1) {
                        throw error("no snapshot at or before %s = %d is left: the earliest, snapshot %d, was committed at %d",
                                ScanOptions.SCAN_TIMESTAMP_MILLIS.key(), timestampMillis, earliest.getAsLong(),
                                snapshots.snapshot(earliest.getAsLong()).timeMillis());
                    }
                }
                yield atOrBefore; // null: the table had no snapshot yet at that time
            }
            default -> throw new IllegalStateException("unresolved scan mode " + mode);
        };
    }

    /** What a streaming read does first. */
    public StreamingStart streamingStart() throws IOException {
        switch (mode) {
            case LATEST_FULL, COMPACTED_FULL: {
                Snapshot start = mode == ScanMode.LATEST_FULL ? snapshots.latestSnapshot() : latestCompacted();
                return start == null ? new Follow(firstId()) : new ReadFull(start);
            }
            case LATEST: {
                OptionalLong latest = snapshots.latestSnapshotId();
                return new Follow(latest.isPresent() ? latest.getAsLong() + 1 : firstId());
            }
            case FROM_SNAPSHOT: {
                long id = tagName != null ? tagSnapshot().id() : snapshotId;
                OptionalLong earliest = snapshots.earliestSnapshotId();
                if (earliest.isPresent() && id < earliest.getAsLong()) {
                    throw missingSnapshot(id, tagName != null ? ScanOptions.SCAN_TAG_NAME.key() : ScanOptions.SCAN_SNAPSHOT_ID.key());
                }
                return new Follow(id);
            }
            case FROM_SNAPSHOT_FULL:
                return new ReadFull(tagName != null ? tagSnapshot() : existingSnapshot(snapshotId));
            case FROM_TIMESTAMP: {
                Snapshot atOrBefore = latestAtOrBefore(timestampMillis);
                return new Follow(atOrBefore != null ? atOrBefore.id() + 1 : firstId());
            }
            default:
                throw new IllegalStateException("unresolved scan mode " + mode);
        }
    }

    /** The earliest snapshot present, or 1 for a table without snapshots. */
    private long firstId() throws IOException {
        return snapshots.earliestSnapshotId().orElse(1);
    }

    private Snapshot existingSnapshot(long id) throws IOException {
        try {
            return snapshots.snapshot(id);
        } catch (FileNotFoundException e) {
            throw missingSnapshot(id, ScanOptions.SCAN_SNAPSHOT_ID.key());
        }
    }

    private IllegalArgumentException missingSnapshot(long id, String option) throws IOException {
        OptionalLong earliest = snapshots.earliestSnapshotId();
        OptionalLong latest = snapshots.latestSnapshotId();
        String present = earliest.isPresent() && latest.isPresent()
                ? "its snapshots are " + earliest.getAsLong() + " to " + latest.getAsLong()
                : "it has no snapshots";
        return error("snapshot %d (option '%s') does not exist: it expired or was never committed; %s", id, option, present);
    }

    /** The latest COMPACT snapshot, or the latest snapshot when none of those present is one. */
    private Snapshot latestCompacted() throws IOException {
        OptionalLong latest = snapshots.latestSnapshotId();
        OptionalLong earliest = snapshots.earliestSnapshotId();
        if (latest.isEmpty() || earliest.isEmpty()) {
            return null;
        }
        for (long id = latest.getAsLong(); id >= earliest.getAsLong(); id--) {
            Snapshot snapshot;
            try {
                snapshot = snapshots.snapshot(id);
            } catch (FileNotFoundException e) {
                break; // expired meanwhile; nothing older is left
            }
            if (snapshot.commitKind() == CommitKind.COMPACT) {
                return snapshot;
            }
        }
        return snapshots.snapshot(latest.getAsLong());
    }

    /**
     * The latest snapshot committed at or before the time, or null when none is. Commit times increase with ids
     * (each committer commits on top of the latest snapshot), so a binary search finds it.
     */
    public Snapshot latestAtOrBefore(long timeMillis) throws IOException {
        OptionalLong earliest = snapshots.earliestSnapshotId();
        OptionalLong latest = snapshots.latestSnapshotId();
        if (earliest.isEmpty() || latest.isEmpty()) {
            return null;
        }
        long low = earliest.getAsLong();
        long high = latest.getAsLong();
        Snapshot found = null;
        while (low <= high) {
            long mid = (low + high) >>> 1;
            Snapshot snapshot = snapshots.snapshot(mid);
            if (snapshot.timeMillis() <= timeMillis) {
                found = snapshot;
                low = mid + 1;
            } else {
                high = mid - 1;
            }
        }
        return found;
    }

    /** The snapshot a tag holds, read from {@code tag/tag-<name>}: it may have expired from {@code snapshot/}. */
    private Snapshot tagSnapshot() throws IOException {
        Path path = new Path(new Path(snapshots.tablePath(), "tag"), "tag-" + tagName);
        String json;
        try {
            json = snapshots.fileIO().readUtf8(path);
        } catch (FileNotFoundException e) {
            throw error("tag '%s' (option '%s') does not exist", tagName, ScanOptions.SCAN_TAG_NAME.key());
        }
        return TableFileErrors.reading("tag file", path, () -> Snapshot.fromJson(json));
    }

    private void checkTagName(String name) {
        if (name.isBlank() || name.contains("/") || name.contains("\\") || name.equals(".") || name.equals("..")) {
            throw error("invalid value '%s' for option '%s': a tag name is not empty and has no '/' or '\\\\' and is not '.' or '..'",
                    name, ScanOptions.SCAN_TAG_NAME.key());
        }
    }

    private IllegalArgumentException error(String format, Object... args) {
        return new IllegalArgumentException("Table " + table + ": " + String.format(format, args));
    }
}
