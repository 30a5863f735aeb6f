package io.tstore.core.tag;

import io.tstore.core.fs.FileIO;
import io.tstore.core.fs.FileStatus;
import io.tstore.core.fs.Path;
import io.tstore.core.fs.PublishResult;
import io.tstore.core.fs.TableFileErrors;
import io.tstore.core.scan.TableFiles;
import io.tstore.core.snapshot.ExpiryMark;
import io.tstore.core.snapshot.Snapshot;
import io.tstore.core.snapshot.SnapshotManager;
import io.tstore.core.snapshot.StoredTable;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * The tags of one table: named snapshots in {@code <table>/tag/tag-<name>}, each file holding the tagged
 * snapshot's JSON exactly as {@code snapshot/snapshot-<id>} held it. A tag keeps everything its snapshot refers
 * to (data files, changelog files, manifests, manifest lists) alive through snapshot expiry; deleting the tag
 * deletes what only it kept alive. Readers of {@code scan.tag-name} read the tag file as a snapshot.
 */
public final class TagManager {
    private static final String PREFIX = "tag-";
    private static final Pattern VALID_NAME = Pattern.compile("[A-Za-z0-9_.\\-]{1,255}");

    private final StoredTable table;
    private final FileIO fileIO;
    private final Path directory;
    private final SnapshotManager snapshots;

    public TagManager(StoredTable table) {
        this.table = requireNonNull(table, "table is null");
        this.fileIO = table.fileIO();
        this.directory = tagDirectory(table.location());
        this.snapshots = table.snapshotManager();
    }

    public static Path tagDirectory(Path tablePath) {
        return new Path(tablePath, "tag");
    }

    /** Where the tag's file is: {@code <table>/tag/tag-<name>}. */
    public static Path tagPath(Path tablePath, String name) {
        return new Path(tagDirectory(tablePath), PREFIX + checkName(name));
    }

    /** Checks a tag name: 1 to 255 letters, digits, '_', '-' and '.', not only dots. */
    public static String checkName(String name) {
        if (name == null || !VALID_NAME.matcher(name).matches() || name.chars().allMatch(c -> c == '.')) {
            throw new IllegalArgumentException("Invalid tag name '" + name
                    + "': use 1 to 255 letters, digits, '_', '-' and '.', not only dots");
        }
        return name;
    }

    /** Tags the latest snapshot; returns it. */
    public Snapshot createTag(String name) throws IOException {
        OptionalLong latest = snapshots.latestSnapshotId();
        if (latest.isEmpty()) {
            throw new IllegalStateException("Table " + table.name() + " has no snapshot to tag as '" + name + "'");
        }
        return createTag(name, latest.getAsLong());
    }

    /**
     * Tags a snapshot that still exists. Fails, naming the table, when the tag exists or the snapshot does not.
     *
     * <p>Against a concurrent expiry: the tag is written first and expiry's mark ({@link ExpiryMark}) read after;
     * expiry writes its mark first and reads the tags after. So either expiry sees the tag and keeps the files, or
     * this sees that expiry has doomed the snapshot, removes the tag again and fails.
     */
    public Snapshot createTag(String name, long snapshotId) throws IOException {
        Path path = tagPath(table.location(), name);
        Snapshot snapshot;
        try {
            snapshot = snapshots.snapshot(snapshotId);
        } catch (FileNotFoundException e) {
            throw new IllegalArgumentException(String.format(
                    "Cannot tag snapshot %d of table %s as '%s': it does not exist (expired, or not yet committed)",
                    snapshotId, table.name(), name), e);
        }
        if (publish(path, snapshot) != PublishResult.PUBLISHED) {
            throw new IllegalStateException("Tag '" + name + "' of table " + table.name() + " already exists");
        }
        long doomedBelow = ExpiryMark.read(snapshots);
        if (doomedBelow > snapshotId || !snapshots.snapshotExists(snapshotId)) {
            fileIO.delete(path, false);
            throw new IllegalStateException(String.format(
                    "Cannot tag snapshot %d of table %s as '%s': it is being expired; tag a later snapshot",
                    snapshotId, table.name(), name));
        }
        return snapshot;
    }

