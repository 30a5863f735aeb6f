package io.tstore.core.commit;

import io.tstore.core.data.BinaryRow;
import io.tstore.core.file.DataFileMeta;
import io.tstore.core.fs.FileIO;
import io.tstore.core.fs.FileIOOptions;
import io.tstore.core.fs.Path;
import io.tstore.core.fs.PublishOutcomeUnknownException;
import io.tstore.core.fs.PublishResult;
import io.tstore.core.fs.s3.S3FileIOOptions;
import io.tstore.core.manifest.FileEntries;
import io.tstore.core.manifest.FileKind;
import io.tstore.core.manifest.ManifestEntry;
import io.tstore.core.manifest.ManifestFile;
import io.tstore.core.manifest.ManifestFileMeta;
import io.tstore.core.manifest.ManifestList;
import io.tstore.core.options.CommitOptions;
import io.tstore.core.snapshot.CommitKind;
import io.tstore.core.snapshot.Snapshot;
import io.tstore.core.snapshot.SnapshotManager;
import io.tstore.core.types.RowType;
import io.tstore.options.Options;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.Predicate;

import static java.util.Objects.requireNonNull;

/**
 * The single committer of one commit user: turns writers' messages into snapshots. Each commit makes at most an
 * APPEND snapshot (new files and changelog) and then a COMPACT snapshot (files compaction replaced), or one
 * OVERWRITE snapshot.
 *
 * <p>An attempt reads the latest snapshot's files, checks the changes against them ({@link ConflictDetection}),
 * writes the manifests and manifest lists, and publishes {@code snapshot-<latest+1>} through
 * {@link SnapshotManager#publish}:
 * <ul>
 *   <li>published: done;</li>
 *   <li>the id was taken (another commit won the race): delete what this attempt wrote and retry on the new
 *       latest snapshot, up to {@code commit.max-retries} times;</li>
 *   <li>a conflict: delete what this attempt wrote and fail with {@link CommitConflictException};</li>
 *   <li>outcome unknown: read the snapshot back; if it is ours, done; if it is someone else's, retry; if there is
 *       none, publish the very same snapshot again (a delayed earlier request and this one then carry the same bytes,
 *       so whichever lands is ours); if it cannot be read or stays unknown, fail and delete nothing, because the
 *       snapshot may refer to the files.</li>
 * </ul>
 * The latest snapshot is found by probing ids ({@link SnapshotManager#latestSnapshotId}); {@code LATEST} is a hint,
 * and a stale answer costs one lost race, never a lost commit, because the publish itself refuses a taken id.
 *
 * <p>A file system that cannot publish atomically ({@link FileIO#supportsAtomicPublish()} false) is refused unless the
 * table sets {@link CommitOptions#COMMIT_ALLOW_NON_ATOMIC_PUBLISH}: two racing commits could both "win" there.
 * Commits are idempotent per (commit user, identifier): {@link #filterCommitted} drops what already landed.
 */
public final class FileStoreCommit {
    /** How often a snapshot whose publish had an unknown outcome, and is not there, is published again. */
    private static final int UNKNOWN_PUBLISH_RETRIES = 3;

    private final FileIO fileIO;
    private final String tableName;
    private final String commitUser;
    private final long schemaId;
    private final SnapshotManager snapshotManager;
    private final ManifestFile manifestFile;
    private final ManifestList manifestList;
    private final ConflictDetection conflictDetection;
    private final int maxRetries;
    private final boolean allowNonAtomicPublish;
    private final long maxRetryWaitMillis;
    private final int manifestMergeMinCount;
    private final LongSupplier clock;

