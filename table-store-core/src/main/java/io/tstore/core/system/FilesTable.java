package io.tstore.core.system;

import io.tstore.core.data.GenericRow;
import io.tstore.core.data.InternalRow;
import io.tstore.core.file.DataFileMeta;
import io.tstore.core.file.TablePaths;
import io.tstore.core.io.DataFileFormats;
import io.tstore.core.format.FileFormat;
import io.tstore.core.manifest.ManifestEntry;
import io.tstore.core.table.FileStoreTable;
import io.tstore.core.types.DataTypes;
import io.tstore.core.types.RowType;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import static io.tstore.core.system.Rows.string;
import static io.tstore.core.system.Rows.timestamp;

/** {@code t$files}: the data files of the latest snapshot, by partition, bucket, level and file name. */
final class FilesTable extends MetadataTable {
    static final RowType TYPE = RowType.builder()
            .field("partition", DataTypes.STRING().notNull())
            .field("bucket", DataTypes.INT().notNull())
            .field("file_path", DataTypes.STRING().notNull())
            .field("file_format", DataTypes.STRING().notNull())
            .field("schema_id", DataTypes.BIGINT().notNull())
            .field("level", DataTypes.INT().notNull())
            .field("record_count", DataTypes.BIGINT().notNull())
            .field("delete_record_count", DataTypes.BIGINT().notNull())
            .field("file_size_in_bytes", DataTypes.BIGINT().notNull())
            .field("min_key", DataTypes.STRING())
            .field("max_key", DataTypes.STRING())
            .field("min_sequence_number", DataTypes.BIGINT().notNull())
            .field("max_sequence_number", DataTypes.BIGINT().notNull())
            .field("creation_time", DataTypes.TIMESTAMP(3).notNull())
            .field("file_source", DataTypes.STRING().notNull())
            .build();

    FilesTable(FileStoreTable dataTable) {
        super(dataTable, SystemTables.FILES, TYPE, "The data files of the latest snapshot of " + dataTable.name());
    }

    @Override
    protected List<InternalRow> rows() throws IOException {
        List<ManifestEntry> entries = new ArrayList<>(LatestSnapshotFiles.read(dataTable));
        TablePaths paths = new TablePaths(dataTable.location(), dataTable.schema().logicalPartitionType());
        String tablePrefix = dataTable.location().toUri().getPath() + "/";
        RowType keyType = dataTable.schema().logicalTrimmedPrimaryKeyType();
        FileFormat tableFormat = FileFormat.fromOptions(dataTable.options());
        List<InternalRow> rows = new ArrayList<>();
        for (ManifestEntry entry : entries) {
            DataFileMeta file = entry.file();
            String path = new io.tstore.core.fs.Path(paths.bucketPath(entry.partition(), entry.bucket()), file.fileName()).toUri().getPath();
            rows.add(GenericRow.of(
                    string(LatestSnapshotFiles.partition(dataTable, entry.partition())),
                    entry.bucket(),
                    string(path.startsWith(tablePrefix) ? path.substring(tablePrefix.length()) : path),
                    string(DataFileFormats.forFile(file.fileName(), tableFormat).type().toString()),
                    file.schemaId(),
                    file.level(),
                    file.rowCount(),
                    file.deleteRowCount(),
                    file.fileSize(),
                    string(LatestSnapshotFiles.key(keyType, file.minKey())),
                    string(LatestSnapshotFiles.key(keyType, file.maxKey())),
                    file.minSequenceNumber(),
                    file.maxSequenceNumber(),
                    timestamp(file.creationTimeMillis()),
                    string(file.fileSource().name())));
        }
        rows.sort(Comparator.<InternalRow, String>comparing(r -> r.getString(0).toString())
                .thenComparingInt(r -> r.getInt(1))
                .thenComparingInt(r -> r.getInt(5))
                .thenComparing(r -> r.getString(2).toString()));
        return rows;
    }
}
