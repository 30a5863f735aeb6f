package io.tstore.core.system;

import io.tstore.core.data.BinaryRow;
import io.tstore.core.data.InternalRow;
import io.tstore.core.file.PartitionNames;
import io.tstore.core.manifest.ManifestEntry;
import io.tstore.core.scan.FileStoreScan;
import io.tstore.core.snapshot.Snapshot;
import io.tstore.core.table.FileStoreTable;
import io.tstore.core.types.RowType;

import java.io.IOException;
import java.util.List;

/** The live files of a table's latest snapshot, and how system tables render partitions and keys. */
final class LatestSnapshotFiles {
    private LatestSnapshotFiles() {}

    /** The live files of the latest snapshot; empty when the table has none. */
    static List<ManifestEntry> read(FileStoreTable table) throws IOException {
        Snapshot latest = table.snapshotManager().latestSnapshot();
        if (latest == null) {
            return List.of();
        }
        return new FileStoreScan(table.fileIO(), table.location(), table.schema().logicalPartitionType())
                .readFiles(latest, null, null, null);
    }

    /** {@code k1=v1/k2=v2}, as the partition's directory names it (unescaped); empty for an unpartitioned table. */
    static String partition(FileStoreTable table, BinaryRow partition) {
        RowType type = table.schema().logicalPartitionType();
        return type.fieldCount() == 0 ? "" : new PartitionNames(type).describe(partition);
    }

    /** {@code [v1, v2]}: the values of a key row, or null for an empty key (tables without primary key). */
    static String key(RowType keyType, BinaryRow key) {
        if (keyType.fieldCount() == 0 || key.getFieldCount() == 0) {
            return null;
        }
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < keyType.fieldCount(); i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(InternalRow.createFieldGetter(keyType.typeAt(i), i).getFieldOrNull(key));
        }
        return sb.append(']').toString();
    }
}
