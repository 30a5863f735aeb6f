package io.tstore.core.lifecycle;

import io.tstore.core.scan.TableFiles;

import io.tstore.core.snapshot.ExpiryMark;

import io.tstore.core.consumer.Consumer;
import io.tstore.core.consumer.ConsumerManager;
import io.tstore.core.fs.FileIO;
import io.tstore.core.fs.FileStatus;
import io.tstore.core.fs.Path;
import io.tstore.core.fs.PublishResult;
import io.tstore.core.snapshot.Snapshot;
import io.tstore.core.snapshot.SnapshotManager;
import io.tstore.core.snapshot.StoredTable;
import io.tstore.core.tag.TagManager;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;

import static java.util.Objects.requireNonNull;

/**
 * Rolls a table back to an earlier snapshot or to a tag: the later snapshots, the tags of later snapshots and
 * the files that only they referred to are deleted, the {@code LATEST} hint names the target, and consumers that
 * were past it resume right after it.
 *
 * <p>Against concurrent commits: the later snapshot files are deleted from the newest down, then the hint is
 * written, then the snapshot directory is listed again, and snapshots above the target that appeared meanwhile
 * (commits that landed while the rollback ran) are rolled back too, until a listing finds none. A committer checks,
 * just before it publishes, that the snapshot it built on still exists, and otherwise retries on the new latest;
 * so a commit that lands after the rollback returned builds on the target. A commit that lands while the rollback
 * runs is rolled back with it: stop writers first when that matters.
 */
public final class TableRollback {
    private static final String SNAPSHOT_PREFIX = "snapshot-";

    private final StoredTable table;
    private final FileIO fileIO;
    private final SnapshotManager snapshots;
    private final TagManager tags;

    public TableRollback(StoredTable table) {
        this.table = requireNonNull(table, "table is null");
        this.fileIO = table.fileIO();
        this.snapshots = table.snapshotManager();
        this.tags = new TagManager(table);
    }

    /** What a rollback did: the snapshots and tags it removed, and how many files it deleted. */
    public record Result(long target, List<Long> removedSnapshots, List<String> removedTags, int filesDeleted) {}

    /** Rolls back to a snapshot that still exists. */
    public Result rollbackTo(long snapshotId) throws IOException {
        OptionalLong earliest = snapshots.earliestSnapshotId();
        long doomedBelow = ExpiryMark.read(snapshots);
        if (earliest.isEmpty() || snapshotId < earliest.getAsLong() || !snapshots.snapshotExists(snapshotId)) {
            throw new IllegalArgumentException(String.format(
                    "Cannot roll table %s back to snapshot %d: it does not exist (the table has snapshots %s)",
                    table.name(), snapshotId, describeRange()));
        }
        if (snapshotId < doomedBelow) {
            throw new IllegalArgumentException(String.format(
                    "Cannot roll table %s back to snapshot %d: it is being expired (expiry keeps snapshots from %d on)",
                    table.name(), snapshotId, doomedBelow));
        }
        return rollback(snapshots.snapshot(snapshotId), false);
    }

    /**
     * Rolls back to a tag. When the tagged snapshot still exists this is a rollback to it; when it has expired,
     * the tag's snapshot is restored as {@code snapshot-<id>} and every snapshot after it is removed.
     */
    public Result rollbackToTag(String tagName) throws IOException {
        Snapshot tagged = tags.tag(tagName).orElseThrow(() -> new IllegalArgumentException(
                "Cannot roll table " + table.name() + " back to tag '" + tagName + "': there is no such tag"));
        OptionalLong earliest = snapshots.earliestSnapshotId();
        boolean present = earliest.isPresent() && tagged.id() >= earliest.getAsLong()
                && tagged.id() >= ExpiryMark.read(snapshots) && snapshots.snapshotExists(tagged.id());
        if (present) {
            return rollback(snapshots.snapshot(tagged.id()), false);
        }
        // Restore first, so that the table never has no snapshot (a committer would then start again at 1).
        PublishResult published = fileIO.publish(snapshots.snapshotPath(tagged.id()), tagged.toJson().getBytes(StandardCharsets.UTF_8));
        if (published != PublishResult.PUBLISHED) {
            throw new IllegalStateException(String.format(
                    "Cannot roll table %s back to tag '%s': snapshot %d appeared meanwhile; retry", table.name(), tagName, tagged.id()));
        }
        return rollback(tagged, true);
    }

