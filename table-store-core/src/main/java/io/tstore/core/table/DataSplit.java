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
 * All files of a bucket that need a merge go to one split, so that each key's versions are merged by one reader;
 * files that need none ({@link #needsMerge()}) may be cut into several splits ({@link #pack}).
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

    /**
     * Cuts a split that needs no merge into splits of about {@code targetSize} bytes, its files in order, each file
     * counted as at least {@code openFileCost}; returns a split that needs a merge, or has one file, as it is.
     */
    public static List<DataSplit> pack(DataSplit split, long targetSize, long openFileCost) {
        if (targetSize < 1 || openFileCost < 0) {
            throw new IllegalArgumentException("Splits are packed to a positive target size with a non-negative cost of "
                    + "opening a file, got " + targetSize + " and " + openFileCost);
        }
        if (split.kind != Kind.SNAPSHOT || split.needsMerge() || split.files.size() < 2) {
            return List.of(split);
        }
        List<DataSplit> packed = new ArrayList<>();
        List<DataFileMeta> current = new ArrayList<>();
        long size = 0;
        for (DataFileMeta file : split.files) {
            long weight = Math.max(file.fileSize(), openFileCost);
            if (!current.isEmpty() && size + weight > targetSize) {
                packed.add(new DataSplit(split.snapshotId, split.partition, split.bucket, split.totalBuckets, current));
                current = new ArrayList<>();
                size = 0;
            }
            current.add(file);
            size += weight;
        }
        packed.add(new DataSplit(split.snapshotId, split.partition, split.bucket, split.totalBuckets, current));
        return packed;
    }

    /**
     * Whether reading this split merges records of several files. A {@link Kind#CHANGES} split is read raw and an
     * {@link Kind#OVERWRITE} split always merges. A {@link Kind#SNAPSHOT} split needs no merge when its files were
     * appended (a table without primary key: its files carry no key range, while a primary-key table's files carry
     * keys of at least one column, as schema validation requires), or when they form one sorted run without
     * deletes or retractions: one file, or files of one level above 0 (each such level of an LSM tree is one sorted
     * run, e.g. fully compacted data), all with no delete records. Each key then has one record, as the merged read
     * returns it (a merge engine combines versions of a key, and there is one), so any subset of the files reads
     * the same rows as the whole.
     */
    @Override
    public boolean needsMerge() {
        switch (kind) {
            case CHANGES:
                return false;
            case OVERWRITE:
                return true;
            default:
                break;
        }
        if (files.isEmpty() || files.get(0).minKey().getFieldCount() == 0) {
            return false;
        }
        int level = files.get(0).level();
        for (DataFileMeta file : files) {
            if (file.deleteRowCount() != 0 || (files.size() > 1 && (file.level() == 0 || file.level() != level))) {
                return true;
            }
        }
        return false;
    }

    /** The size of the files as stored (before and after an overwrite, for {@link Kind#OVERWRITE}). */
    @Override
    public long sizeInBytes() {
        long bytes = 0;
        for (DataFileMeta file : files) {
            bytes += file.fileSize();
        }
        for (DataFileMeta file : beforeFiles) {
            bytes += file.fileSize();
        }
        return bytes;
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
