package io.tstore.core.lifecycle;

import io.tstore.core.scan.TableFiles;

import io.tstore.core.snapshot.ExpiryMark;

import io.tstore.core.options.ExpireConfig;

import io.tstore.core.consumer.ConsumerManager;
import io.tstore.core.fs.FileIO;
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
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.LongSupplier;

import static java.util.Objects.requireNonNull;

/**
 * Expires old snapshots of a table and deletes the files that only they needed.
 *
 * <p>A run first decides the first snapshot it keeps, {@code E} (see {@link ExpireConfig}; never beyond the
 * smallest next snapshot of a consumer), and publishes it as its commitment (see {@link ExpiryMark}). It then
 * deletes, in an order that never lets a reader of a kept snapshot miss a file:
 * <ol>
 *   <li>data files that kept snapshots cannot reach: those a delta of a snapshot in {@code (earliest, E]} removed
 *       (a file another delta only moved to another level stays), and the changelog files of expired snapshots,
 *       except what a tag refers to. A removed file never comes back, so no snapshot from {@code E} on has it;</li>
 *   <li>manifests, then manifest lists, of expired snapshots that neither snapshot {@code E} nor a tag refers to.
 *       Manifests are only ever carried forward from one snapshot to the next, so what a later snapshot refers to,
 *       {@code E} refers to as well;</li>
 *   <li>the snapshot files, in increasing order, so the snapshots left are always consecutive.</li>
 * </ol>
 * Every step can be repeated: a run that stops half-way (a crash, an I/O error) leaves the mark, and the next run
 * keeps from at least the marked snapshot and deletes the rest, skipping what is already gone. Runs beside
 * committers are safe because kept snapshots include the latest and commits only remove files of the latest;
 * two runs at once delete the same files, which is harmless.
 */
public final class SnapshotExpiration {
    private static final Logger LOG = LoggerFactory.getLogger(SnapshotExpiration.class);

    private final StoredTable table;
    private final FileIO fileIO;
    private final SnapshotManager snapshots;
    private final LongSupplier clock;

    public SnapshotExpiration(StoredTable table, LongSupplier clock) {
        this.table = requireNonNull(table, "table is null");
        this.fileIO = table.fileIO();
        this.snapshots = table.snapshotManager();
        this.clock = requireNonNull(clock, "clock is null");
    }

    public SnapshotExpiration(StoredTable table) {
        this(table, System::currentTimeMillis);
    }

    /** What one run did. */
    public record Result(long earliestBefore, long earliestAfter, int dataFilesDeleted, int manifestFilesDeleted, int snapshotsDeleted) {
        public static final Result NOTHING = new Result(-1, -1, 0, 0, 0);

        /** The ids of the expired snapshots: {@code [earliestBefore, earliestAfter)}. */
        public boolean expired(long snapshotId) {
            return snapshotId >= earliestBefore && snapshotId < earliestAfter;
        }
    }

    /** Expires by the table's own options. */
    public Result expire() throws IOException {
        return expire(ExpireConfig.fromOptions(table.name(), table.options()));
    }

    public Result expire(ExpireConfig config) throws IOException {
        requireNonNull(config, "config is null");
        ConsumerManager consumers = new ConsumerManager(fileIO, table.location());
        long now = clock.getAsLong();
        if (config.consumerExpiration() != null) {
            List<String> retired = consumers.expire(now - config.consumerExpiration().toMillis());
            if (!retired.isEmpty()) {
                LOG.info("Table {}: retired idle consumers {}", table.name(), retired);
            }
        }
        OptionalLong latestId = snapshots.latestSnapshotId();
        OptionalLong earliestId = snapshots.earliestSnapshotId();
        if (latestId.isEmpty() || earliestId.isEmpty()) {
            return Result.NOTHING;
        }
        long latest = latestId.getAsLong();
        long earliest = earliestId.getAsLong();

        long keepFrom = decide(config, consumers, earliest, latest, now);
        long marked = ExpiryMark.read(snapshots);
        if (marked > keepFrom && marked <= latest && snapshots.snapshotExists(marked)) {
            keepFrom = marked; // a run that stopped half-way doomed these snapshots already
        }
        if (keepFrom <= earliest) {
            return Result.NOTHING;
        }
        ExpiryMark.write(snapshots, keepFrom);
        return deleteUpTo(earliest, keepFrom);
    }

