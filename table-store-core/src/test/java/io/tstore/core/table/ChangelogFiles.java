package io.tstore.core.table;

import io.tstore.core.data.BinaryRow;
import io.tstore.core.data.InternalRow;
import io.tstore.core.data.RowComparator;
import io.tstore.core.file.TablePaths;
import io.tstore.core.format.FileFormat;
import io.tstore.core.fs.Path;
import io.tstore.core.io.KeyValueFileSchema;
import io.tstore.core.io.KeyValueRunFiles;
import io.tstore.core.manifest.FileKind;
import io.tstore.core.manifest.ManifestEntry;
import io.tstore.core.manifest.ManifestFile;
import io.tstore.core.manifest.ManifestFileMeta;
import io.tstore.core.manifest.ManifestList;
import io.tstore.core.schema.TableSchema;
import io.tstore.core.snapshot.CommitKind;
import io.tstore.core.snapshot.Snapshot;
import io.tstore.lsm.KeyValue;
import io.tstore.lsm.RecordReader;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Reads what a follower of a primary-key table reads of one snapshot, straight from the manifests, until the
 * streaming scan does it: the records of its changelog files, or, for {@code changelog-producer} none, of the new
 * files of an APPEND snapshot. Files in manifest order, records in file order, as docs/spec.md defines.
 */
final class ChangelogFiles {
    private final FileStoreTable table;
    private final ManifestList manifestList;
    private final ManifestFile manifestFile;
    private final TablePaths paths;

    ChangelogFiles(FileStoreTable table) {
        this.table = table;
        Path manifestDirectory = new Path(table.location(), "manifest");
        this.manifestList = new ManifestList(table.fileIO(), manifestDirectory);
        this.manifestFile = new ManifestFile(table.fileIO(), manifestDirectory, table.schema().logicalPartitionType(), 0, Long.MAX_VALUE);
        this.paths = new TablePaths(table.location(), table.schema().logicalPartitionType());
    }

    /** The changelog files of the snapshot, in manifest order. */
    List<ManifestEntry> changelogFiles(Snapshot snapshot) throws IOException {
        return addedFiles(snapshot.changelogManifestList());
    }

    /** The records of the snapshot's changelog files. */
    List<KeyValue<BinaryRow, InternalRow>> changelog(Snapshot snapshot) throws IOException {
        return read(changelogFiles(snapshot));
    }

    /** The records of the files an APPEND snapshot added (what a follower of a table without producer reads). */
    List<KeyValue<BinaryRow, InternalRow>> appended(Snapshot snapshot) throws IOException {
        if (snapshot.commitKind() != CommitKind.APPEND) {
            return List.of();
        }
        return read(addedFiles(snapshot.deltaManifestList()));
    }

    private List<ManifestEntry> addedFiles(String list) throws IOException {
        List<ManifestEntry> files = new ArrayList<>();
        if (list == null) {
            return files;
        }
        for (ManifestFileMeta manifest : manifestList.read(list)) {
            for (ManifestEntry entry : manifestFile.read(manifest.fileName())) {
                if (entry.kind() == FileKind.ADD) {
                    files.add(entry);
                }
            }
        }
        return files;
    }

    private List<KeyValue<BinaryRow, InternalRow>> read(List<ManifestEntry> files) throws IOException {
        TableSchema schema = table.schema();
        Comparator<BinaryRow> keyComparator = new RowComparator(schema.logicalTrimmedPrimaryKeyType())::compare;
        List<KeyValue<BinaryRow, InternalRow>> records = new ArrayList<>();
        for (ManifestEntry entry : files) {
            KeyValueRunFiles runFiles = new KeyValueRunFiles(
                    table.fileIO(), paths.bucketPath(entry.partition(), entry.bucket()),
                    FileFormat.fromOptions(schema.options()),
                    new KeyValueFileSchema(schema.logicalTrimmedPrimaryKeyType(), schema.rowType()),
                    schema.id(), id -> fileSchemaOf(id), keyComparator, Long.MAX_VALUE,
                    () -> {
                        throw new IllegalStateException("a read does not write");
                    },
                    () -> {
                        throw new IllegalStateException("a read does not write");
                    },
                    System::currentTimeMillis);
            records.addAll(RecordReader.toList(runFiles.read(entry.file())));
        }
        return records;
    }

    private KeyValueFileSchema fileSchemaOf(long schemaId) {
        try {
            TableSchema schema = table.schemaManager().schema(schemaId);
            return new KeyValueFileSchema(schema.logicalTrimmedPrimaryKeyType(), schema.rowType());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
