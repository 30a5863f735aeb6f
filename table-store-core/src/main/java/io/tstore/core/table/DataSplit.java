package io.tstore.core.table;

import io.tstore.core.data.BinaryRow;
import io.tstore.core.file.DataFileMeta;

import io.tstore.core.manifest.ManifestEntry;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * The unit of reading of a data table: files of one bucket of one partition, and how to read them ({@link Kind}).
 * All files of a bucket go to one split, so that each key's versions are merged by one reader.
 *
 * <p>Streaming reads plan a sequence of splits per bucket, and a key's changes are in order only when all
 * splits of one (partition, bucket) are read by the same reader in the order they were planned:
 * {@link io.tstore.core.connector.BucketOwner#of} gives engines such an assignment.
 *
 * @param snapshotId the snapshot the split was planned from
 * @param files the files to read: the bucket's live files ({@link Kind#SNAPSHOT}), a snapshot's new data or
 *     changelog files in the order they were written ({@link Kind#CHANGES}), or the bucket's files after an
 *     overwrite ({@link Kind#OVERWRITE})
 * @param beforeFiles the bucket's files before an overwrite ({@link Kind#OVERWRITE}); empty otherwise
 */
public record DataSplit(
        long snapshotId,
        BinaryRow partition,
        int bucket,
        int totalBuckets,
        List<DataFileMeta> files,
        List<DataFileMeta> beforeFiles,
        Kind kind) implements Split {

    /** How the files of a split are read. */
    public enum Kind {
        /** The rows of a snapshot: the files merged per key, deletes dropped, every row +I. */
        SNAPSHOT,
        /**
         * Changes, read raw: each record of each file, in file order, with its own row kind (+I, -U, +U, -D) and
         * without merging. Files of one bucket hold a key's records in sequence order.
         */
        CHANGES,
        /**
         * What an overwrite changed: {@code beforeFiles} and {@code files} are each merged per key, and each key
         * gives -D of its row before (when it had one and the row changed or went) and +I of its row after (when
         * it has one and the row is new or changed). Unchanged rows give nothing.
         */
        OVERWRITE
    }

    public DataSplit {
        requireNonNull(partition, "partition is null");
        requireNonNull(kind, "kind is null");
        files = List.copyOf(files);
        beforeFiles = List.copyOf(beforeFiles);
        if (kind != Kind.OVERWRITE && !beforeFiles.isEmpty()) {
            throw new IllegalArgumentException("only an OVERWRITE split has files before, not a " + kind + " split");
        }
    }

    /** A split of the rows of a snapshot ({@link Kind#SNAPSHOT}), as batch reads plan them. */
    public DataSplit(long snapshotId, BinaryRow partition, int bucket, int totalBuckets, List<DataFileMeta> files) {
        this(snapshotId, partition, bucket, totalBuckets, files, List.of(), Kind.SNAPSHOT);
    }

    /** One split per partition and bucket, files ordered by level and then sequence number. */
    public static List<DataSplit> ofBuckets(long snapshotId, List<ManifestEntry> files) {
        Map<List<Object>, List<ManifestEntry>> byBucket = new LinkedHashMap<>();
        for (ManifestEntry entry : files) {
            byBucket.computeIfAbsent(List.of(entry.partition(), entry.bucket()), k -> new ArrayList<>()).add(entry);
        }
        List<DataSplit> splits = new ArrayList<>();
        for (List<ManifestEntry> bucket : byBucket.values()) {
            List<DataFileMeta> bucketFiles = new ArrayList<>();
            for (ManifestEntry entry : bucket) {
                bucketFiles.add(entry.file());
            }
            bucketFiles.sort(Comparator.comparingInt(DataFileMeta::level).thenComparingLong(DataFileMeta::minSequenceNumber));
            ManifestEntry first = bucket.get(0);
            splits.add(new DataSplit(snapshotId, first.partition(), first.bucket(), first.totalBuckets(), bucketFiles));
        }
        return splits;
    }

    /** Whether this split carries changes (of a streaming read) rather than the rows of a snapshot. */
    public boolean isStreaming() {
        return kind != Kind.SNAPSHOT;
    }

    @Override
    public long rowCount() {
        long rows = 0;
        for (DataFileMeta file : files) {
            rows += file.rowCount();
        }
        for (DataFileMeta file : beforeFiles) {
            rows += file.rowCount();
        }
        return rows;
    }

}
