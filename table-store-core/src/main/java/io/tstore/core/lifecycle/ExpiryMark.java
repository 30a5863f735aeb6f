package io.tstore.core.lifecycle;

import io.tstore.core.fs.Path;
import io.tstore.core.snapshot.SnapshotManager;

import java.io.FileNotFoundException;
import java.io.IOException;

/**
 * The {@code snapshot/EARLIEST} hint read and written as expiry's commitment. Before an expiry run deletes
 * anything it writes the id of the first snapshot it keeps there; everything below is then doomed, even if the
 * run stops half-way. Readers only use the hint once it names a snapshot whose predecessor is gone (see
 * {@link SnapshotManager#earliestSnapshotId()}), so writing it early misleads no reader; but a re-run of expiry,
 * a tag creation and a rollback read it raw, to continue, refuse, or avoid what a half-done run has begun.
 */
public final class ExpiryMark {
    private ExpiryMark() {}

    /** The raw hint, or -1 when there is none or it cannot be read. */
    public static long read(SnapshotManager snapshots) {
        try {
            return Long.parseLong(snapshots.fileIO().readUtf8(path(snapshots)).trim());
        } catch (FileNotFoundException | NumberFormatException e) {
            return -1;
        } catch (IOException e) {
            return -1;
        }
    }

    /** Writes the hint; unlike {@link SnapshotManager#writeHint} a failure is an error, since expiry relies on it. */
    public static void write(SnapshotManager snapshots, long id) throws IOException {
        snapshots.fileIO().overwriteUtf8(path(snapshots), Long.toString(id));
    }

    private static Path path(SnapshotManager snapshots) {
        return new Path(snapshots.snapshotDirectory(), SnapshotManager.EARLIEST);
    }
}