    public FileStoreCommit(
            FileIO fileIO,
            Path tablePath,
            String tableName,
            String commitUser,
            long schemaId,
            RowType partitionType,
            Comparator<BinaryRow> keyComparator,
            Options options,
            LongSupplier clock) {
        this.fileIO = requireNonNull(fileIO, "fileIO is null");
        this.tableName = requireNonNull(tableName, "tableName is null");
        this.commitUser = requireNonNull(commitUser, "commitUser is null");
        this.schemaId = schemaId;
        this.snapshotManager = new SnapshotManager(fileIO, tablePath);
        Path manifestDirectory = new Path(tablePath, "manifest");
        this.manifestFile = new ManifestFile(
                fileIO, manifestDirectory, partitionType, schemaId, options.get(CommitOptions.MANIFEST_TARGET_FILE_SIZE).bytes());
        this.manifestList = new ManifestList(fileIO, manifestDirectory);
        this.conflictDetection = new ConflictDetection(tableName, partitionType, keyComparator);
        this.maxRetries = options.get(CommitOptions.COMMIT_MAX_RETRIES);
        this.allowNonAtomicPublish = options.get(CommitOptions.COMMIT_ALLOW_NON_ATOMIC_PUBLISH);
        this.maxRetryWaitMillis = options.get(CommitOptions.COMMIT_MAX_RETRY_WAIT).toMillis();
        this.manifestMergeMinCount = options.get(CommitOptions.MANIFEST_MERGE_MIN_COUNT);
        this.clock = requireNonNull(clock, "clock is null");
    }

    public SnapshotManager snapshotManager() {
        return snapshotManager;
    }

    /** Drops the committables this user already committed: those with an identifier up to its latest snapshot's. */
    public List<ManifestCommittable> filterCommitted(List<ManifestCommittable> committables) throws IOException {
        Snapshot latestOfUser = snapshotManager.latestSnapshotOfUser(commitUser);
        if (latestOfUser == null) {
            return committables;
        }
        List<ManifestCommittable> pending = new ArrayList<>();
        for (ManifestCommittable committable : committables) {
            if (committable.identifier() > latestOfUser.commitIdentifier()) {
                pending.add(committable);
            }
        }
        return pending;
    }

    /** Commits the messages; returns how many snapshots were made (0, 1 or 2). */
    public int commit(ManifestCommittable committable) throws IOException {
        List<ManifestEntry> appended = new ArrayList<>();
        List<ManifestEntry> appendedChangelog = new ArrayList<>();
        List<ManifestEntry> compacted = new ArrayList<>();
        List<ManifestEntry> compactedChangelog = new ArrayList<>();
        for (CommitMessage message : committable.messages()) {
            addAll(appended, FileKind.ADD, message, message.newFiles());
            addAll(appendedChangelog, FileKind.ADD, message, message.changelogFiles());
            addAll(compacted, FileKind.DELETE, message, message.compactBefore());
            addAll(compacted, FileKind.ADD, message, message.compactAfter());
            addAll(compactedChangelog, FileKind.ADD, message, message.compactChangelog());
        }
        int snapshots = 0;
        long appendSnapshot = -1;
        if (!appended.isEmpty() || !appendedChangelog.isEmpty()) {
            appendSnapshot = tryCommit(latest -> appended, appendedChangelog, CommitKind.APPEND, committable);
            snapshots++;
        }
        if (!compacted.isEmpty() || !compactedChangelog.isEmpty()) {
            try {
                tryCommit(latest -> compacted, compactedChangelog, CommitKind.COMPACT, committable);
            } catch (CommitConflictException e) {
                if (appendSnapshot < 0) {
                    throw e;
                }
                // Only compaction conflicts, so this is the usual case for a conflict: the caller must know that
                // the new files are committed (not to be aborted) and that only the compaction was dropped.
                throw new CommitConflictException(String.format(
                        "%s. The new files of commit %d of user %s did land, in snapshot %d; only its compaction was "
                                + "dropped: restart the writer from the latest snapshot",
                        e.getMessage(), committable.identifier(), commitUser, appendSnapshot), e);
            }
            snapshots++;
        }
        return snapshots;
    }

