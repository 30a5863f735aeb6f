package io.tstore.core.table;

import static java.util.Objects.requireNonNull;

import io.tstore.core.file.DataFileMeta;
import io.tstore.core.file.TablePaths;
import io.tstore.core.format.FileFormat;
import io.tstore.core.fs.FileIO;
import io.tstore.core.fs.FileStatus;
import io.tstore.core.fs.Path;
import io.tstore.core.fs.TableFileErrors;
import io.tstore.core.io.DataFileFormats;
import io.tstore.core.io.KeyValueFileSchema;
import io.tstore.core.manifest.ManifestFileMeta;
import io.tstore.core.scan.TableFiles;
import io.tstore.core.schema.TableSchema;
import io.tstore.core.snapshot.Snapshot;
import io.tstore.core.snapshot.SnapshotManager;
import io.tstore.core.tag.TagManager;
import io.tstore.core.types.RowType;
import io.tstore.lsm.RecordReader;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Checks that the files a table's snapshots refer to are there and readable: the snapshot files, the schema files,
 * the tag files, the manifest lists and manifest files (each read whole; each manifest at its recorded size), and
 * the live data files of each checked snapshot (each at the size its manifest recorded, its footer read and its
 * first rows decoded). Nothing is changed. What Flink's {@code CALL sys.check_table}, Spark's and Trino's procedures
 * and the Java API report.
 */
public final class TableCheck {

    /** One damaged or missing file: its role (snapshot file, data file, ...), its path and what is wrong. */
    public record Problem(String role, String file, String problem) {
        @Override
        public String toString() {
            return role + " " + file + ": " + problem;
        }
    }

    private final FileStoreTable table;
    private final FileIO fileIO;
    private final List<Problem> problems = new ArrayList<>();
    private final Set<String> checked = new HashSet<>();
    private long filesChecked;

    private TableCheck(FileStoreTable table) {
        this.table = requireNonNull(table, "table is null");
        this.fileIO = table.fileIO();
    }

    /**
     * Checks the latest snapshot ({@code allSnapshots} false) or every snapshot and tag of the table, and returns
     * the problems found, in the order found: empty when the table is sound.
     */
    public static Result check(FileStoreTable table, boolean allSnapshots) throws IOException {
        TableCheck check = new TableCheck(table);
        check.run(allSnapshots);
        return new Result(table.name(), List.copyOf(check.problems), check.filesChecked);
    }

    /** What a check found: the problems, and how many files it checked. */
    public record Result(String table, List<Problem> problems, long filesChecked) {
        public boolean ok() {
            return problems.isEmpty();
        }
    }

    private void run(boolean allSnapshots) throws IOException {
        SnapshotManager snapshots = table.snapshotManager();
        for (long schemaId : table.schemaManager().listIds()) {
            // Read from the file, not through the schema manager, which keeps the schemas it read.
            Path path = table.schemaManager().schemaPath(schemaId);
            readable("schema file", path, () -> TableSchema.fromJson(fileIO.readUtf8(path)));
        }
        List<Long> ids = new ArrayList<>();
        if (allSnapshots) {
            ids.addAll(snapshots.listIds());
        } else {
            OptionalLong latest = snapshots.latestSnapshotId();
            latest.ifPresent(ids::add);
        }
        List<Snapshot> toCheck = new ArrayList<>();
        for (long id : ids) {
            Snapshot snapshot = readable("snapshot file", snapshots.snapshotPath(id), () -> snapshots.snapshot(id));
            if (snapshot != null) {
                toCheck.add(snapshot);
            }
        }
        if (allSnapshots) {
            TagManager tags = new TagManager(table);
            for (String name : tags.tagNames()) {
                Snapshot tagged = readable("tag file", TagManager.tagPath(table.location(), name),
                        () -> tags.tag(name).orElse(null));
                if (tagged != null) {
                    toCheck.add(tagged);
                }
            }
        }
        for (Snapshot snapshot : toCheck) {
            checkSnapshot(snapshot);
        }
    }

    private void checkSnapshot(Snapshot snapshot) throws IOException {
        TableFiles files = new TableFiles(table);
        boolean manifestsReadable = true;
        for (String list : TableFiles.manifestLists(snapshot)) {
            List<ManifestFileMeta> manifests = once(list) ? readable("manifest list", files.manifestPath(list),
                    () -> files.manifestMetas(list)) : List.of();
            if (manifests == null) {
                manifestsReadable = false;
                continue;
            }
            for (ManifestFileMeta manifest : manifests) {
                Path path = files.manifestPath(manifest.fileName());
                if (once(manifest.fileName()) && (!hasSize("manifest file", path, manifest.fileSize())
                        || readable("manifest file", path, () -> files.manifestEntries(manifest.fileName())) == null)) {
                    manifestsReadable = false;
                }
            }
        }
        if (!manifestsReadable) {
            return; // the live files cannot be known; the manifests' problems are reported
        }
        TablePaths paths = new TablePaths(table.location(), table.schema().logicalPartitionType());
        for (DataSplit split : table.newReadBuilder().withSnapshot(snapshot.id()).newScan().dataSplits()) {
            Path bucket = paths.bucketPath(split.partition(), split.bucket());
            for (DataFileMeta file : split.files()) {
                Path path = new Path(bucket, file.fileName());
                if (once(path.toString()) && hasSize("data file", path, file.fileSize())) {
                    readable("data file", path, () -> readFirstRows(path, file));
                }
            }
        }
    }

    /** Opens a data file as it was written (its footer is read) and decodes its first rows. */
    private Object readFirstRows(Path path, DataFileMeta file) throws IOException {
        TableSchema written = table.schemaManager().schema(file.schemaId());
        RowType fileType = table.hasPrimaryKey()
                ? new KeyValueFileSchema(written.logicalTrimmedPrimaryKeyType(), written.rowType()).fileType()
                : written.rowType();
        FileFormat format = DataFileFormats.forFile(file.fileName(), FileFormat.fromOptions(table.options()));
        try (RecordReader<?> rows = format.readerFactory().create(fileIO, path, fileType)) {
            for (int i = 0; i < 16 && rows.read() != null; i++) {
                // decoded
            }
        }
        return file;
    }

    private boolean once(String key) {
        return checked.add(key);
    }

    private boolean hasSize(String role, Path path, long expected) throws IOException {
        filesChecked++;
        FileStatus status;
        try {
            status = fileIO.getFileStatus(path);
        } catch (FileNotFoundException e) {
            problems.add(new Problem(role, path.toString(), "missing"));
            return false;
        }
        if (status.length() != expected) {
            problems.add(new Problem(role, path.toString(),
                    "has " + status.length() + " bytes, but its manifest recorded " + expected));
            return false;
        }
        return true;
    }

    /** The value {@code reading} reads, or null after recording the problem when the file cannot be read. */
    private <T> T readable(String role, Path path, TableFileErrors.Reading<T> reading) throws IOException {
        if (!role.equals("data file") && !role.equals("manifest file")) {
            filesChecked++;
        }
        try {
            return TableFileErrors.reading(role, path, reading);
        } catch (TableFileErrors.MissingFileException e) {
            problems.add(new Problem(role, path.toString(), "missing"));
        } catch (TableFileErrors.DamagedFileException e) {
            problems.add(new Problem(role, path.toString(), "cannot be read: " + rootMessage(e)));
        }
        return null;
    }

    private static String rootMessage(Throwable e) {
        Throwable cause = e.getCause() == null ? e : e.getCause();
        String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
