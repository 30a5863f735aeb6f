package io.tstore.core.system;

import io.tstore.core.data.GenericMap;
import io.tstore.core.data.GenericRow;
import io.tstore.core.data.InternalRow;
import io.tstore.core.snapshot.Snapshot;
import io.tstore.core.snapshot.SnapshotManager;
import io.tstore.core.table.FileStoreTable;
import io.tstore.core.types.DataTypes;
import io.tstore.core.types.RowType;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.TreeMap;

import static io.tstore.core.system.Rows.string;
import static io.tstore.core.system.Rows.timestamp;

/** {@code t$snapshots}: one row per snapshot of the table, oldest first. */
final class SnapshotsTable extends MetadataTable {
    static final RowType TYPE = RowType.builder()
            .field("snapshot_id", DataTypes.BIGINT().notNull())
            .field("schema_id", DataTypes.BIGINT().notNull())
            .field("commit_user", DataTypes.STRING().notNull())
            .field("commit_identifier", DataTypes.BIGINT().notNull())
            .field("commit_kind", DataTypes.STRING().notNull())
            .field("commit_time", DataTypes.TIMESTAMP(3).notNull())
            .field("base_manifest_list", DataTypes.STRING().notNull())
            .field("delta_manifest_list", DataTypes.STRING().notNull())
            .field("changelog_manifest_list", DataTypes.STRING())
            .field("total_record_count", DataTypes.BIGINT().notNull())
            .field("delta_record_count", DataTypes.BIGINT().notNull())
            .field("changelog_record_count", DataTypes.BIGINT())
            .field("log_offsets", DataTypes.MAP(DataTypes.INT().notNull(), DataTypes.BIGINT().notNull()))
            .build();

    SnapshotsTable(FileStoreTable dataTable) {
        super(dataTable, SystemTables.SNAPSHOTS, TYPE, "The snapshots of " + dataTable.name() + ", oldest first");
    }

    @Override
    protected List<InternalRow> rows() throws IOException {
        List<InternalRow> rows = new ArrayList<>();
        for (Snapshot snapshot : snapshots(dataTable.snapshotManager())) {
            rows.add(GenericRow.of(
                    snapshot.id(),
                    snapshot.schemaId(),
                    string(snapshot.commitUser()),
                    snapshot.commitIdentifier(),
                    string(snapshot.commitKind().name()),
                    timestamp(snapshot.timeMillis()),
                    string(snapshot.baseManifestList()),
                    string(snapshot.deltaManifestList()),
                    string(snapshot.changelogManifestList()),
                    snapshot.totalRecordCount(),
                    snapshot.deltaRecordCount(),
                    snapshot.changelogRecordCount(),
                    snapshot.logOffsets() == null || snapshot.logOffsets().isEmpty() ? null : GenericMap.of(new TreeMap<>(snapshot.logOffsets()))));
        }
        return rows;
    }

    /** The snapshots present, skipping those that expire while they are read. */
    static List<Snapshot> snapshots(SnapshotManager manager) throws IOException {
        List<Snapshot> snapshots = new ArrayList<>();
        OptionalLong earliest = manager.earliestSnapshotId();
        OptionalLong latest = manager.latestSnapshotId();
        if (earliest.isEmpty() || latest.isEmpty()) {
            return snapshots;
        }
        for (long id = earliest.getAsLong(); id <= latest.getAsLong(); id++) {
            try {
                snapshots.add(manager.snapshot(id));
            } catch (FileNotFoundException e) {
                // expired while we read
            }
        }
        return snapshots;
    }
}
