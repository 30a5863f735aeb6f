package io.tstore.core.snapshot;

import io.tstore.core.fs.FileIO;
import io.tstore.core.fs.FileStatus;
import io.tstore.core.fs.Path;
import io.tstore.core.fs.PublishOutcomeUnknownException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Expiry's commitment: before an expiry run deletes anything it publishes {@code snapshot/expire-<E>}, where
 * {@code E} is the first snapshot it keeps; everything below is then doomed, even if the run stops half-way. The
 * mark is the largest such {@code E}. Marks are only ever created (never overwritten), so runs at once never
 * lower it; all but the two largest marks are deleted afterwards. A re-run of expiry, a tag creation and a rollback read it, to
 * continue, refuse, or avoid what a half-done run has begun.
 */
public final class ExpiryMark {
    static final String PREFIX = "expire-";
    public static final Pattern FILE = Pattern.compile(PREFIX + "\\d+");

    private ExpiryMark() {}

    /** The mark, or -1 when no expiry has run. */
    public static long read(SnapshotManager snapshots) throws IOException {
        List<Long> marks = marks(snapshots);
        return marks.isEmpty() ? -1 : marks.get(marks.size() - 1);
    }

    /** Raises the mark to {@code id} (a smaller {@code id} leaves it as it is) and drops smaller marks. */
    public static void write(SnapshotManager snapshots, long id) throws IOException {
        FileIO fileIO = snapshots.fileIO();
        try {
            fileIO.publish(path(snapshots, id), Long.toString(id).getBytes(StandardCharsets.UTF_8));
        } catch (PublishOutcomeUnknownException e) {
            if (!fileIO.exists(path(snapshots, id))) {
                throw e;
            }
        }
        // Keep the two largest marks. A listing that runs while a mark is created and another deleted may see
        // neither of them (directory listings promise nothing about entries changed meanwhile); it still sees the
        // second largest, which was there before and stays.
        List<Long> marks = marks(snapshots);
        if (marks.size() > 2) {
            long secondLargest = marks.get(marks.size() - 2);
            for (long mark : marks) {
                if (mark < secondLargest) {
                    fileIO.deleteQuietly(path(snapshots, mark));
                }
            }
        }
    }

    /** Sets the mark to {@code id}, also lowering it: for a rollback that restores an expired snapshot. */
    public static void reset(SnapshotManager snapshots, long id) throws IOException {
        write(snapshots, id);
        for (long mark : marks(snapshots)) {
            if (mark != id) {
                snapshots.fileIO().deleteQuietly(path(snapshots, mark));
            }
        }
    }

    private static List<Long> marks(SnapshotManager snapshots) throws IOException {
        List<Long> marks = new ArrayList<>();
        for (FileStatus status : snapshots.fileIO().listStatus(snapshots.snapshotDirectory())) {
            String name = status.path().getName();
            if (FILE.matcher(name).matches()) {
                marks.add(Long.parseLong(name.substring(PREFIX.length())));
            }
        }
        marks.sort(null);
        return marks;
    }

    private static Path path(SnapshotManager snapshots, long id) {
        return new Path(snapshots.snapshotDirectory(), PREFIX + id);
    }
}