    private PublishResult publish(Path path, Snapshot snapshot) throws IOException {
        return fileIO.publish(path, snapshot.toJson().getBytes(StandardCharsets.UTF_8));
    }

    /** The tagged snapshot, or empty when there is no such tag. */
    public Optional<Snapshot> tag(String name) throws IOException {
        try {
            Path path = tagPath(table.location(), name);
            String json = fileIO.readUtf8(path);
            return Optional.of(TableFileErrors.reading("tag file", path, () -> Snapshot.fromJson(json)));
        } catch (FileNotFoundException e) {
            return Optional.empty();
        }
    }

    public boolean tagExists(String name) throws IOException {
        return fileIO.exists(tagPath(table.location(), name));
    }

    /** Every tag by name, in name order. */
    public Map<String, Snapshot> tags() throws IOException {
        Map<String, Snapshot> tags = new TreeMap<>();
        for (String name : tagNames()) {
            tag(name).ifPresent(snapshot -> tags.put(name, snapshot));
        }
        return tags;
    }

    /** The names of every tag, in order. */
    public List<String> tagNames() throws IOException {
        List<String> names = new ArrayList<>();
        if (!fileIO.exists(directory)) {
            return names;
        }
        for (FileStatus status : fileIO.listStatus(directory)) {
            String fileName = status.path().getName();
            if (!status.isDir() && fileName.startsWith(PREFIX) && VALID_NAME.matcher(fileName.substring(PREFIX.length())).matches()) {
                names.add(fileName.substring(PREFIX.length()));
            }
        }
        names.sort(null);
        return names;
    }

    /**
     * Deletes a tag and the files that only it kept alive: when its snapshot has expired, the files the tag
     * refers to that neither the earliest snapshot nor another tag refers to. (While the snapshot is still there,
     * expiry deletes its files in time.) Returns how many files were deleted; fails when there is no such tag.
     */
    public int deleteTag(String name) throws IOException {
        Snapshot tagged = tag(name).orElseThrow(() -> new IllegalArgumentException(
                "Table " + table.name() + " has no tag '" + name + "'"));
        fileIO.delete(tagPath(table.location(), name), false);
        // Read after the tag is gone: an expiry that read the tags before saw it, and has written its mark by now.
        OptionalLong earliestId = snapshots.earliestSnapshotId();
        long keepFrom = Math.max(earliestId.orElse(Long.MAX_VALUE), ExpiryMark.read(snapshots));
        if (earliestId.isPresent() && tagged.id() >= keepFrom && snapshots.snapshotExists(tagged.id())) {
            return 0;
        }
        TableFiles files = new TableFiles(table);
        Set<String> keep = new HashSet<>();
        if (earliestId.isPresent()) {
            Snapshot earliest = snapshots.snapshot(keepFrom);
            keep.addAll(files.referencedFiles(earliest));
        }
        for (Snapshot other : tags().values()) {
            keep.addAll(files.referencedFiles(other));
        }
        return deleteUnkept(files, tagged, keep);
    }

    /** Deletes what the snapshot refers to and {@code keep} does not: data files, then manifests, then lists. */
    private int deleteUnkept(TableFiles files, Snapshot snapshot, Set<String> keep) throws IOException {
        int deleted = 0;
        Map<String, Path> data = new HashMap<>(files.liveDataFiles(snapshot));
        data.putAll(files.changelogFiles(snapshot));
        for (Map.Entry<String, Path> file : data.entrySet()) {
            if (!keep.contains(file.getKey()) && fileIO.delete(file.getValue(), false)) {
                deleted++;
            }
        }
        for (String list : TableFiles.manifestLists(snapshot)) {
            for (String manifest : files.manifestsOf(list)) {
                Path path = files.manifestPath(manifest);
                if (!keep.contains(TableFiles.key(path)) && fileIO.delete(path, false)) {
                    deleted++;
                }
            }
        }
        for (String list : TableFiles.manifestLists(snapshot)) {
            Path path = files.manifestPath(list);
            if (!keep.contains(TableFiles.key(path)) && fileIO.delete(path, false)) {
                deleted++;
            }
        }
        return deleted;
    }
}
