package io.tstore.core.snapshot;

import io.tstore.core.fs.FileIO;
import io.tstore.core.fs.FileStatus;
import io.tstore.core.fs.Path;
import io.tstore.core.fs.PublishResult;
import io.tstore.core.fs.TableFileErrors;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

import static java.util.Objects.requireNonNull;

/**
 * Finds and reads the snapshots of one table in {@code <table>/snapshot/}. Snapshot ids are consecutive from 1;
 * {@code LATEST} and {@code EARLIEST} are hints that only save listing the directory: a stale or broken hint is
 * corrected by probing, never trusted.
 */
public final class SnapshotManager {
    private static final String PREFIX = "snapshot-";
    public static final String LATEST = "LATEST";
    public static final String EARLIEST = "EARLIEST";

    private final FileIO fileIO;
    private final Path tablePath;

    public SnapshotManager(FileIO fileIO, Path tablePath) {
        this.fileIO = requireNonNull(fileIO, "fileIO is null");
        this.tablePath = requireNonNull(tablePath, "tablePath is null");
    }

    public FileIO fileIO() {
        return fileIO;
    }

    public Path tablePath() {
        return tablePath;
    }

    public Path snapshotDirectory() {
        return new Path(tablePath, "snapshot");
    }

    public Path snapshotPath(long id) {
        return new Path(snapshotDirectory(), PREFIX + id);
    }

    public boolean snapshotExists(long id) throws IOException {
        return fileIO.exists(snapshotPath(id));
    }

    /** Reads a snapshot; a missing one is an error naming the table and the id. */
    public Snapshot snapshot(long id) throws IOException {
        Path path = snapshotPath(id);
        String json;
        try {
            json = fileIO.readUtf8(path);
        } catch (FileNotFoundException e) {
            FileNotFoundException notFound = new FileNotFoundException("Snapshot " + id + " of table "
                    + TableFileErrors.tableOf(path) + " does not exist (expired, or not yet committed): " + path);
            notFound.initCause(e);
            throw notFound;
        }
        return TableFileErrors.reading("snapshot file", path, () -> Snapshot.fromJson(json));
    }

    /** The id of the latest snapshot, or empty when the table has none. */
    public OptionalLong latestSnapshotId() throws IOException {
        long hint = readHint(LATEST);
        if (hint > 0 && snapshotExists(hint)) {
            long id = hint;
            while (snapshotExists(id + 1)) {
                id++;
            }
            return OptionalLong.of(id);
        }
        return listIds().stream().mapToLong(Long::longValue).max();
    }

    public Snapshot latestSnapshot() throws IOException {
        OptionalLong id = latestSnapshotId();
        return id.isPresent() ? snapshot(id.getAsLong()) : null;
    }

    /** The id of the earliest snapshot still present, or empty when the table has none. */
    public OptionalLong earliestSnapshotId() throws IOException {
        long hint = readHint(EARLIEST);
        if (hint > 0 && snapshotExists(hint) && (hint == 1 || !snapshotExists(hint - 1))) {
            return OptionalLong.of(hint);
        }
        return listIds().stream().mapToLong(Long::longValue).min();
    }

    /** Every snapshot present, in id order. */
    public List<Snapshot> snapshots() throws IOException {
        List<Snapshot> snapshots = new ArrayList<>();
        for (long id : listIds()) {
            snapshots.add(snapshot(id));
        }
        return snapshots;
    }

    /** The latest snapshot committed by this user at or before {@code maxId}, or null. */
    public Snapshot latestSnapshotOfUser(String commitUser) throws IOException {
        OptionalLong latest = latestSnapshotId();
        OptionalLong earliest = earliestSnapshotId();
        if (latest.isEmpty() || earliest.isEmpty()) {
            return null;
        }
        for (long id = latest.getAsLong(); id >= earliest.getAsLong(); id--) {
            Snapshot snapshot;
            try {
                snapshot = snapshot(id);
            } catch (FileNotFoundException e) {
                break; // expired under our feet: nothing older is left either
            }
            if (snapshot.commitUser().equals(commitUser)) {
                return snapshot;
            }
        }
        return null;
    }

    /** Publishes a new snapshot file: the atomic step of a commit (see {@link FileIO#publish}). */
    public PublishResult publish(Snapshot snapshot) throws IOException {
        return fileIO.publish(snapshotPath(snapshot.id()), snapshot.toJson().getBytes(StandardCharsets.UTF_8));
    }

    /** Records a hint; best effort, since readers verify hints. */
    public void writeHint(String name, long id) {
        try {
            fileIO.writeUtf8(new Path(snapshotDirectory(), name), Long.toString(id), true);
        } catch (IOException e) {
            org.slf4j.LoggerFactory.getLogger(SnapshotManager.class).debug("Could not write hint {} of {}", name, tablePath, e);
        }
    }

    private long readHint(String name) {
        try {
            return Long.parseLong(fileIO.readUtf8(new Path(snapshotDirectory(), name)).trim());
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
    }

    /** The ids of the snapshot files there are, ascending (listed, not from the hints). */
    public List<Long> listIds() throws IOException {
        List<Long> ids = new ArrayList<>();
        for (FileStatus status : fileIO.listStatus(snapshotDirectory())) {
            String name = status.path().getName();
            if (name.startsWith(PREFIX)) {
                try {
                    ids.add(Long.parseLong(name.substring(PREFIX.length())));
                } catch (NumberFormatException ignored) {
                    // not a snapshot file
                }
            }
        }
        ids.sort(null);
        return ids;
    }
}
