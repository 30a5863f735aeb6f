package io.tstore.core.scan;

import io.tstore.core.table.DataSplit;

import io.tstore.core.data.BinaryRow;
import io.tstore.core.file.DataFileMeta;
import io.tstore.core.fs.FileIO;
import io.tstore.core.fs.Path;
import io.tstore.core.manifest.FileEntries;
import io.tstore.core.manifest.ManifestEntry;
import io.tstore.core.manifest.ManifestFile;
import io.tstore.core.manifest.ManifestFileMeta;
import io.tstore.core.manifest.ManifestList;
import io.tstore.core.snapshot.Snapshot;
import io.tstore.core.types.RowType;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import static java.util.Objects.requireNonNull;

/**
 * Plans the files of a snapshot: reads its manifests, skipping those whose partition range the partition filter
 * rules out, folds their entries into the live files, keeps the files the filters accept, and groups them into
 * one {@link DataSplit} per partition and bucket.
 */
public final class FileStoreScan {
    private final ManifestFile manifestFile;
    private final ManifestList manifestList;

    public FileStoreScan(FileIO fileIO, Path tablePath, RowType partitionType) {
        Path manifestDirectory = new Path(tablePath, "manifest");
        this.manifestFile = new ManifestFile(fileIO, manifestDirectory, partitionType, 0, Long.MAX_VALUE);
        this.manifestList = new ManifestList(fileIO, manifestDirectory);
    }

    /** Decides, from a manifest's partition statistics, whether it may hold accepted partitions. */
    public interface ManifestFilter extends Predicate<ManifestFileMeta> {}

    /** The live files of the snapshot that the filters accept (null filters accept everything). */
    public List<ManifestEntry> readFiles(
            Snapshot snapshot,
            ManifestFilter manifestFilter,
            Predicate<BinaryRow> partitionFilter,
            Predicate<DataFileMeta> fileFilter) throws IOException {
        requireNonNull(snapshot, "snapshot is null");
        return liveFiles(List.of(snapshot.baseManifestList(), snapshot.deltaManifestList()), manifestFilter, partitionFilter, fileFilter);
    }

    /**
     * The live files just before the snapshot (those of its base manifest list), which the filters accept. This is
     * the state of the previous snapshot, readable for as long as this one is, even when the previous one expired.
     */
    public List<ManifestEntry> readFilesBefore(
            Snapshot snapshot,
            ManifestFilter manifestFilter,
            Predicate<BinaryRow> partitionFilter,
            Predicate<DataFileMeta> fileFilter) throws IOException {
        requireNonNull(snapshot, "snapshot is null");
        return liveFiles(List.of(snapshot.baseManifestList()), manifestFilter, partitionFilter, fileFilter);
    }

    /** The entries of the snapshot's own changes (its delta manifest list), unfolded, in commit order. */
    public List<ManifestEntry> readDeltaEntries(Snapshot snapshot, ManifestFilter manifestFilter) throws IOException {
        requireNonNull(snapshot, "snapshot is null");
        return entries(List.of(snapshot.deltaManifestList()), manifestFilter, null);
    }

    /** The entries of the snapshot's changelog files (its changelog manifest list) in commit order; none without one. */
    public List<ManifestEntry> readChangelogEntries(Snapshot snapshot, ManifestFilter manifestFilter) throws IOException {
        requireNonNull(snapshot, "snapshot is null");
        if (snapshot.changelogManifestList() == null) {
            return List.of();
        }
        return entries(List.of(snapshot.changelogManifestList()), manifestFilter, null);
    }

    private List<ManifestEntry> liveFiles(
            List<String> manifestLists,
            ManifestFilter manifestFilter,
            Predicate<BinaryRow> partitionFilter,
            Predicate<DataFileMeta> fileFilter) throws IOException {
        List<ManifestEntry> entries = entries(manifestLists, manifestFilter, partitionFilter);
        // Folding needs every entry of a partition, so file filters apply only afterwards.
        List<ManifestEntry> live = FileEntries.mergeAll(entries);
        if (fileFilter == null) {
            return live;
        }
        List<ManifestEntry> accepted = new ArrayList<>();
        for (ManifestEntry entry : live) {
            if (fileFilter.test(entry.file())) {
                accepted.add(entry);
            }
        }
        return accepted;
    }

    private List<ManifestEntry> entries(
            List<String> manifestLists, ManifestFilter manifestFilter, Predicate<BinaryRow> partitionFilter) throws IOException {
        List<ManifestFileMeta> manifests = new ArrayList<>();
        for (String list : manifestLists) {
            manifests.addAll(manifestList.read(list));
        }
        List<ManifestEntry> entries = new ArrayList<>();
        for (ManifestFileMeta manifest : manifests) {
            if (manifestFilter != null && !manifestFilter.test(manifest)) {
                continue;
            }
            for (ManifestEntry entry : manifestFile.read(manifest.fileName())) {
                if (partitionFilter == null || partitionFilter.test(entry.partition())) {
                    entries.add(entry);
                }
            }
        }
        return entries;
    }

}