    /**
     * The names of the files that this user's latest commit added: the ADD entries of its snapshots (an APPEND and
     * a COMPACT one share the commit identifier). Empty when the user has not committed. After a commit failed,
     * these are the files of its messages that must not be aborted: its APPEND snapshot may have landed before its
     * COMPACT snapshot failed, or a publish whose outcome was unknown may have landed after all.
     */
    public Set<String> filesAddedByLatestCommit() throws IOException {
        Set<String> names = new HashSet<>();
        Snapshot latestOfUser = snapshotManager.latestSnapshotOfUser(commitUser);
        if (latestOfUser == null) {
            return names;
        }
        long earliest = snapshotManager.earliestSnapshotId().orElse(latestOfUser.id());
        for (long id = latestOfUser.id(); id >= earliest; id--) {
            Snapshot snapshot;
            try {
                snapshot = id == latestOfUser.id() ? latestOfUser : snapshotManager.snapshot(id);
            } catch (FileNotFoundException e) {
                break; // expired: nothing older is left either
            }
            if (!snapshot.commitUser().equals(commitUser)) {
                continue;
            }
            if (snapshot.commitIdentifier() != latestOfUser.commitIdentifier()) {
                break;
            }
            for (String list : new String[] {snapshot.deltaManifestList(), snapshot.changelogManifestList()}) {
                if (list == null) {
                    continue;
                }
                for (ManifestFileMeta manifest : manifestList.read(list)) {
                    for (ManifestEntry entry : manifestFile.read(manifest.fileName())) {
                        if (entry.kind() == FileKind.ADD) {
                            names.add(entry.file().fileName());
                        }
                    }
                }
            }
        }
        return names;
    }

    /**
     * Replaces the data of the partitions the filter accepts (all, for a null filter) with the messages' new files
     * in one OVERWRITE snapshot.
     */
    public void overwrite(Predicate<BinaryRow> partitionFilter, ManifestCommittable committable) throws IOException {
        List<ManifestEntry> added = new ArrayList<>();
        for (CommitMessage message : committable.messages()) {
            if (!message.compactBefore().isEmpty() || !message.compactAfter().isEmpty()) {
                throw new IllegalArgumentException("An overwrite of table " + tableName + " cannot carry compaction results");
            }
            addAll(added, FileKind.ADD, message, message.newFiles());
        }
        tryCommit(latest -> {
            List<ManifestEntry> changes = new ArrayList<>();
            for (ManifestEntry file : latest) {
                if (partitionFilter == null || partitionFilter.test(file.partition())) {
                    changes.add(new ManifestEntry(FileKind.DELETE, file.partition(), file.bucket(), file.totalBuckets(), file.file()));
                }
            }
            changes.addAll(added);
            return changes;
        }, List.of(), CommitKind.OVERWRITE, committable);
    }

    /** The files of a snapshot: its base and delta manifests folded. */
    public List<ManifestEntry> readFiles(Snapshot snapshot) throws IOException {
        List<ManifestEntry> entries = new ArrayList<>();
        for (ManifestFileMeta manifest : allManifests(snapshot)) {
            entries.addAll(manifestFile.read(manifest.fileName()));
        }
        return FileEntries.mergeAll(entries);
    }

    private List<ManifestFileMeta> allManifests(Snapshot snapshot) throws IOException {
        List<ManifestFileMeta> manifests = new ArrayList<>(manifestList.read(snapshot.baseManifestList()));
        manifests.addAll(manifestList.read(snapshot.deltaManifestList()));
        return manifests;
    }

    private static void addAll(List<ManifestEntry> target, FileKind kind, CommitMessage message, List<DataFileMeta> files) {
        for (DataFileMeta file : files) {
            target.add(new ManifestEntry(kind, message.partition(), message.bucket(), message.totalBuckets(), file));
        }
    }

