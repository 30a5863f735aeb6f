package io.tstore.core.table;

import io.tstore.core.consumer.Consumer;
import io.tstore.core.consumer.ConsumerManager;
import io.tstore.core.data.BinaryRow;
import io.tstore.core.file.DataFileMeta;
import io.tstore.core.manifest.FileKind;
import io.tstore.core.manifest.ManifestEntry;
import io.tstore.core.options.ScanOptions;
import io.tstore.core.predicate.Predicate;
import io.tstore.core.scan.ChangelogSource;
import io.tstore.core.scan.FileStoreScan;
import io.tstore.core.scan.ScanStart;
import io.tstore.core.snapshot.CommitKind;
import io.tstore.core.snapshot.Snapshot;
import io.tstore.core.snapshot.SnapshotManager;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * The {@link StreamTableScan} of a data table. It starts per {@code scan.mode} ({@link ScanStart}): a full read of
 * a snapshot ({@link DataSplit.Kind#SNAPSHOT} splits, rows as +I) or none. Then it follows the snapshots one at a
 * time, each plan holding the changes of one snapshot ({@link DataSplit.Kind#CHANGES} splits, one per partition
 * and bucket, read raw with their row kinds):
 *
 * <ul>
 *   <li>APPEND and COMPACT snapshots: the files {@link ChangelogSource} says (new data files, or changelog
 *       files); a snapshot with nothing to follow is passed over;</li>
 *   <li>OVERWRITE snapshots: skipped, or with {@code streaming-read-overwrite} one
 *       {@link DataSplit.Kind#OVERWRITE} split per bucket the overwrite touched, which reads as -D of the rows it
 *       replaced and +I of the new ones, unchanged rows left out.</li>
 * </ul>
 *
 * A snapshot the scan needs that has expired is an error naming the table and the snapshot.
 */
public final class DataStreamTableScan implements StreamTableScan {
    private final FileStoreTable table;
    /** Plans full reads of snapshots, and holds the filter's partition, key and file conditions. */
    private final DataTableScan batchScan;
    private final SnapshotManager snapshots;
    private final ChangelogSource source;
    private final boolean readOverwrite;
    private final String consumerId;
    private final ConsumerManager consumers;
    private Long nextSnapshotId;
    /** The commit whose later snapshots a read started from the scan options passes over; see {@link CommitId}. */
    private CommitId startCommit;

    DataStreamTableScan(FileStoreTable table, Predicate filter) {
        this(table, filter, ChangelogSource.of(table.options(), table.hasPrimaryKey()));
    }

    /** A scan that follows the given files whatever the table's changelog producer says (for tests and tools). */
    DataStreamTableScan(FileStoreTable table, Predicate filter, ChangelogSource source) {
        this.table = requireNonNull(table, "table is null");
        this.batchScan = new DataTableScan(table, filter, null);
        this.snapshots = table.snapshotManager();
        this.source = requireNonNull(source, "source is null");
        this.readOverwrite = table.options().get(ScanOptions.STREAMING_READ_OVERWRITE);
        String id = table.options().get(ScanOptions.CONSUMER_ID);
        if (id != null) {
            try {
                ConsumerManager.checkId(id);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("Table " + table.name() + ": option '" + ScanOptions.CONSUMER_ID.key()
                        + "': " + e.getMessage(), e);
            }
        }
        this.consumerId = id;
        this.consumers = new ConsumerManager(table.fileIO(), table.location());
        // Checks the scan options now, so that bad ones fail before anything is read.
        ScanStart.of(table.name(), snapshots, table.options());
    }

    @Override
    public Plan plan() throws IOException {
        if (nextSnapshotId == null) {
            Plan full = start();
            if (full != null) {
                return full;
            }
        }
        while (true) {
            Snapshot snapshot = nextSnapshot();
            if (snapshot == null) {
                return new Plan(null, List.of());
            }
            nextSnapshotId = snapshot.id() + 1;
            if (startCommit != null && startCommit.sameCommit(snapshot)) {
                continue; // a later snapshot of the commit the read started in: its changes are before the start
            }
            List<Split> splits = changes(snapshot);
            if (!splits.isEmpty()) {
                return new Plan(snapshot.id(), splits);
            }
            // Nothing to follow in this snapshot (a COMPACT without changelog, a skipped overwrite): go on.
        }
    }

    /** Sets the position from the consumer or the scan mode; returns the full read when the mode starts with one. */
    private Plan start() throws IOException {
        if (consumerId != null) {
            Optional<Consumer> consumer = consumers.consumer(consumerId);
            if (consumer.isPresent()) {
                nextSnapshotId = consumer.get().nextSnapshot();
                return null;
            }
        }
        ScanStart.StreamingStart start = ScanStart.of(table.name(), snapshots, table.options()).streamingStart();
        if (start instanceof ScanStart.ReadFull full) {
            nextSnapshotId = full.snapshot().id() + 1;
            startCommit = CommitId.of(full.snapshot());
            return batchScan.planSnapshot(full.snapshot());
        }
        nextSnapshotId = ((ScanStart.Follow) start).nextSnapshotId();
        if (nextSnapshotId > 1) {
            try {
                startCommit = CommitId.of(snapshots.snapshot(nextSnapshotId - 1));
            } catch (FileNotFoundException e) {
                // expired: the read starts at a commit's first snapshot, or fails when it reaches an expired one
            }
        }
        return null;
    }

    /**
     * A commit makes an APPEND snapshot and then possibly a COMPACT one, and a changelog producer may put the
     * commit's changelog in either. So a read that starts within a commit (after a full read of its APPEND
     * snapshot, or from a position just after it) skips the rest of that commit: its changes are in the full
     * read, or before the start. Known only for a start from the scan options, never for a restored position,
     * which always lies after a whole snapshot that was read.
     */
    private record CommitId(String commitUser, long commitIdentifier) {
        static CommitId of(Snapshot snapshot) {
            return new CommitId(snapshot.commitUser(), snapshot.commitIdentifier());
        }

        boolean sameCommit(Snapshot snapshot) {
            return snapshot.commitIdentifier() == commitIdentifier && snapshot.commitUser().equals(commitUser);
        }
    }

    /** The snapshot at the position, or null when it is not committed yet; an error when it expired. */
    private Snapshot nextSnapshot() throws IOException {
        try {
            return snapshots.snapshot(nextSnapshotId);
        } catch (FileNotFoundException e) {
            OptionalLong earliest = snapshots.earliestSnapshotId();
            if (earliest.isPresent() && earliest.getAsLong() > nextSnapshotId) {
                throw new IllegalStateException(String.format(
                        "Table %s: snapshot %d, the next one this streaming read needs, has expired (the earliest left is %d); "
                                + "set option '%s' so that expiry keeps the snapshots a reader still needs",
                        table.name(), nextSnapshotId, earliest.getAsLong(), ScanOptions.CONSUMER_ID.key()), e);
            }
            return null;
        }
    }

    /** The splits of one snapshot's changes, in plan order. */
    private List<Split> changes(Snapshot snapshot) throws IOException {
        if (snapshot.commitKind() == CommitKind.OVERWRITE) {
            return readOverwrite ? overwrite(snapshot) : List.of();
        }
        if (!source.follows(snapshot)) {
            return List.of();
        }
        FileStoreScan scan = batchScan.fileStoreScan();
        List<ManifestEntry> entries = source == ChangelogSource.DELTA
                ? scan.readDeltaEntries(snapshot, batchScan.manifestFilter())
                : scan.readChangelogEntries(snapshot, batchScan.manifestFilter());
        java.util.function.Predicate<BinaryRow> partitions = batchScan.partitionFilter();
        java.util.function.Predicate<DataFileMeta> fileFilter = batchScan.rawFileFilter();
        Map<List<Object>, List<ManifestEntry>> byBucket = new LinkedHashMap<>();
        for (ManifestEntry entry : entries) {
            // An APPEND's delta only adds files; a DELETE (none are written today) removes nothing a reader has.
            if (entry.kind() != FileKind.ADD
                    || (partitions != null && !partitions.test(entry.partition()))
                    || (fileFilter != null && !fileFilter.test(entry.file()))) {
                continue;
            }
            byBucket.computeIfAbsent(List.of(entry.partition(), entry.bucket()), k -> new ArrayList<>()).add(entry);
        }
        List<Split> splits = new ArrayList<>();
        for (List<ManifestEntry> bucket : byBucket.values()) {
            List<DataFileMeta> bucketFiles = new ArrayList<>();
            for (ManifestEntry entry : bucket) {
                bucketFiles.add(entry.file());
            }
            if (source == ChangelogSource.DELTA) {
                // Flushes number their records upwards, so this is the order the data was written in. Changelog
                // files keep the order the writer committed them in.
                bucketFiles.sort(Comparator.comparingLong(DataFileMeta::minSequenceNumber));
            }
            ManifestEntry first = bucket.get(0);
            splits.add(new DataSplit(snapshot.id(), first.partition(), first.bucket(), first.totalBuckets(),
                    bucketFiles, List.of(), DataSplit.Kind.CHANGES));
        }
        return splits;
    }

    /** One split per bucket the overwrite touched, with the bucket's files before and after it. */
    private List<Split> overwrite(Snapshot snapshot) throws IOException {
        FileStoreScan scan = batchScan.fileStoreScan();
        java.util.function.Predicate<BinaryRow> partitions = batchScan.partitionFilter();
        Map<List<Object>, ManifestEntry> touched = new LinkedHashMap<>();
        for (ManifestEntry entry : scan.readDeltaEntries(snapshot, batchScan.manifestFilter())) {
            if (partitions == null || partitions.test(entry.partition())) {
                touched.putIfAbsent(List.of(entry.partition(), entry.bucket()), entry);
            }
        }
        if (touched.isEmpty()) {
            return List.of();
        }
        Set<BinaryRow> touchedSet = new HashSet<>();
        for (ManifestEntry entry : touched.values()) {
            touchedSet.add(entry.partition());
        }
        java.util.function.Predicate<BinaryRow> touchedPartitions = touchedSet::contains;
        Map<List<Object>, List<DataFileMeta>> before = byBucket(scan.readFilesBefore(snapshot, batchScan.manifestFilter(), touchedPartitions, batchScan.mergedFileFilter()));
        Map<List<Object>, List<ManifestEntry>> afterEntries = new LinkedHashMap<>();
        for (ManifestEntry entry : scan.readFiles(snapshot, batchScan.manifestFilter(), touchedPartitions, batchScan.mergedFileFilter())) {
            afterEntries.computeIfAbsent(List.of(entry.partition(), entry.bucket()), k -> new ArrayList<>()).add(entry);
        }
        List<Split> splits = new ArrayList<>();
        for (Map.Entry<List<Object>, ManifestEntry> bucket : touched.entrySet()) {
            List<ManifestEntry> after = afterEntries.getOrDefault(bucket.getKey(), List.of());
            List<DataFileMeta> afterFiles = new ArrayList<>();
            for (ManifestEntry entry : after) {
                afterFiles.add(entry.file());
            }
            List<DataFileMeta> beforeFiles = before.getOrDefault(bucket.getKey(), List.of());
            if (afterFiles.isEmpty() && beforeFiles.isEmpty()) {
                continue;
            }
            ManifestEntry any = after.isEmpty() ? bucket.getValue() : after.get(0);
            splits.add(new DataSplit(snapshot.id(), any.partition(), any.bucket(), any.totalBuckets(),
                    afterFiles, beforeFiles, DataSplit.Kind.OVERWRITE));
        }
        return splits;
    }

    private static Map<List<Object>, List<DataFileMeta>> byBucket(List<ManifestEntry> entries) {
        Map<List<Object>, List<DataFileMeta>> files = new LinkedHashMap<>();
        for (ManifestEntry entry : entries) {
            files.computeIfAbsent(List.of(entry.partition(), entry.bucket()), k -> new ArrayList<>()).add(entry.file());
        }
        return files;
    }

    @Override
    public Long checkpoint() {
        return nextSnapshotId;
    }

    @Override
    public void restore(Long nextSnapshotId) {
        if (nextSnapshotId != null && nextSnapshotId < 1) {
            throw new IllegalArgumentException("Table " + table.name() + ": a streaming position is a snapshot id of at least 1, got " + nextSnapshotId);
        }
        this.nextSnapshotId = nextSnapshotId;
        this.startCommit = null;
    }

    @Override
    public void notifyCheckpointComplete(Long nextSnapshot) throws IOException {
        if (consumerId != null && nextSnapshot != null) {
            consumers.resetConsumer(consumerId, new Consumer(nextSnapshot));
        }
    }

    /** The consumer id this scan records its position as, or null. */
    public String consumerId() {
        return consumerId;
    }
}
