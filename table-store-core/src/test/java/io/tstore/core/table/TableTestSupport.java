package io.tstore.core.table;

import io.tstore.core.file.DataFileMeta;
import io.tstore.core.file.TablePaths;
import io.tstore.core.fs.FileIO;
import io.tstore.core.fs.FileStatus;
import io.tstore.core.fs.Path;
import io.tstore.core.manifest.ManifestEntry;
import io.tstore.core.manifest.ManifestFile;
import io.tstore.core.manifest.ManifestFileMeta;
import io.tstore.core.manifest.ManifestList;
import io.tstore.core.scan.FileStoreScan;
import io.tstore.core.snapshot.Snapshot;

import java.io.IOException;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/** Checks shared by table tests. */
public final class TableTestSupport {
    private TableTestSupport() {}

    /**
     * Every file under the table (data, changelog, manifests, snapshots, schemas) is referenced by a snapshot or
     * is a schema or hint, and every file a snapshot references exists.
     */
    public static void assertNoOrphanAndNoMissingFiles(FileStoreTable table) throws IOException {
        Set<String> referenced = new TreeSet<>();
        for (Snapshot snapshot : table.snapshotManager().snapshots()) {
            referenced.addAll(referencedFiles(table, snapshot));
            // Files compacted away in a snapshot are still referenced by the snapshots before it, which are
            // covered here; their deletion is expiry's business.
        }
        Set<String> present = listFiles(table);
        assertThat(orphans(present, referenced)).as("files of table %s that no snapshot refers to", table.name()).isEmpty();
        Set<String> missing = new TreeSet<>(referenced);
        missing.removeAll(present);
        assertThat(missing).as("files of table %s that a snapshot refers to but that are missing", table.name()).isEmpty();
    }

    /** The paths of the files one snapshot refers to: itself, its manifest lists, manifests and data files. */
    public static Set<String> referencedFiles(FileStoreTable table, Snapshot snapshot) throws IOException {
        FileIO fileIO = table.fileIO();
        Path location = table.location();
        Set<String> referenced = new TreeSet<>();
        ManifestList lists = new ManifestList(fileIO, new Path(location, "manifest"));
        TablePaths paths = new TablePaths(location, table.schema().logicalPartitionType());
        FileStoreScan scan = new FileStoreScan(fileIO, location, table.schema().logicalPartitionType());
        referenced.add(new Path(table.snapshotManager().snapshotDirectory(), "snapshot-" + snapshot.id()).toUri().getPath());
        for (String list : new String[] {snapshot.baseManifestList(), snapshot.deltaManifestList(), snapshot.changelogManifestList()}) {
            if (list != null) {
                referenced.add(lists.pathOf(list).toUri().getPath());
                for (ManifestFileMeta manifest : lists.read(list)) {
                    referenced.add(new Path(new Path(location, "manifest"), manifest.fileName()).toUri().getPath());
                }
            }
        }
        for (ManifestEntry entry : scan.readFiles(snapshot, null, null, null)) {
            referenced.add(new Path(paths.bucketPath(entry.partition(), entry.bucket()), entry.file().fileName()).toUri().getPath());
        }
        // Changelog files are referenced by the changelog manifest list of the snapshot that added them.
        if (snapshot.changelogManifestList() != null) {
            ManifestFile manifests = new ManifestFile(fileIO, new Path(location, "manifest"), table.schema().logicalPartitionType(), 0, Long.MAX_VALUE);
            for (ManifestFileMeta manifest : lists.read(snapshot.changelogManifestList())) {
                for (ManifestEntry entry : manifests.read(manifest.fileName())) {
                    referenced.add(new Path(paths.bucketPath(entry.partition(), entry.bucket()), entry.file().fileName()).toUri().getPath());
                }
            }
        }
        return referenced;
    }

    /** The paths of every file under the table. */
    public static Set<String> listFiles(FileStoreTable table) throws IOException {
        Set<String> present = new TreeSet<>();
        listRecursively(table.fileIO(), table.location(), present);
        return present;
    }

    /** The present files that are not referenced, leaving out schemas and snapshot hints. */
    public static Set<String> orphans(Set<String> present, Set<String> referenced) {
        Set<String> orphans = new TreeSet<>(present);
        orphans.removeAll(referenced);
        orphans.removeIf(p -> p.contains("/schema/") || p.endsWith("/LATEST") || p.endsWith("/EARLIEST"));
        return orphans;
    }

    private static void listRecursively(FileIO fileIO, Path dir, Set<String> out) throws IOException {
        for (FileStatus status : fileIO.listStatus(dir)) {
            if (status.isDir()) {
                listRecursively(fileIO, status.path(), out);
            } else {
                out.add(status.path().toUri().getPath());
            }
        }
    }

    static String describe(DataFileMeta file) {
        return file.fileName() + "@L" + file.level();
    }
}
