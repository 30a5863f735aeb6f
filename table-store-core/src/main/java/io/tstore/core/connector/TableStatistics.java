package io.tstore.core.connector;

import io.tstore.core.data.BinaryRow;
import io.tstore.core.data.InternalRow;
import io.tstore.core.file.DataFileMeta;
import io.tstore.core.file.SimpleStats;
import io.tstore.core.manifest.ManifestEntry;
import io.tstore.core.predicate.LiteralComparator;
import io.tstore.core.scan.FileStoreScan;
import io.tstore.core.schema.TableSchema;
import io.tstore.core.snapshot.Snapshot;
import io.tstore.core.table.FileStoreTable;
import io.tstore.core.types.DataField;
import io.tstore.core.types.RowType;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * Statistics of one snapshot of a data table for cost-based planners, from the manifests alone (no data file is
 * opened): row counts and sizes of the table and of each partition, and per column the least and greatest value
 * and the number of nulls, merged from the statistics of every live file.
 *
 * <p>Row counts are of the records in the files. For primary-key tables that is before merging: a key updated
 * several times, or deleted, counts once per record, so the count is an upper bound of the rows a read returns
 * (exact after a full compaction without deletes). Null counts are likewise upper bounds, while the minimum and
 * maximum bound the values read (they may be values that merging replaced).
 *
 * @param snapshotId the snapshot described, or null for a table without snapshots (then everything is empty)
 * @param rowCount records in the live files
 * @param sizeInBytes size of the live files as stored
 * @param fileCount number of live files
 * @param partitions per partition (the table's partition row, {@link BinaryRow#EMPTY_ROW} when unpartitioned)
 * @param columns per column name of the table's current schema
 */
public record TableStatistics(
        Long snapshotId,
        long rowCount,
        long sizeInBytes,
        long fileCount,
        Map<BinaryRow, PartitionStatistics> partitions,
        Map<String, ColumnStatistics> columns) {

    public TableStatistics {
        partitions = Collections.unmodifiableMap(new LinkedHashMap<>(partitions));
        columns = Collections.unmodifiableMap(new LinkedHashMap<>(columns));
    }

    /** Row count, size and file count of one partition. */
    public record PartitionStatistics(BinaryRow partition, long rowCount, long sizeInBytes, long fileCount) {}

    /**
     * What the files say of one column.
     *
     * @param min the least non-null value in internal form (Integer, BinaryString, Decimal, Timestamp, ...), or null
     *     when unknown (no file knows it, or some file with values does not)
     * @param max the greatest non-null value, or null when unknown
     * @param nullCount the number of nulls, or -1 when some file does not know its own
     */
    public record ColumnStatistics(Object min, Object max, long nullCount) {}

    /** The statistics of the table's latest snapshot. */
    public static TableStatistics of(FileStoreTable table) throws IOException {
        return of(table, table.snapshotManager().latestSnapshot());
    }

    /** The statistics of one snapshot of the table (null: a table without snapshots). */
    public static TableStatistics of(FileStoreTable table, Snapshot snapshot) throws IOException {
        requireNonNull(table, "table is null");
        TableSchema schema = table.schema();
        RowType rowType = schema.rowType();
        if (snapshot == null) {
            Map<String, ColumnStatistics> columns = new LinkedHashMap<>();
            for (DataField field : rowType.fields()) {
                columns.put(field.name(), new ColumnStatistics(null, null, 0));
            }
            return new TableStatistics(null, 0, 0, 0, Map.of(), columns);
        }
        List<ManifestEntry> entries = new FileStoreScan(table.fileIO(), table.location(), schema.logicalPartitionType())
                .readFiles(snapshot, null, null, null);
        Map<BinaryRow, long[]> byPartition = new LinkedHashMap<>();
        long rows = 0;
        long bytes = 0;
        ColumnMerger[] mergers = new ColumnMerger[rowType.fieldCount()];
        for (int i = 0; i < mergers.length; i++) {
            mergers[i] = new ColumnMerger(LiteralComparator.isOrderable(rowType.typeAt(i))
                    ? LiteralComparator.forType(rowType.typeAt(i)) : null, rowType.typeAt(i));
        }
        Map<Long, int[]> positionsBySchema = new HashMap<>();
        for (ManifestEntry entry : entries) {
            DataFileMeta file = entry.file();
            rows += file.rowCount();
            bytes += file.fileSize();
            long[] partition = byPartition.computeIfAbsent(entry.partition().copy(), p -> new long[3]);
            partition[0] += file.rowCount();
            partition[1] += file.fileSize();
            partition[2]++;
            int[] positions = positionsBySchema.computeIfAbsent(file.schemaId(), id -> positionsIn(table, schema, id));
            SimpleStats stats = file.valueStats();
            boolean statsComplete = stats.columnCount() > 0;
            for (int i = 0; i < mergers.length; i++) {
                int pos = positions[i];
                if (pos < 0) {
                    // A column added after the file was written: all of the file's rows read it as null.
                    mergers[i].addNulls(file.rowCount());
                } else if (!statsComplete || pos >= stats.columnCount()) {
                    mergers[i].addUnknown(file.rowCount());
                } else {
                    mergers[i].add(stats, pos, file.rowCount());
                }
            }
        }
        Map<BinaryRow, PartitionStatistics> partitions = new LinkedHashMap<>();
        byPartition.forEach((partition, counts) ->
                partitions.put(partition, new PartitionStatistics(partition, counts[0], counts[1], counts[2])));
        Map<String, ColumnStatistics> columns = new LinkedHashMap<>();
        for (int i = 0; i < mergers.length; i++) {
            columns.put(rowType.fields().get(i).name(), mergers[i].result());
        }
        return new TableStatistics(snapshot.id(), rows, bytes, entries.size(), partitions, columns);
    }

    /** For each column of the current schema, its position in the schema a file was written with, or -1. */
    private static int[] positionsIn(FileStoreTable table, TableSchema current, long schemaId) {
        RowType written;
        try {
            written = schemaId == current.id() ? current.rowType() : table.schemaManager().schema(schemaId).rowType();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        Map<Integer, Integer> byId = new HashMap<>();
        for (int i = 0; i < written.fieldCount(); i++) {
            byId.put(written.fields().get(i).id(), i);
        }
        List<DataField> fields = current.rowType().fields();
        int[] positions = new int[fields.size()];
        for (int i = 0; i < positions.length; i++) {
            positions[i] = byId.getOrDefault(fields.get(i).id(), -1);
        }
        return positions;
    }

    /** Merges one column's statistics over files. */
    private static final class ColumnMerger {
        private final Comparator<Object> order;
        private final io.tstore.core.types.DataType type;
        private Object min;
        private Object max;
        private boolean minUnknown;
        private boolean maxUnknown;
        private long nullCount;
        private boolean nullCountUnknown;
        private final Map<Integer, InternalRow.FieldGetter> getterByPosition = new HashMap<>();

        ColumnMerger(Comparator<Object> order, io.tstore.core.types.DataType type) {
            this.order = order;
            this.type = type;
            this.minUnknown = order == null;
            this.maxUnknown = order == null;
        }

        void addNulls(long rows) {
            nullCount += rows;
        }

        void addUnknown(long rows) {
            if (rows > 0) {
                minUnknown = true;
                maxUnknown = true;
                nullCountUnknown = true;
            }
        }

        void add(SimpleStats stats, int pos, long rows) {
            long nulls = stats.nullCounts() == null || pos >= stats.nullCounts().length ? -1 : stats.nullCounts()[pos];
            if (nulls < 0) {
                nullCountUnknown = true;
            } else {
                nullCount += nulls;
            }
            boolean hasValues = nulls < 0 || nulls < rows;
            if (!hasValues || order == null) {
                return;
            }
            InternalRow.FieldGetter getter = getterByPosition.computeIfAbsent(pos, p -> InternalRow.createFieldGetter(type, p));
            Object fileMin = getter.getFieldOrNull(stats.minValues());
            Object fileMax = getter.getFieldOrNull(stats.maxValues());
            if (fileMin == null) {
                minUnknown = true;
            } else if (min == null || order.compare(fileMin, min) < 0) {
                min = fileMin;
            }
            if (fileMax == null) {
                maxUnknown = true;
            } else if (max == null || order.compare(fileMax, max) > 0) {
                max = fileMax;
            }
        }

        ColumnStatistics result() {
            return new ColumnStatistics(minUnknown ? null : min, maxUnknown ? null : max, nullCountUnknown ? -1 : nullCount);
        }
    }
}
