package io.tstore.core.system;

import io.tstore.core.data.GenericRow;
import io.tstore.core.data.InternalRow;
import io.tstore.core.fs.Path;
import io.tstore.core.manifest.ManifestFileMeta;
import io.tstore.core.manifest.ManifestList;
import io.tstore.core.snapshot.Snapshot;
import io.tstore.core.table.FileStoreTable;
import io.tstore.core.types.DataTypes;
import io.tstore.core.types.RowType;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import static io.tstore.core.system.Rows.string;

/** {@code t$manifests}: the manifests of the latest snapshot (base, then delta), in the order it lists them. */
final class ManifestsTable extends MetadataTable {
    static final RowType TYPE = RowType.builder()
            .field("file_name", DataTypes.STRING().notNull())
            .field("file_size", DataTypes.BIGINT().notNull())
            .field("num_added_files", DataTypes.BIGINT().notNull())
            .field("num_deleted_files", DataTypes.BIGINT().notNull())
            .field("schema_id", DataTypes.BIGINT().notNull())
            .build();

    ManifestsTable(FileStoreTable dataTable) {
        super(dataTable, SystemTables.MANIFESTS, TYPE, "The manifests of the latest snapshot of " + dataTable.name());
    }

    @Override
    protected List<InternalRow> rows() throws IOException {
        List<InternalRow> rows = new ArrayList<>();
        Snapshot latest = dataTable.snapshotManager().latestSnapshot();
        if (latest == null) {
            return rows;
        }
        ManifestList lists = new ManifestList(dataTable.fileIO(), new Path(dataTable.location(), "manifest"));
        List<ManifestFileMeta> manifests = new ArrayList<>(lists.read(latest.baseManifestList()));
        manifests.addAll(lists.read(latest.deltaManifestList()));
        for (ManifestFileMeta manifest : manifests) {
            rows.add(GenericRow.of(string(manifest.fileName()), manifest.fileSize(), manifest.numAddedFiles(),
                    manifest.numDeletedFiles(), manifest.schemaId()));
        }
        return rows;
    }
}
