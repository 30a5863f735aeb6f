package io.tstore.core.table;

import io.tstore.core.data.BinaryRow;
import io.tstore.core.file.DataFileMeta;
import io.tstore.core.file.SimpleStats;
import io.tstore.core.manifest.ManifestEntry;
import io.tstore.core.options.ScanOptions;
import io.tstore.core.predicate.Predicate;
import io.tstore.core.predicate.PredicateUtils;
import io.tstore.core.scan.FileStoreScan;
import io.tstore.core.scan.ScanStart;
import io.tstore.core.schema.TableSchema;
import io.tstore.core.snapshot.Snapshot;
import io.tstore.core.types.RowType;
import io.tstore.options.Options;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Plans a batch read of one snapshot into splits, pruning with the filter: manifests and entries by partition
 * values; files by their column statistics. For primary-key tables only conditions on primary-key columns prune
 * files, because all versions of a key share its key, while a value condition true of an old version may be
 * false of the merged row.
 *
 * <p>The snapshot is the one given, or else the one the table's scan options choose (time travel:
 * {@code scan.snapshot-id}, {@code scan.timestamp-millis}, {@code scan.tag-name}, see {@link ScanStart}), or else
 * the latest.
 */
public final class DataTableScan implements TableScan {
    private final FileStoreTable table;
    private final TableSchema schema;
    private final Predicate filter;
    private final Long snapshotId;
    private final Options startOptions;
    private final Optional<Predicate> partitionFilter;
    private final Optional<Predicate> keyFilter;

    public DataTableScan(FileStoreTable table, Predicate filter, Long snapshotId) {
        this(table, filter, snapshotId, null);
    }

    /**
     * @param timeTravel scan options that choose the snapshot in place of the table's ({@code scan.tag-name} or
     *     {@code scan.timestamp-millis}), or null
     */
    public DataTableScan(FileStoreTable table, Predicate filter, Long snapshotId, Options timeTravel) {
        this.table = requireNonNull(table, "table is null");
        this.schema = table.schema();
        this.filter = filter;
        this.snapshotId = snapshotId;
        this.startOptions = timeTravel == null ? table.schema().options() : timeTravel;
        RowType rowType = schema.rowType();
        this.partitionFilter = filter == null
                ? Optional.empty()
                : PredicateUtils.project(filter, PredicateUtils.fieldMapping(rowType, schema.logicalPartitionType()));
        this.keyFilter = filter == null
                ? Optional.empty()
                : table.hasPrimaryKey() ? PredicateUtils.project(filter, primaryKeyColumns(schema)) : Optional.of(filter);
        // Checks the scan options up front, so that bad ones fail before anything is read.
        if (snapshotId == null) {
            ScanStart.of(table.name(), table.snapshotManager(), startOptions);
        }
    }

    /**
     * The splits of the snapshot ({@link DataSplit}s), packed by size ({@link DataSplit#pack}); empty when the table
     * has no snapshot yet.
     */
    @Override
    public Plan plan() throws IOException {
        Snapshot snapshot = snapshot();
        return snapshot == null ? new Plan(null, List.of()) : planSnapshot(snapshot);
    }

    private Snapshot snapshot() throws IOException {
        Snapshot snapshot;
        if (snapshotId == null) {
            snapshot = ScanStart.of(table.name(), table.snapshotManager(), startOptions).batchSnapshot();
        } else {
            try {
                snapshot = table.snapshotManager().snapshot(snapshotId);
            } catch (FileNotFoundException e) {
                // Still a FileNotFoundException: a reader racing expiry can tell it from other failures.
                FileNotFoundException missing = new FileNotFoundException("Table " + table.name() + ": snapshot "
                        + snapshotId + " does not exist: it expired or was never committed");
                missing.initCause(e);
                throw missing;
            }
        }
        return snapshot;
    }