    private Result rollback(Snapshot target, boolean restored) throws IOException {
        long targetId = target.id();
        List<String> removedTags = new ArrayList<>();
        for (Map.Entry<String, Snapshot> tag : tags.tags().entrySet()) {
            if (tag.getValue().id() > targetId) {
                fileIO.delete(TagManager.tagPath(table.location(), tag.getKey()), false);
                removedTags.add(tag.getKey());
            }
        }

        // Delete the snapshot files from the newest down, until no snapshot above the target is left.
        Map<Long, Snapshot> removed = new TreeMap<>();
        while (true) {
            List<Long> above = idsAbove(targetId);
            if (above.isEmpty()) {
                break;
            }
            for (int i = above.size() - 1; i >= 0; i--) {
                long id = above.get(i);
                try {
                    removed.put(id, snapshots.snapshot(id));
                } catch (FileNotFoundException e) {
                    continue;
                }
                fileIO.delete(snapshots.snapshotPath(id), false);
            }
            snapshots.writeHint(SnapshotManager.LATEST, targetId);
        }
        if (restored) {
            ExpiryMark.reset(snapshots, targetId);
            snapshots.writeHint(SnapshotManager.EARLIEST, targetId);
        }
        resetConsumers(targetId);
        int deleted = deleteFilesOnlyOf(target, removed.values(), restored);
        return new Result(targetId, List.copyOf(removed.keySet()), removedTags, deleted);
    }

    /** Consumers that were past the target resume right after it. */
    private void resetConsumers(long targetId) throws IOException {
        ConsumerManager consumers = new ConsumerManager(fileIO, table.location());
        for (Map.Entry<String, Consumer> consumer : consumers.consumers().entrySet()) {
            if (consumer.getValue().nextSnapshot() > targetId + 1) {
                consumers.resetConsumer(consumer.getKey(), new Consumer(targetId + 1));
            }
        }
    }

    /**
     * Deletes the files of the removed snapshots that neither the target nor a remaining tag refers to: the files
     * their deltas added (all their live files, when the removed snapshots start below the target), their
     * changelog files, then their manifests and manifest lists.
     */
    private int deleteFilesOnlyOf(Snapshot target, Iterable<Snapshot> removed, boolean restored) throws IOException {
        TableFiles files = new TableFiles(table);
        Set<String> keep = new HashSet<>(files.referencedFiles(target));
        for (Snapshot tag : tags.tags().values()) {
            keep.addAll(files.referencedFiles(tag));
        }
        Map<String, Path> data = new HashMap<>();
        Set<String> lists = new HashSet<>();
        boolean first = true;
        for (Snapshot snapshot : removed) {
            try {
                if (first && restored) {
                    data.putAll(files.liveDataFiles(snapshot));
                }
                data.putAll(files.newFilesOf(files.deltaEntries(snapshot)));
                data.putAll(files.changelogFiles(snapshot));
            } catch (FileNotFoundException e) {
                // a manifest already gone: an earlier, interrupted rollback deleted this snapshot's files
            }
            first = false;
            lists.addAll(TableFiles.manifestLists(snapshot));
        }
        int deleted = 0;
        for (Map.Entry<String, Path> file : data.entrySet()) {
            if (!keep.contains(file.getKey()) && fileIO.delete(file.getValue(), false)) {
                deleted++;
            }
        }
        Set<String> manifests = new HashSet<>();
        for (String list : lists) {
            try {
                manifests.addAll(files.manifestsOf(list));
            } catch (FileNotFoundException e) {
                // as above
            }
        }
        for (String name : manifests) {
            deleted += deleteManifestFile(files, name, keep);
        }
        for (String name : lists) {
            deleted += deleteManifestFile(files, name, keep);
        }
        return deleted;
    }

    private int deleteManifestFile(TableFiles files, String name, Set<String> keep) throws IOException {
        Path path = files.manifestPath(name);
        return !keep.contains(TableFiles.key(path)) && fileIO.delete(path, false) ? 1 : 0;
    }

    private List<Long> idsAbove(long id) throws IOException {
        List<Long> ids = new ArrayList<>();
        for (FileStatus status : fileIO.listStatus(snapshots.snapshotDirectory())) {
            String name = status.path().getName();
            if (name.startsWith(SNAPSHOT_PREFIX)) {
                try {
                    long snapshotId = Long.parseLong(name.substring(SNAPSHOT_PREFIX.length()));
                    if (snapshotId > id) {
                        ids.add(snapshotId);
                    }
                } catch (NumberFormatException ignored) {
                    // not a snapshot file
                }
            }
        }
        ids.sort(null);
        return ids;
    }

    private String describeRange() throws IOException {
        OptionalLong earliest = snapshots.earliestSnapshotId();
        OptionalLong latest = snapshots.latestSnapshotId();
        return earliest.isEmpty() ? "none" : earliest.getAsLong() + " to " + latest.getAsLong();
    }
}
