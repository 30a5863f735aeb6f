package io.tstore.core.table;

import io.tstore.core.file.DataFileMeta;
import io.tstore.core.file.SimpleStats;
import io.tstore.core.manifest.ManifestEntry;
import io.tstore.core.predicate.Predicate;
import io.tstore.core.predicate.PredicateUtils;
import io.tstore.core.scan.DataSplit;
import io.tstore.core.scan.FileStoreScan;
import io.tstore.core.schema.TableSchema;
import io.tstore.core.snapshot.Snapshot;
import io.tstore.core.types.RowType;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Plans a batch read of one snapshot (the latest, unless one is given) into splits, pruning with the filter:
 * manifests and entries by partition values; files by their column statistics. For primary-key tables only
 * conditions on primary-key columns prune files, because all versions of a key share its key, while a value
 * condition true of an old version may be false of the merged row.
 */
public final class DataTableScan implements TableScan {
    private final FileStoreTable table;
    private final TableSchema schema;
    private final Predicate filter;
    private final Long snapshotId;

    public DataTableScan(FileStoreTable table, Predicate filter, Long snapshotId) {
        this.table = requireNonNull(table, "table is null");
        this.schema = table.schema();
        this.filter = filter;
        this.snapshotId = snapshotId;
    }

    /** The splits of the snapshot ({@link DataSplit}s); empty when the table has no snapshot yet. */
    @Override
    public Plan plan() throws IOException {
        Snapshot snapshot = snapshotId == null
                ? table.snapshotManager().latestSnapshot()
                : table.snapshotManager().snapshot(snapshotId);
        if (snapshot == null) {
            return new Plan(null, List.of());
        }
        RowType rowType = schema.rowType();
        RowType partitionType = schema.logicalPartitionType();
        Optional<Predicate> partitionFilter = filter == null
                ? Optional.empty()
                : PredicateUtils.project(filter, PredicateUtils.fieldMapping(rowType, partitionType));
        Optional<Predicate> fileFilter = filter == null
                ? Optional.empty()
                : table.hasPrimaryKey() ? PredicateUtils.project(filter, primaryKeyColumns(schema)) : Optional.of(filter);

        FileStoreScan scan = new FileStoreScan(table.fileIO(), table.location(), partitionType);
        List<ManifestEntry> files = scan.readFiles(
                snapshot,
                partitionFilter.<FileStoreScan.ManifestFilter>map(p -> manifest -> testStats(p, manifest.numAddedFiles() + manifest.numDeletedFiles(), manifest.partitionStats())).orElse(null),
                partitionFilter.<java.util.function.Predicate<io.tstore.core.data.BinaryRow>>map(p -> p::test).orElse(null),
                fileFilter.<java.util.function.Predicate<DataFileMeta>>map(p -> file -> testFile(p, file)).orElse(null));
        return new Plan(snapshot.id(), List.<Split>copyOf(FileStoreScan.toSplits(snapshot.id(), files)));
    }

    /** The splits of {@link #plan()}, which are all {@link DataSplit}s, typed as such. */
    public List<DataSplit> dataSplits() throws IOException {
        List<DataSplit> splits = new ArrayList<>();
        for (Split split : plan().splits()) {
            splits.add((DataSplit) split);
        }
        return splits;
    }

    private static boolean testStats(Predicate predicate, long rowCount, SimpleStats stats) {
        return predicate.test(rowCount, stats.minValues(), stats.maxValues(), stats.nullCounts());
    }

    private final Map<Long, Optional<Predicate>> filtersBySchema = new HashMap<>();

    /** Tests a file's statistics, which are in the order of the schema it was written with. */
    private boolean testFile(Predicate predicate, DataFileMeta file) {
        Optional<Predicate> onFileSchema = filtersBySchema.computeIfAbsent(file.schemaId(), id -> {
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
