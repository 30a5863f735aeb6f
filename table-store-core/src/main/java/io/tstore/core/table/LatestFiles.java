package io.tstore.core.table;

import io.tstore.core.data.BinaryRow;
import io.tstore.core.file.DataFileMeta;
import io.tstore.core.file.PartitionNames;
import io.tstore.core.manifest.ManifestEntry;
import io.tstore.core.scan.FileStoreScan;
import io.tstore.core.snapshot.Snapshot;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * The files a writer starts a bucket from: those of the latest snapshot when the writer first needed one (read
 * once, so all buckets of a writer start from the same snapshot), or none for an overwrite.
 */
final class LatestFiles {
    private final FileStoreTable table;
    private final int numBuckets;
    private final boolean ignorePreviousFiles;
    private Snapshot snapshot;
    private boolean read;

    LatestFiles(FileStoreTable table, int numBuckets, boolean ignorePreviousFiles) {
        this.table = requireNonNull(table, "table is null");
        this.numBuckets = numBuckets;
        this.ignorePreviousFiles = ignorePreviousFiles;
    }

    /** The bucket's files; fails, naming the table, when the partition was written with another bucket count. */
    List<DataFileMeta> of(BinaryRow partition, int bucket) throws IOException {
        if (ignorePreviousFiles) {
            return List.of();
        }
        if (!read) {
            snapshot = table.snapshotManager().latestSnapshot();
            read = true;
        }
        if (snapshot == null) {
            return List.of();
        }
        FileStoreScan scan = new FileStoreScan(table.fileIO(), table.location(), table.schema().logicalPartitionType());
        List<DataFileMeta> files = new ArrayList<>();
        for (ManifestEntry entry : scan.readFiles(snapshot, null, partition::equals, null)) {
            if (entry.totalBuckets() != numBuckets) {
                throw new IllegalStateException(String.format(
                        "Table %s: partition %s was written with %d buckets, but option 'bucket' is now %d; "
                                + "change the bucket count only with an overwrite of the partition",
                        table.name(), new PartitionNames(table.schema().logicalPartitionType()).describe(partition),
                        entry.totalBuckets(), numBuckets));
            }
            if (entry.bucket() == bucket) {
                files.add(entry.file());
            }
        }
        return files;
    }

    /**
     * The partition and bucket of every bucket of the snapshot that has a file below {@code maxLevel}, that is,
     * that is not fully compacted; none for an overwrite.
     */
    List<Map.Entry<BinaryRow, Integer>> bucketsBelowLevel(int maxLevel) throws IOException {
        if (ignorePreviousFiles) {
            return List.of();
        }
        if (!read) {
            snapshot = table.snapshotManager().latestSnapshot();
            read = true;
        }
        if (snapshot == null) {
            return List.of();
        }
        FileStoreScan scan = new FileStoreScan(table.fileIO(), table.location(), table.schema().logicalPartitionType());
        Set<Map.Entry<BinaryRow, Integer>> buckets = new LinkedHashSet<>();
        for (ManifestEntry entry : scan.readFiles(snapshot, null, null, null)) {
            if (entry.file().level() < maxLevel && entry.totalBuckets() == numBuckets) {
                buckets.add(Map.entry(entry.partition(), entry.bucket()));
            }
        }
        return new ArrayList<>(buckets);
    }
}
