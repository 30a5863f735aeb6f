package io.tstore.core.table;

import io.tstore.core.consumer.ConsumerManager;
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
import io.tstore.core.tag.TagManager;

import java.io.IOException;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/** Checks shared by table tests. */
public final class TableTestSupport {
    private TableTestSupport() {}

    /**
     * Every file under the table (data, changelog, manifests, snapshots, tags, consumers, schemas) is referenced by
     * a snapshot or a tag, or is a schema, a hint or a consumer position; and every file a snapshot or a tag
     * references exists.
     */
    public static void assertNoOrphanAndNoMissingFiles(FileStoreTable table) throws IOException {
        Set<String> referenced = new TreeSet<>();
        for (Snapshot snapshot : table.snapshotManager().snapshots()) {
            referenced.addAll(referencedFiles(table, snapshot));
            // Files compacted away in a snapshot are still referenced by the snapshots before it, which are
            // covered here; their deletion is expiry's business.
        }
        TagManager tags = new TagManager(table);
        for (Map.Entry<String, Snapshot> tag : tags.tags().entrySet()) {
            // A tag refers to its own file and to everything its snapshot refers to, but not to the snapshot file.
            Set<String> files = referencedFiles(table, tag.getValue());
            files.remove(snapshotPath(table, tag.getValue()));
            files.add(TagManager.tagPath(table.location(), tag.getKey()).toUri().getPath());
            referenced.addAll(files);
        }
        for (String consumer : new ConsumerManager(table.fileIO(), table.location()).consumers().keySet()) {
            referenced.add(new Path(new Path(table.location(), "consumer"), "consumer-" + consumer).toUri().getPath());
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
        referenced.add(snapshotPath(table, snapshot));
        ManifestFile manifests = new ManifestFile(fileIO, new Path(location, "manifest"), table.schema().logicalPartitionType(), 0, Long.MAX_VALUE);
        for (String list : new String[] {snapshot.baseManifestList(), snapshot.deltaManifestList(), snapshot.changelogManifestList()}) {
            if (list != null) {
                referenced.add(lists.pathOf(list).toUri().getPath());
                for (ManifestFileMeta manifest : lists.read(list)) {
                    referenced.add(new Path(new Path(location, "manifest"), manifest.fileName()).toUri().getPath());
                }
            }
        }
        if (snapshot.changelogManifestList() != null) {
            for (ManifestFileMeta manifest : lists.read(snapshot.changelogManifestList())) {
                for (ManifestEntry entry : manifests.read(manifest.fileName())) {
                    referenced.add(new Path(paths.bucketPath(entry.partition(), entry.bucket()), entry.file().fileName()).toUri().getPath());
                }
            }
        }
        for (ManifestEntry entry : scan.readFiles(snapshot, null, null, null)) {
            referenced.add(new Path(paths.bucketPath(entry.partition(), entry.bucket()), entry.file().fileName()).toUri().getPath());
        }
        return referenced;
    }

    private static String snapshotPath(FileStoreTable table, Snapshot snapshot) {
        return table.snapshotManager().snapshotPath(snapshot.id()).toUri().getPath();
    }

    /** The paths of every file under the table. */
    public static Set<String> listFiles(FileStoreTable table) throws IOException {
        Set<String> present = new TreeSet<>();
        listRecursively(table.fileIO(), table.location(), present);
        return present;
    }

    /** The present files that are not referenced, leaving out schemas, snapshot hints and expiry marks. */
    public static Set<String> orphans(Set<String> present, Set<String> referenced) {
        Set<String> orphans = new TreeSet<>(present);
        orphans.removeAll(referenced);
        orphans.removeIf(p -> p.contains("/schema/") || p.endsWith("/LATEST") || p.endsWith("/EARLIEST")
                || p.matches(".*/snapshot/expire-\\d+"));
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
