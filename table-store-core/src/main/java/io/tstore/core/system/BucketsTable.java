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

/**
 * {@code t$buckets}: the LSM shape of each bucket of the latest snapshot, one row per non-empty level: how many
 * sorted runs the level holds (each level-0 file is a run of its own, a higher level is one run), its files,
 * records and bytes. A table without primary key keeps its files on level 0.
 */
final class BucketsTable extends MetadataTable {
    static final RowType TYPE = RowType.builder()
            .field("partition", DataTypes.STRING().notNull())
            .field("bucket", DataTypes.INT().notNull())
            .field("level", DataTypes.INT().notNull())
            .field("sorted_runs", DataTypes.INT().notNull())
            .field("file_count", DataTypes.BIGINT().notNull())
            .field("record_count", DataTypes.BIGINT().notNull())
            .field("file_size_in_bytes", DataTypes.BIGINT().notNull())
            .build();

    BucketsTable(FileStoreTable dataTable) {
        super(dataTable, SystemTables.BUCKETS, TYPE, "The LSM levels of each bucket of the latest snapshot of " + dataTable.name());
    }

    private record Level(String partition, int bucket, int level) implements Comparable<Level> {
        @Override
        public int compareTo(Level o) {
            int c = partition.compareTo(o.partition);
            c = c != 0 ? c : Integer.compare(bucket, o.bucket);
            return c != 0 ? c : Integer.compare(level, o.level);
        }
    }

    @Override
    protected List<InternalRow> rows() throws IOException {
        Map<Level, long[]> levels = new TreeMap<>();
        for (ManifestEntry entry : LatestSnapshotFiles.read(dataTable)) {
            Level level = new Level(LatestSnapshotFiles.partition(dataTable, entry.partition()), entry.bucket(), entry.file().level());
            long[] totals = levels.computeIfAbsent(level, l -> new long[3]);
            totals[0]++;
            totals[1] += entry.file().rowCount();
            totals[2] += entry.file().fileSize();
        }
        List<InternalRow> rows = new ArrayList<>();
        for (Map.Entry<Level, long[]> level : levels.entrySet()) {
            Level l = level.getKey();
            long[] t = level.getValue();
            int runs = l.level() == 0 ? (int) t[0] : 1;
            rows.add(GenericRow.of(string(l.partition()), l.bucket(), l.level(), runs, t[0], t[1], t[2]));
        }
        return rows;
    }
}