    /** Publishes one snapshot of the changes; returns its id. */
    private long tryCommit(
            Function<List<ManifestEntry>, List<ManifestEntry>> changesOnLatest,
            List<ManifestEntry> changelog,
            CommitKind kind,
            ManifestCommittable committable) throws IOException {
        checkAtomicPublish();
        for (int attempt = 0; ; attempt++) {
            Snapshot latest = snapshotManager.latestSnapshot();
            Attempt written = new Attempt();
            Snapshot snapshot = null;
            try {
                List<ManifestEntry> latestFiles = latest == null ? List.of() : readFiles(latest);
                List<ManifestEntry> changes = changesOnLatest.apply(latestFiles);
                conflictDetection.check(latestFiles, changes);
                snapshot = prepare(latest, latestFiles, changes, changelog, kind, committable, written);
            } catch (FileNotFoundException e) {
                // Another writer's expiry removed the snapshot this attempt built on while we read its manifests:
                // the latest snapshot moved on, so this is a lost race like any other (cleaned up below). Any
                // other missing file is damage, and fails.
                if (latest == null || snapshotManager.snapshotExists(latest.id())) {
                    written.cleanUp();
                    throw e;
                }
            } catch (IOException | RuntimeException e) {
                written.cleanUp();
                throw e;
            }
            if (snapshot != null) {
                try {
                    // The snapshot this attempt built on may have been expired or rolled back meanwhile, and then its
                    // id + 1 may be free although later snapshots exist: never publish into that gap, retry instead.
                    boolean baseExists = latest == null || snapshotManager.snapshotExists(latest.id());
                    if (baseExists && snapshotManager.publish(snapshot) == PublishResult.PUBLISHED) {
                        writeHints(snapshot);
                        return snapshot.id();
                    }
                } catch (PublishOutcomeUnknownException e) {
                    if (resolveUnknown(snapshot, e) == PublishResult.PUBLISHED) {
                        writeHints(snapshot);
                        return snapshot.id();
                    }
                    // Another commit's snapshot holds the id, so ours can never land there: a lost race.
                } catch (IOException | RuntimeException e) {
                    written.cleanUp();
                    throw e;
                }
            }
            // Lost the race for this snapshot id: what we wrote is garbage; try again on the new latest.
            written.cleanUp();
            if (attempt >= maxRetries) {
                throw new CommitConflictException(String.format(
                        "Commit %d of user %s to table %s lost the race for a snapshot id %d times; giving up",
                        committable.identifier(), commitUser, tableName, attempt + 1));
            }
            backOff(attempt);
        }
    }

    /**
     * Finds out whether a snapshot whose publish had an unknown outcome landed: {@code PUBLISHED} when the id holds
     * it, {@code ALREADY_EXISTS} when it holds another commit's snapshot. When the id is free, the same snapshot is
     * published again: an earlier request still in flight carries the same content, so whichever lands is this
     * commit. Throws {@code unknown} (nothing may be cleaned up) when the snapshot cannot be read or the outcome
     * stays unknown.
     */
    private PublishResult resolveUnknown(Snapshot snapshot, PublishOutcomeUnknownException unknown) throws IOException {
        for (int attempt = 0; ; attempt++) {
            Snapshot existing;
            try {
                existing = snapshotManager.snapshotExists(snapshot.id()) ? snapshotManager.snapshot(snapshot.id()) : null;
            } catch (IOException readFailure) {
                unknown.addSuppressed(readFailure);
                throw unknown; // the snapshot may refer to what we wrote: leave it all in place
            }
            if (existing != null) {
                return isSameCommit(existing, snapshot) ? PublishResult.PUBLISHED : PublishResult.ALREADY_EXISTS;
            }
            if (attempt >= UNKNOWN_PUBLISH_RETRIES) {
                throw unknown;
            }
            try {
                if (snapshotManager.publish(snapshot) == PublishResult.PUBLISHED) {
                    return PublishResult.PUBLISHED;
                }
                // Taken meanwhile, by our own earlier request or another commit: the next read tells.
            } catch (IOException again) {
                // Not published this time; the earlier request may still land, so keep it unknown.
                unknown.addSuppressed(again);
            }
        }
    }

    private void checkAtomicPublish() throws IOException {
        if (!allowNonAtomicPublish && !fileIO.supportsAtomicPublish()) {
            throw new IOException(String.format("Cannot commit to table %s: its file system (%s) cannot publish a snapshot "
                    + "atomically (it has neither a rename that refuses to replace a file nor a conditional put), so two "
                    + "writers committing at once could both take one snapshot id and one commit would be lost. Use a store "
                    + "that can: on S3, one that honours If-None-Match (option '%s' = 'true', the default); on Hadoop, a "
                    + "file system whose rename refuses to replace (list its scheme in '%s'). If only one writer ever commits "
                    + "to this table at a time, set the table option '%s' = 'true'. See docs/object-storage.md.",
                    tableName, fileIO, S3FileIOOptions.CONDITIONAL_PUT.key(), FileIOOptions.ATOMIC_RENAME_SCHEMES.key(),
                    CommitOptions.COMMIT_ALLOW_NON_ATOMIC_PUBLISH.key()));
        }
    }

