package io.tstore.core.scan;

import io.tstore.core.file.TablePaths;
import io.tstore.core.fs.FileIO;
import io.tstore.core.fs.Path;
import io.tstore.core.manifest.FileKind;
import io.tstore.core.manifest.ManifestEntry;
import io.tstore.core.manifest.ManifestFile;
import io.tstore.core.manifest.ManifestFileMeta;
import io.tstore.core.manifest.ManifestList;
import io.tstore.core.snapshot.Snapshot;
import io.tstore.core.snapshot.StoredTable;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * What the files of one table's snapshots are, for the code that deletes files: data and changelog files by their
 * path, manifests and manifest lists by their name in {@code manifest/}.
 *
 * <p>Data files are named by their path (partition, bucket, file name), not by the manifest identifier, which
 * also holds the level: compaction may move a file to another level under the same name, and the file on disk
 * is then still one and the same.
 */
public final class TableFiles {
    private final FileIO fileIO;
    private final Path manifestDirectory;
    private final TablePaths paths;
    private final ManifestFile manifestFile;
    private final ManifestList manifestList;
    private final FileStoreScan scan;

    public TableFiles(StoredTable table) {
        requireNonNull(table, "table is null");
        this.fileIO = table.fileIO();
        this.manifestDirectory = new Path(table.location(), "manifest");
        this.paths = new TablePaths(table.location(), table.schema().logicalPartitionType());
        this.manifestFile = new ManifestFile(fileIO, manifestDirectory, table.schema().logicalPartitionType(), 0, Long.MAX_VALUE);
        this.manifestList = new ManifestList(fileIO, manifestDirectory);
        this.scan = new FileStoreScan(fileIO, table.location(), table.schema().logicalPartitionType());
    }

    /** The key that names one file of the table wherever its path came from (a listing, or a manifest). */
    public static String key(Path path) {
        return path.toUri().getPath();
    }

    public Path dataFile(ManifestEntry entry) {
        return new Path(paths.bucketPath(entry.partition(), entry.bucket()), entry.file().fileName());
    }

    public Path manifestPath(String name) {
        return new Path(manifestDirectory, name);
    }

    /** The live data files of the snapshot, by {@link #key}. */
    public Map<String, Path> liveDataFiles(Snapshot snapshot) throws IOException {
        Map<String, Path> files = new HashMap<>();
        for (ManifestEntry entry : scan.readFiles(snapshot, null, null, null)) {
            Path path = dataFile(entry);
            files.put(key(path), path);
        }
        return files;
    }

    /** The entries of the snapshot's own changes, in order. */
    public List<ManifestEntry> deltaEntries(Snapshot snapshot) throws IOException {
        return entriesOfList(snapshot.deltaManifestList());
    }

    /** The snapshot's changelog files, by {@link #key}; empty when it has none. */
    public Map<String, Path> changelogFiles(Snapshot snapshot) throws IOException {
        Map<String, Path> files = new HashMap<>();
        if (snapshot.changelogManifestList() != null) {
            for (ManifestEntry entry : entriesOfList(snapshot.changelogManifestList())) {
                Path path = dataFile(entry);
                files.put(key(path), path);
            }
        }
        return files;
    }

    /** The data files a delta adds that were not in the table before it (a file moved to another level is not new). */
    public Map<String, Path> newFilesOf(List<ManifestEntry> delta) {
        return filesOf(delta, FileKind.ADD);
    }

    /** The data files a delta removes from the table (a file moved to another level is not removed). */
    public Map<String, Path> removedFilesOf(List<ManifestEntry> delta) {
        return filesOf(delta, FileKind.DELETE);
    }

    /** The files with entries of the kind in the delta and none of the other kind. */
    private Map<String, Path> filesOf(List<ManifestEntry> delta, FileKind kind) {
        Map<String, Path> wanted = new LinkedHashMap<>();
        Set<String> other = new HashSet<>();
        for (ManifestEntry entry : delta) {
            Path path = dataFile(entry);
            if (entry.kind() == kind) {
                wanted.put(key(path), path);
            } else {
                other.add(key(path));
            }
        }
        wanted.keySet().removeAll(other);
        return wanted;
    }

    /** The names of the snapshot's manifest lists: base, delta and (if any) changelog. */
    public static List<String> manifestLists(Snapshot snapshot) {
        List<String> lists = new ArrayList<>(3);
        lists.add(snapshot.baseManifestList());
        lists.add(snapshot.deltaManifestList());
        if (snapshot.changelogManifestList() != null) {
            lists.add(snapshot.changelogManifestList());
        }
        return lists;
    }

    /** The manifests one manifest list holds, as it records them. */
    public List<ManifestFileMeta> manifestMetas(String list) throws IOException {
        return manifestList.read(list);
    }

    /** The names of the manifests one manifest list holds. */
    public List<String> manifestsOf(String list) throws IOException {
        List<String> names = new ArrayList<>();
        for (ManifestFileMeta meta : manifestList.read(list)) {
            names.add(meta.fileName());
        }
        return names;
    }

    /** The names of the snapshot's manifest lists and of every manifest they hold. */
    public Set<String> manifestFiles(Snapshot snapshot) throws IOException {
        Set<String> names = new HashSet<>();
        for (String list : manifestLists(snapshot)) {
            names.add(list);
            names.addAll(manifestsOf(list));
        }
        return names;
    }

    /** The entries of a manifest. */
    public List<ManifestEntry> manifestEntries(String manifest) throws IOException {
        return manifestFile.read(manifest);
    }

    /**
     * Everything a snapshot refers to, by {@link #key}: its live data files, its changelog files, its manifest lists
     * and manifests (not the snapshot file itself).
     */
    public Set<String> referencedFiles(Snapshot snapshot) throws IOException {
        Set<String> files = new HashSet<>(liveDataFiles(snapshot).keySet());
        files.addAll(changelogFiles(snapshot).keySet());
        for (String name : manifestFiles(snapshot)) {
            files.add(key(manifestPath(name)));
        }
        return files;
    }

    private List<ManifestEntry> entriesOfList(String list) throws IOException {
        List<ManifestEntry> entries = new ArrayList<>();
        for (ManifestFileMeta meta : manifestList.read(list)) {
            entries.addAll(manifestFile.read(meta.fileName()));
        }
        return entries;
    }
}
