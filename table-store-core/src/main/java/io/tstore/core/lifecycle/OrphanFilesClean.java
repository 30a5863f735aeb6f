package io.tstore.core.lifecycle;

import io.tstore.core.scan.TableFiles;

import io.tstore.core.snapshot.ExpiryMark;

import io.tstore.core.fs.FileIO;
import io.tstore.core.fs.FileStatus;
import io.tstore.core.fs.Path;
import io.tstore.core.manifest.ManifestEntry;
import io.tstore.core.snapshot.Snapshot;
import io.tstore.core.snapshot.SnapshotManager;
import io.tstore.core.snapshot.StoredTable;
import io.tstore.core.tag.TagManager;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.LongSupplier;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * Deletes the files under a table that nothing refers to and that are older than a given age: data and changelog
 * files, manifests and manifest lists that no snapshot and no tag refers to, and leftovers such as temporary files
 * of interrupted writes. Such files come from crashes (a writer that died before committing, an expiry or a
 * rollback that stopped half-way) and are otherwise harmless, but take space.
 *
 * <p>Safe beside running writers because of the age: a file a writer has written but not yet committed is younger
 * than the age (keep the age well above the longest time between a write and its commit; the default is a day).
 * The files are listed first and the snapshots and tags read after, so a file a snapshot refers to is seen as
 * referenced however the table changed in between. Schemas, snapshot files, hints, expiry marks, tags and consumer
 * positions are never deleted.
 */
public final class OrphanFilesClean {
    private static final Logger LOG = LoggerFactory.getLogger(OrphanFilesClean.class);

    /** The default age below which files are kept. */
    public static final Duration DEFAULT_OLDER_THAN = Duration.ofDays(1);

    private static final Pattern SNAPSHOT_FILE = Pattern.compile(
            "snapshot-\\d+|" + SnapshotManager.LATEST + "|" + SnapshotManager.EARLIEST + "|" + ExpiryMark.FILE.pattern());
    private static final Pattern TAG_FILE = Pattern.compile("tag-[A-Za-z0-9_.\\-]+");
    private static final Pattern CONSUMER_FILE = Pattern.compile("consumer-[A-Za-z0-9_.\\-]+");

    private final StoredTable table;
    private final FileIO fileIO;
    private final LongSupplier clock;

    public OrphanFilesClean(StoredTable table, LongSupplier clock) {
        this.table = requireNonNull(table, "table is null");
        this.fileIO = table.fileIO();
        this.clock = requireNonNull(clock, "clock is null");
    }

    public OrphanFilesClean(StoredTable table) {
        this(table, System::currentTimeMillis);
    }

    /** Deletes orphan files last modified more than {@code olderThan} ago; returns the paths deleted. */
    public List<Path> clean(Duration olderThan) throws IOException {
        requireNonNull(olderThan, "olderThan is null");
        if (olderThan.isNegative()) {
            throw new IllegalArgumentException("The age of orphan files to remove from table " + table.name()
                    + " must not be negative, but is " + olderThan);
        }
        long before = clock.getAsLong() - olderThan.toMillis();
        List<FileStatus> candidates = new ArrayList<>();
        listCandidates(table.location(), before, candidates);
        if (candidates.isEmpty()) {
            return List.of();
        }
        Set<String> referenced = referencedFiles();
        List<Path> deleted = new ArrayList<>();
        for (FileStatus candidate : candidates) {
            if (!referenced.contains(TableFiles.key(candidate.path())) && fileIO.delete(candidate.path(), false)) {
                deleted.add(candidate.path());
            }
        }
        if (!deleted.isEmpty()) {
            LOG.info("Table {}: deleted {} orphan files", table.name(), deleted.size());
        }
        return deleted;
    }

    /** The files old enough to be deleted, leaving out the table's metadata that is never an orphan. */
    private void listCandidates(Path directory, long before, List<FileStatus> out) throws IOException {
        for (FileStatus status : fileIO.listStatus(directory)) {
            String name = status.path().getName();
            if (status.isDir()) {
                if (!(directory.equals(table.location()) && name.equals("schema"))) {
                    listCandidates(status.path(), before, out);
                }
                continue;
            }
            String parent = directory.getName();
            boolean metadata = (parent.equals("snapshot") && SNAPSHOT_FILE.matcher(name).matches())
                    || (parent.equals("tag") && TAG_FILE.matcher(name).matches())
                    || (parent.equals("consumer") && CONSUMER_FILE.matcher(name).matches());
            if (!metadata && status.modificationTime() > 0 && status.modificationTime() < before) {
                out.add(status);
            }
        }
    }

    /**
     * Everything any snapshot or tag refers to. Every ADD entry of every manifest counts, not only the live files:
     * a superset is safe, and it needs each manifest read once. A manifest missing under a snapshot that expiry has
     * doomed is skipped (expiry deletes what only that snapshot referred to); missing anywhere else, it is an error,
     * since the table is damaged and deleting more would not help.
     */
    private Set<String> referencedFiles() throws IOException {
        SnapshotManager snapshots = table.snapshotManager();
        TableFiles files = new TableFiles(table);
        List<Snapshot> all = new ArrayList<>();
        for (long id : snapshotIds(snapshots)) {
            try {
                all.add(snapshots.snapshot(id));
            } catch (FileNotFoundException e) {
                // expired meanwhile
            }
        }
        all.addAll(new TagManager(table).tags().values());
        Set<String> referenced = new HashSet<>();
        Set<String> readLists = new HashSet<>();
        Set<String> readManifests = new HashSet<>();
        for (Snapshot snapshot : all) {
            try {
                for (String list : TableFiles.manifestLists(snapshot)) {
                    referenced.add(TableFiles.key(files.manifestPath(list)));
                    if (!readLists.add(list)) {
                        continue;
                    }
                    for (String manifest : files.manifestsOf(list)) {
                        referenced.add(TableFiles.key(files.manifestPath(manifest)));
                        if (readManifests.add(manifest)) {
                            for (ManifestEntry entry : files.manifestEntries(manifest)) {
                                referenced.add(TableFiles.key(files.dataFile(entry)));
                            }
                        }
                    }
                }
            } catch (FileNotFoundException e) {
                long doomedBelow = Math.max(ExpiryMark.read(snapshots), snapshots.earliestSnapshotId().orElse(Long.MAX_VALUE));
                if (snapshot.id() >= doomedBelow && snapshots.snapshotExists(snapshot.id())) {
                    throw new IOException("Table " + table.name() + ": snapshot " + snapshot.id()
                            + " refers to a missing file; not removing orphan files from a damaged table", e);
                }
            }
        }
        return referenced;
    }

    private static List<Long> snapshotIds(SnapshotManager snapshots) throws IOException {
        List<Long> ids = new ArrayList<>();
        for (FileStatus status : snapshots.fileIO().listStatus(snapshots.snapshotDirectory())) {
            String name = status.path().getName();
            if (name.startsWith("snapshot-")) {
                try {
                    ids.add(Long.parseLong(name.substring("snapshot-".length())));
                } catch (NumberFormatException ignored) {
                    // not a snapshot
                }
            }
        }
        return ids;
    }
}