    private Snapshot prepare(
            Snapshot latest,
            List<ManifestEntry> latestFiles,
            List<ManifestEntry> changes,
            List<ManifestEntry> changelog,
            CommitKind kind,
            ManifestCommittable committable,
            Attempt written) throws IOException {
        List<ManifestFileMeta> base = latest == null ? new ArrayList<>() : allManifests(latest);
        if (base.size() > manifestMergeMinCount) {
            // Many small manifests: fold them into as few as their live entries need.
            base = written.manifests(manifestFile.write(latestFiles));
        }
        String baseList = written.list(manifestList.write(base));
        String deltaList = written.list(manifestList.write(written.manifests(manifestFile.write(changes))));
        String changelogList = changelog.isEmpty()
                ? null
                : written.list(manifestList.write(written.manifests(manifestFile.write(changelog))));

        long delta = 0;
        for (ManifestEntry change : changes) {
            delta += change.kind() == FileKind.ADD ? change.file().rowCount() : -change.file().rowCount();
        }
        long changelogRows = 0;
        for (ManifestEntry entry : changelog) {
            changelogRows += entry.file().rowCount();
        }
        return new Snapshot(
                Snapshot.CURRENT_VERSION,
                latest == null ? 1 : latest.id() + 1,
                schemaId,
                baseList,
                deltaList,
                changelogList,
                commitUser,
                committable.identifier(),
                kind,
                clock.getAsLong(),
                (latest == null ? 0 : latest.totalRecordCount()) + delta,
                delta,
                changelogList == null ? null : changelogRows,
                logOffsets(latest, committable.logOffsets()));
    }

    /**
     * The log offsets of a new snapshot: the latest snapshot's, with the buckets this commit wrote moved on. A
     * commit writes some buckets only (and a compaction none), and a reader that starts from any snapshot needs
     * the offset of every bucket. Null when neither has offsets (no log store).
     */
    private static java.util.Map<Integer, Long> logOffsets(Snapshot latest, java.util.Map<Integer, Long> committed) {
        java.util.Map<Integer, Long> previous = latest == null ? null : latest.logOffsets();
        if (previous == null) {
            return committed;
        }
        java.util.Map<Integer, Long> merged = new java.util.TreeMap<>(previous);
        if (committed != null) {
            committed.forEach((bucket, offset) -> merged.merge(bucket, offset, Math::max));
        }
        return merged;
    }

    private void writeHints(Snapshot snapshot) {
        if (snapshot.id() == 1) {
            snapshotManager.writeHint(SnapshotManager.EARLIEST, 1);
        }
        snapshotManager.writeHint(SnapshotManager.LATEST, snapshot.id());
    }

    private static boolean isSameCommit(Snapshot existing, Snapshot ours) {
        return existing.commitUser().equals(ours.commitUser())
                && existing.commitIdentifier() == ours.commitIdentifier()
                && existing.commitKind() == ours.commitKind()
                && existing.deltaManifestList().equals(ours.deltaManifestList())
                && Objects.equals(existing.changelogManifestList(), ours.changelogManifestList());
    }

    private void backOff(int attempt) throws InterruptedIOException {
        long bound = Math.min(maxRetryWaitMillis, 10L << Math.min(attempt, 10));
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(bound + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while retrying a commit to " + tableName);
        }
    }

    /** The files one attempt wrote, so a failed attempt leaves nothing behind. */
    private final class Attempt {
        private final List<String> manifests = new ArrayList<>();
        private final List<String> lists = new ArrayList<>();

        List<ManifestFileMeta> manifests(List<ManifestFileMeta> written) {
            for (ManifestFileMeta meta : written) {
                manifests.add(meta.fileName());
            }
            return written;
        }

        String list(String fileName) {
            lists.add(fileName);
            return fileName;
        }

        void cleanUp() {
            manifests.forEach(manifestFile::delete);
            lists.forEach(manifestList::delete);
        }
    }
}
