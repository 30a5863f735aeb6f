package io.tstore.core.commit;

import io.tstore.core.data.BinaryRow;
import io.tstore.core.file.DataFileMeta;
import io.tstore.core.file.PartitionNames;
import io.tstore.core.manifest.FileKind;
import io.tstore.core.manifest.ManifestEntry;
import io.tstore.core.types.RowType;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * Decides whether changes can be applied to the files of the latest snapshot. A pure function: the committer
 * reads the files, this checks them. The rules: every deleted file must still be there (else someone compacted
 * or overwrote it first); within a partition all files agree on the number of buckets; and on each level >= 1
 * of a bucket, files must not overlap in key range (two compactions of one bucket must not both land).
 */
public final class ConflictDetection {
    private final String tableName;
    private final PartitionNames partitionNames;
    private final Comparator<BinaryRow> keyComparator;

    /** @param keyComparator orders primary keys; null for tables without primary key (no level checks) */
    public ConflictDetection(String tableName, RowType partitionType, Comparator<BinaryRow> keyComparator) {
        this.tableName = requireNonNull(tableName, "tableName is null");
        this.partitionNames = new PartitionNames(requireNonNull(partitionType, "partitionType is null"));
        this.keyComparator = keyComparator;
    }

    /** @throws CommitConflictException naming the table, partition, bucket and file */
    public void check(List<ManifestEntry> latestFiles, List<ManifestEntry> changes) {
        Map<ManifestEntry.Identifier, ManifestEntry> files = new LinkedHashMap<>();
        for (ManifestEntry entry : latestFiles) {
            files.put(entry.identifier(), entry);
        }
        Set<PartitionBucket> touched = new HashSet<>();
        for (ManifestEntry change : changes) {
            touched.add(new PartitionBucket(change.partition(), change.bucket()));
            if (change.kind() == FileKind.DELETE) {
                if (files.remove(change.identifier()) == null) {
                    throw new CommitConflictException(String.format(
                            "Commit to table %s conflicts: file %s (level %d) of partition %s, bucket %d is no longer in the table; "
                                    + "another commit compacted, overwrote or deleted it first",
                            tableName, change.file().fileName(), change.file().level(), describe(change.partition()), change.bucket()));
                }
            }
        }
        for (ManifestEntry change : changes) {
            if (change.kind() == FileKind.ADD) {
                files.put(change.identifier(), change);
            }
        }
        checkBucketCounts(files.values());
        if (keyComparator != null) {
            checkLevels(files.values(), touched);
        }
    }

    private void checkBucketCounts(Iterable<ManifestEntry> files) {
        Map<BinaryRow, ManifestEntry> firstOfPartition = new HashMap<>();
        for (ManifestEntry entry : files) {
            ManifestEntry first = firstOfPartition.putIfAbsent(entry.partition(), entry);
            if (first != null && first.totalBuckets() != entry.totalBuckets()) {
                throw new CommitConflictException(String.format(
                        "Commit to table %s conflicts: partition %s would hold files written with %d buckets (%s) and with %d buckets (%s); "
                                + "change the option 'bucket' only together with an overwrite of the partition",
                        tableName, describe(entry.partition()), first.totalBuckets(), first.file().fileName(),
                        entry.totalBuckets(), entry.file().fileName()));
            }
        }
    }

    private void checkLevels(Iterable<ManifestEntry> files, Set<PartitionBucket> touched) {
        Map<PartitionBucket, Map<Integer, List<DataFileMeta>>> levels = new HashMap<>();
        for (ManifestEntry entry : files) {
            PartitionBucket pb = new PartitionBucket(entry.partition(), entry.bucket());
            if (entry.file().level() > 0 && touched.contains(pb)) {
                levels.computeIfAbsent(pb, k -> new HashMap<>())
                        .computeIfAbsent(entry.file().level(), k -> new ArrayList<>())
                        .add(entry.file());
            }
        }
        for (Map.Entry<PartitionBucket, Map<Integer, List<DataFileMeta>>> bucket : levels.entrySet()) {
            for (Map.Entry<Integer, List<DataFileMeta>> level : bucket.getValue().entrySet()) {
                List<DataFileMeta> sorted = new ArrayList<>(level.getValue());
                sorted.sort((a, b) -> keyComparator.compare(a.minKey(), b.minKey()));
                for (int i = 1; i < sorted.size(); i++) {
                    DataFileMeta previous = sorted.get(i - 1);
                    DataFileMeta current = sorted.get(i);
                    if (keyComparator.compare(previous.maxKey(), current.minKey()) >= 0) {
                        throw new CommitConflictException(String.format(
                                "Commit to table %s conflicts: files %s and %s of partition %s, bucket %d, level %d overlap in key range; "
                                        + "two compactions of one bucket ran at once",
                                tableName, previous.fileName(), current.fileName(), describe(bucket.getKey().partition()),
                                bucket.getKey().bucket(), level.getKey()));
                    }
                }
            }
        }
    }

    private String describe(BinaryRow partition) {
        return partitionNames.describe(partition);
    }

    private record PartitionBucket(BinaryRow partition, int bucket) {}
}