    /**
     * The splits of the rows of this snapshot, packed by size: a bucket whose files need no merge is cut into
     * splits of about {@code source.split.target-size}; a bucket that needs a merge is one split.
     */
    public Plan planSnapshot(Snapshot snapshot) throws IOException {
        long targetSize = schema.options().get(ScanOptions.SOURCE_SPLIT_TARGET_SIZE).bytes();
        long openFileCost = schema.options().get(ScanOptions.SOURCE_SPLIT_OPEN_FILE_COST).bytes();
        List<Split> splits = new ArrayList<>();
        for (DataSplit bucket : bucketSplits(snapshot)) {
            splits.addAll(DataSplit.pack(bucket, targetSize, openFileCost));
        }
        return new Plan(snapshot.id(), splits);
    }

    private List<DataSplit> bucketSplits(Snapshot snapshot) throws IOException {
        List<ManifestEntry> files = fileStoreScan().readFiles(snapshot, manifestFilter(), partitionFilter(), mergedFileFilter());
        return DataSplit.ofBuckets(snapshot.id(), files);
    }

    FileStoreScan fileStoreScan() {
        return new FileStoreScan(table.fileIO(), table.location(), schema.logicalPartitionType());
    }

    /** Skips manifests whose partitions the filter rules out; null without a partition condition. */
    FileStoreScan.ManifestFilter manifestFilter() {
        return partitionFilter.<FileStoreScan.ManifestFilter>map(
                p -> manifest -> testStats(p, manifest.numAddedFiles() + manifest.numDeletedFiles(), manifest.partitionStats())).orElse(null);
    }

    /** Accepts the partitions the filter allows; null without a partition condition. */
    java.util.function.Predicate<BinaryRow> partitionFilter() {
        return partitionFilter.<java.util.function.Predicate<BinaryRow>>map(p -> p::test).orElse(null);
    }

    /** Prunes files whose rows are merged before the filter applies: by key columns only, for primary-key tables. */
    java.util.function.Predicate<DataFileMeta> mergedFileFilter() {
        return keyFilter.<java.util.function.Predicate<DataFileMeta>>map(p -> file -> testFile(p, file)).orElse(null);
    }

    /**
     * Prunes files whose records are read one by one, unmerged (changes): any column's statistics may rule a file
     * out, since the filter applies to each record alone.
     */
    java.util.function.Predicate<DataFileMeta> rawFileFilter() {
        return filter == null ? null : file -> testFile(filter, file);
    }

    /**
     * One split per partition and bucket with all of the bucket's files (not packed by size, unlike
     * {@link #plan()}): for maintenance that works bucket by bucket, such as compaction.
     */
    public List<DataSplit> dataSplits() throws IOException {
        Snapshot snapshot = snapshot();
        return snapshot == null ? List.of() : bucketSplits(snapshot);
    }

    private static boolean testStats(Predicate predicate, long rowCount, SimpleStats stats) {
        return predicate.test(rowCount, stats.minValues(), stats.maxValues(), stats.nullCounts());
    }

    private final Map<Predicate, Map<Long, Optional<Predicate>>> filtersBySchema = new java.util.IdentityHashMap<>();

    /** Tests a file's statistics, which are in the order of the schema it was written with. */
    private boolean testFile(Predicate predicate, DataFileMeta file) {
        Map<Long, Optional<Predicate>> bySchema = filtersBySchema.computeIfAbsent(predicate, p -> new HashMap<>());
        Optional<Predicate> onFileSchema = bySchema.computeIfAbsent(file.schemaId(), id -> {
            if (id == schema.id()) {
                return Optional.of(predicate);
            }
            try {
                RowType written = table.schemaManager().schema(id).rowType();
                return PredicateUtils.project(predicate, PredicateUtils.fieldMapping(schema.rowType(), written));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        return onFileSchema.isEmpty() || testStats(onFileSchema.get(), file.rowCount(), file.valueStats());
    }

    /** A mapping of the table's columns that keeps primary-key columns where they are and drops the others. */
    static int[] primaryKeyColumns(TableSchema schema) {
        RowType rowType = schema.rowType();
        int[] mapping = new int[rowType.fieldCount()];
        for (int i = 0; i < mapping.length; i++) {
            mapping[i] = schema.primaryKeys().contains(rowType.fields().get(i).name()) ? i : -1;
        }
        return mapping;
    }
}