    /** The first snapshot to keep. */
    private long decide(ExpireConfig config, ConsumerManager consumers, long earliest, long latest, long now) throws IOException {
        long keepAtMost = latest - config.minRetained() + 1; // keepFrom never goes beyond this
        OptionalLong consumerNeeds = consumers.minNextSnapshot();
        if (consumerNeeds.isPresent()) {
            keepAtMost = Math.min(keepAtMost, consumerNeeds.getAsLong());
        }
        long keepAtLeast = latest - (long) config.maxRetained() + 1; // snapshots below are expired whatever their age
        long youngerThan = now - config.timeRetained().toMillis();
        long keepFrom = earliest;
        while (keepFrom < keepAtMost && keepFrom - earliest < config.limit()) {
            if (keepFrom >= keepAtLeast && snapshots.snapshot(keepFrom).timeMillis() >= youngerThan) {
                break;
            }
            keepFrom++;
        }
        return keepFrom;
    }

    private Result deleteUpTo(long earliest, long keepFrom) throws IOException {
        // Read everything first: snapshot files are deleted last, so they are all here unless another run is ahead.
        Map<Long, Snapshot> expiring = new TreeMap<>();
        for (long id = earliest; id <= keepFrom; id++) {
            try {
                expiring.put(id, snapshots.snapshot(id));
            } catch (FileNotFoundException e) {
                if (id == keepFrom) {
                    throw e; // the snapshot to keep is gone: another run or a rollback is ahead of us
                }
                // deleted by another run: its files are that run's business
            }
        }
        Snapshot kept = expiring.remove(keepFrom);
        TableFiles files = new TableFiles(table);
        // Read the tags after the mark was written (see TagManager.createTag).
        Set<String> keepData = new HashSet<>();
        Set<String> keepManifests = new HashSet<>(files.manifestFiles(kept));
        Set<String> taggedChangelogLists = new HashSet<>();
        for (Snapshot tag : new TagManager(table).tags().values()) {
            keepData.addAll(files.liveDataFiles(tag).keySet());
            keepData.addAll(files.changelogFiles(tag).keySet());
            keepManifests.addAll(files.manifestFiles(tag));
            if (tag.changelogManifestList() != null) {
                taggedChangelogLists.add(tag.changelogManifestList());
            }
        }

        int dataDeleted = 0;
        // 1. Data files: those removed by the deltas of (earliest, keepFrom], and changelog of expired snapshots.
        for (long id = earliest + 1; id <= keepFrom; id++) {
            Snapshot snapshot = id == keepFrom ? kept : expiring.get(id);
            if (snapshot == null) {
                continue;
            }
            List<ManifestEntry> delta;
            try {
                delta = files.deltaEntries(snapshot);
            } catch (FileNotFoundException e) {
                continue; // an earlier run got as far as the manifests, so it has deleted these data files
            }
            dataDeleted += deleteAll(files.removedFilesOf(delta), keepData);
        }
        for (Snapshot snapshot : expiring.values()) {
            if (snapshot.changelogManifestList() == null || taggedChangelogLists.contains(snapshot.changelogManifestList())) {
                continue;
            }
            try {
                dataDeleted += deleteAll(files.changelogFiles(snapshot), keepData);
            } catch (FileNotFoundException e) {
                // as above
            }
        }

        // 2. Manifests, then the lists that name them, each list after its manifests.
        int manifestsDeleted = 0;
        Set<String> done = new HashSet<>();
        for (Snapshot snapshot : expiring.values()) {
            for (String list : TableFiles.manifestLists(snapshot)) {
                if (keepManifests.contains(list) || !done.add(list)) {
                    continue;
                }
                try {
                    for (String manifest : files.manifestsOf(list)) {
                        if (!keepManifests.contains(manifest) && done.add(manifest)
                                && fileIO.delete(files.manifestPath(manifest), false)) {
                            manifestsDeleted++;
                        }
                    }
                } catch (FileNotFoundException e) {
                    continue; // deleted by an earlier run, after its manifests
                }
                if (fileIO.delete(files.manifestPath(list), false)) {
                    manifestsDeleted++;
                }
            }
        }

        // 3. Snapshot files, in increasing order, moving the EARLIEST hint along.
        int snapshotsDeleted = 0;
        for (long id : expiring.keySet()) {
            if (fileIO.delete(snapshots.snapshotPath(id), false)) {
                snapshotsDeleted++;
            }
            snapshots.writeHint(SnapshotManager.EARLIEST, id + 1);
        }
        LOG.debug("Table {}: expired snapshots [{}, {}), deleted {} data and {} manifest files",
                table.name(), earliest, keepFrom, dataDeleted, manifestsDeleted);
        return new Result(earliest, keepFrom, dataDeleted, manifestsDeleted, snapshotsDeleted);
    }

    private int deleteAll(Map<String, Path> candidates, Set<String> keep) throws IOException {
        int deleted = 0;
        for (Map.Entry<String, Path> file : candidates.entrySet()) {
            if (!keep.contains(file.getKey()) && fileIO.delete(file.getValue(), false)) {
                deleted++;
            }
        }
        return deleted;
    }
}
