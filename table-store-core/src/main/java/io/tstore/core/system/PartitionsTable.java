package io.tstore.core.system;

import io.tstore.core.data.GenericRow;
import io.tstore.core.data.InternalRow;
import io.tstore.core.manifest.ManifestEntry;
import io.tstore.core.table.FileStoreTable;
import io.tstore.core.types.DataTypes;
import io.tstore.core.types.RowType;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static io.tstore.core.system.Rows.string;
import static io.tstore.core.system.Rows.timestamp;

/**
 * {@code t$partitions}: per partition of the latest snapshot, its rows (record versions in its files: for
 * primary-key tables, versions not yet merged by compaction count separately), bytes, files and when a file of
 * it was last written.
 */
final class PartitionsTable extends MetadataTable {
    static final RowType TYPE = RowType.builder()
            .field("partition", DataTypes.STRING().notNull())
            .field("record_count", DataTypes.BIGINT().notNull())
            .field("file_size_in_bytes", DataTypes.BIGINT().notNull())
            .field("file_count", DataTypes.BIGINT().notNull())
            .field("last_update_time", DataTypes.TIMESTAMP(3).notNull())
            .build();

    PartitionsTable(FileStoreTable dataTable) {
        super(dataTable, SystemTables.PARTITIONS, TYPE, "The partitions of the latest snapshot of " + dataTable.name());
    }

    @Override
    protected List<InternalRow> rows() throws IOException {
        Map<String, long[]> partitions = new TreeMap<>();
        for (ManifestEntry entry : LatestSnapshotFiles.read(dataTable)) {
            long[] totals = partitions.computeIfAbsent(
                    LatestSnapshotFiles.partition(dataTable, entry.partition()), p -> new long[] {0, 0, 0, Long.MIN_VALUE});
            totals[0] += entry.file().rowCount();
            totals[1] += entry.file().fileSize();
            totals[2]++;
            totals[3] = Math.max(totals[3], entry.file().creationTimeMillis());
        }
        List<InternalRow> rows = new ArrayList<>();
        for (Map.Entry<String, long[]> partition : partitions.entrySet()) {
            long[] t = partition.getValue();
            rows.add(GenericRow.of(string(partition.getKey()), t[0], t[1], t[2], timestamp(t[3])));
        }
        return rows;
    }
}
