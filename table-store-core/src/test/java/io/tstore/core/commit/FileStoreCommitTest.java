package io.tstore.core.commit;

import io.tstore.core.data.BinaryRow;
import io.tstore.core.data.BinaryString;
import io.tstore.core.data.GenericRow;
import io.tstore.core.data.InternalRows;
import io.tstore.core.data.RowComparator;
import io.tstore.core.file.DataFileMeta;
import io.tstore.core.file.FileSource;
import io.tstore.core.file.SimpleStats;
import io.tstore.core.fs.FailingFileIO;
import io.tstore.core.fs.FileIO;
import io.tstore.core.fs.FileStatus;
import io.tstore.core.fs.LocalFileIO;
import io.tstore.core.fs.Path;
import io.tstore.core.fs.PublishOutcomeUnknownException;
import io.tstore.core.manifest.ManifestEntry;
import io.tstore.core.manifest.ManifestFileMeta;
import io.tstore.core.manifest.ManifestList;
import io.tstore.core.snapshot.CommitKind;
import io.tstore.core.snapshot.Snapshot;
import io.tstore.core.snapshot.SnapshotManager;
import io.tstore.core.types.DataTypes;
import io.tstore.core.types.RowType;
import io.tstore.options.Options;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The commit protocol on its own, with file metadata standing for data files: snapshots, idempotence, conflicts,
 * concurrent committers and injected I/O failures. Every test ends by checking that no manifest is left that no
 * snapshot refers to and that every referenced one exists.
 */
class FileStoreCommitTest {
    private static final RowType PARTITION_TYPE = RowType.builder().field("dt", DataTypes.STRING()).build();
    private static final RowType KEY_TYPE = RowType.builder().field("id", DataTypes.BIGINT().notNull()).build();
    private static final RowComparator KEY_ORDER = new RowComparator(KEY_TYPE);
    private static final Comparator<BinaryRow> KEYS = KEY_ORDER::compare;

    @TempDir
    java.nio.file.Path dir;

    private Path tablePath;
    private final AtomicLong fileCounter = new AtomicLong();
    private final AtomicLong clock = new AtomicLong(1_000);

    @BeforeEach
    void setUp() {
        tablePath = new Path(dir.toUri().toString()).getParent() == null ? new Path(dir.toString()) : new Path(dir.toString());
    }

    private FileStoreCommit committer(FileIO fileIO, String user) {
        return new FileStoreCommit(fileIO, tablePath, "db.t", user, 0, PARTITION_TYPE, KEYS,
                Options.of("manifest.merge-min-count", "5"), clock::incrementAndGet);
    }

    private static BinaryRow partition(String dt) {
        return InternalRows.toBinaryRow(GenericRow.of(BinaryString.fromString(dt)), PARTITION_TYPE);
    }

    private static BinaryRow key(long id) {
        return InternalRows.toBinaryRow(GenericRow.of(id), KEY_TYPE);
    }

    private DataFileMeta file(int level, long minKey, long maxKey) {
        return new DataFileMeta("data-" + fileCounter.incrementAndGet() + ".orc", 1000, maxKey - minKey + 1, key(minKey), key(maxKey),
                SimpleStats.EMPTY, 0, 10, 0, level, 0, 0, level == 0 ? FileSource.APPEND : FileSource.COMPACT);
    }

    private static CommitMessage add(String dt, int bucket, DataFileMeta... files) {
        return CommitMessage.ofNewFiles(partition(dt), bucket, 2, List.of(files));
    }

    private static CommitMessage compact(String dt, int bucket, List<DataFileMeta> before, List<DataFileMeta> after) {
        return new CommitMessage(partition(dt), bucket, 2, List.of(), List.of(), before, after, List.of());
    }

    private Set<String> liveFiles(FileIO fileIO) throws IOException {
        FileStoreCommit reader = committer(fileIO, "reader");
        Snapshot latest = reader.snapshotManager().latestSnapshot();
        Set<String> names = new TreeSet<>();
        if (latest != null) {
            for (ManifestEntry entry : reader.readFiles(latest)) {
                names.add(entry.file().fileName() + "@" + entry.file().level());
            }
        }
        return names;
    }

    @Test
    void appendThenCompactMakesTwoSnapshots() throws IOException {
        FileIO fileIO = new LocalFileIO();
        FileStoreCommit commit = committer(fileIO, "writer");
        DataFileMeta a = file(0, 1, 10);
        DataFileMeta b = file(0, 5, 20);
        assertThat(commit.commit(new ManifestCommittable(1, List.of(add("d1", 0, a, b))))).isEqualTo(1);
        DataFileMeta merged = file(1, 1, 20);
        DataFileMeta c = file(0, 30, 40);
        assertThat(commit.commit(new ManifestCommittable(2, List.of(
                add("d1", 0, c), compact("d1", 0, List.of(a, b), List.of(merged)))))).isEqualTo(2);

        SnapshotManager snapshots = commit.snapshotManager();
        assertThat(snapshots.latestSnapshotId()).hasValue(3);
        assertThat(snapshots.snapshot(2).commitKind()).isEqualTo(CommitKind.APPEND);
        assertThat(snapshots.snapshot(3).commitKind()).isEqualTo(CommitKind.COMPACT);
        assertThat(snapshots.snapshot(3).commitIdentifier()).isEqualTo(2);
        assertThat(liveFiles(fileIO)).containsExactlyInAnyOrder(merged.fileName() + "@1", c.fileName() + "@0");
        assertNoOrphanManifests(fileIO);
    }

    @Test
    void retriedCommitsAreDroppedByIdentifier() throws IOException {
        FileIO fileIO = new LocalFileIO();
        FileStoreCommit commit = committer(fileIO, "writer");
        ManifestCommittable first = new ManifestCommittable(7, List.of(add("d1", 0, file(0, 1, 2))));
        ManifestCommittable second = new ManifestCommittable(8, List.of(add("d1", 1, file(0, 1, 2))));
        commit.commit(first);
        // A restarted writer replays both; only the second is new. Other users' commits do not count.
        committer(fileIO, "other").commit(new ManifestCommittable(100, List.of(add("d2", 0, file(0, 1, 2)))));
        assertThat(commit.filterCommitted(List.of(first, second))).containsExactly(second);
        assertNoOrphanManifests(fileIO);
    }

    @Test
    void aCompactionOfAFileAnotherCommitRemovedFailsAndLeavesNothing() throws IOException {
        FileIO fileIO = new LocalFileIO();
        DataFileMeta a = file(0, 1, 10);
        committer(fileIO, "writer").commit(new ManifestCommittable(1, List.of(add("d1", 0, a))));
        committer(fileIO, "compactor-1").commit(new ManifestCommittable(1, List.of(compact("d1", 0, List.of(a), List.of(file(1, 1, 10))))));
        Set<String> before = liveFiles(fileIO);

        assertThatThrownBy(() -> committer(fileIO, "compactor-2")
                        .commit(new ManifestCommittable(1, List.of(compact("d1", 0, List.of(a), List.of(file(2, 1, 10)))))))
                .isInstanceOf(CommitConflictException.class)
                .hasMessageContaining("db.t")
                .hasMessageContaining(a.fileName())
                .hasMessageContaining("bucket 0")
                .hasMessageContaining("partition dt=d1");
        assertThat(liveFiles(fileIO)).isEqualTo(before);
        assertNoOrphanManifests(fileIO);
    }

    @Test
    void overlappingFilesOnOneLevelAreAConflict() throws IOException {
        FileIO fileIO = new LocalFileIO();
        committer(fileIO, "c1").commit(new ManifestCommittable(1, List.of(compact("d1", 0, List.of(), List.of(file(1, 1, 10))))));
        assertThatThrownBy(() -> committer(fileIO, "c2")
                        .commit(new ManifestCommittable(1, List.of(compact("d1", 0, List.of(), List.of(file(1, 5, 15)))))))
                .isInstanceOf(CommitConflictException.class)
                .hasMessageContaining("overlap")
                .hasMessageContaining("level 1");
        assertNoOrphanManifests(fileIO);
    }

    @Test
    void aNewBucketCountNeedsAnOverwrite() throws IOException {
        FileIO fileIO = new LocalFileIO();
        FileStoreCommit commit = committer(fileIO, "writer");
        commit.commit(new ManifestCommittable(1, List.of(add("d1", 0, file(0, 1, 2)), add("d2", 1, file(0, 1, 2)))));
        CommitMessage fourBuckets = CommitMessage.ofNewFiles(partition("d1"), 3, 4, List.of(file(0, 1, 2)));
        assertThatThrownBy(() -> commit.commit(new ManifestCommittable(2, List.of(fourBuckets))))
                .isInstanceOf(CommitConflictException.class)
                .hasMessageContaining("'bucket'")
                .hasMessageContaining("2 buckets")
                .hasMessageContaining("4 buckets");

        // Overwriting partition d1 replaces its files, and with them the bucket count; d2 is untouched.
        commit.overwrite(p -> p.equals(partition("d1")), new ManifestCommittable(3, List.of(fourBuckets)));
        assertThat(commit.snapshotManager().latestSnapshot().commitKind()).isEqualTo(CommitKind.OVERWRITE);
        assertThat(liveFiles(fileIO)).hasSize(2).contains(fourBuckets.newFiles().get(0).fileName() + "@0");
        assertNoOrphanManifests(fileIO);
    }

    @Test
    void concurrentCommittersAllLand() throws Exception {
        FileIO fileIO = new LocalFileIO();
        int threads = 4;
        int commitsEach = 12;
        ExecutorService executor = Executors.newFixedThreadPool(threads);
        List<Future<List<String>>> results = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            String user = "user-" + t;
            results.add(executor.submit(() -> {
                FileStoreCommit commit = committer(fileIO, user);
                List<String> mine = new ArrayList<>();
                for (int i = 1; i <= commitsEach; i++) {
                    DataFileMeta f = file(0, i, i);
                    commit.commit(new ManifestCommittable(i, List.of(add("d" + (i % 3), i % 2, f))));
                    mine.add(f.fileName() + "@0");
                }
                return mine;
            }));
        }
        Set<String> expected = new HashSet<>();
        for (Future<List<String>> result : results) {
            expected.addAll(result.get());
        }
        executor.shutdown();
        assertThat(liveFiles(fileIO)).isEqualTo(expected);
        SnapshotManager snapshots = new SnapshotManager(fileIO, tablePath);
        assertThat(snapshots.latestSnapshotId()).hasValue(threads * commitsEach);
        assertThat(snapshots.snapshots()).extracting(Snapshot::id)
                .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, threads * commitsEach).boxed().toList());
        assertNoOrphanManifests(fileIO);
    }

    @Test
    void injectedFailuresNeverLoseACommitOrLeaveGarbage() throws IOException {
        int orphanChecks = 0;
        for (long seed = 1; seed <= 5; seed++) {
            java.nio.file.Path seedDir = dir.resolve("seed-" + seed);
            tablePath = new Path(seedDir.toString());
            FailingFileIO fileIO = new FailingFileIO(new LocalFileIO());
            fileIO.failRandomly(seed, 0.03, FailingFileIO.Kind.READ, FailingFileIO.Kind.WRITE, FailingFileIO.Kind.PUBLISH);
            FileStoreCommit commit = committer(fileIO, "writer");
            List<DataFileMeta> level0 = new ArrayList<>();
            DataFileMeta level1 = null;
            Set<String> committed = new TreeSet<>();
            boolean unresolved = false;
            for (long identifier = 1; identifier <= 60; identifier++) {
                List<CommitMessage> messages = new ArrayList<>();
                DataFileMeta added = file(0, identifier, identifier + 5);
                messages.add(add("d1", 0, added));
                DataFileMeta merged = null;
                List<DataFileMeta> compacted = List.copyOf(level0);
                if (compacted.size() >= 3) {
                    merged = file(1, 0, 1_000);
                    List<DataFileMeta> before = new ArrayList<>(compacted);
                    if (level1 != null) {
                        before.add(level1);
                    }
                    messages.add(compact("d1", 0, before, List.of(merged)));
                }
                ManifestCommittable committable = new ManifestCommittable(identifier, messages);
                try {
                    commit.commit(committable);
                } catch (IOException e) {
                    assertThat(FailingFileIO.isInjected(e)).as("only injected failures: %s", e).isTrue();
                    unresolved |= e instanceof PublishOutcomeUnknownException;
                    // A restarted committer replays the committable if it did not land, as a writer would.
                    fileIO.disarm();
                    List<ManifestCommittable> pending = committer(fileIO, "writer").filterCommitted(List.of(committable));
                    if (!pending.isEmpty()) {
                        committer(fileIO, "writer").commit(committable);
                    } else if (liveFilesOf(fileIO).contains(added.fileName() + "@0") && merged != null
                            && !liveFilesOf(fileIO).contains(merged.fileName() + "@1")) {
                        // The APPEND landed but the COMPACT did not: the compaction is simply lost, the data is not.
                        merged = null;
                    }
                    fileIO.arm();
                }
                committed.add(added.fileName() + "@0");
                if (merged != null) {
                    for (DataFileMeta f : compacted) {
                        committed.remove(f.fileName() + "@0");
                    }
                    committed.removeIf(name -> name.endsWith("@1"));
                    committed.add(merged.fileName() + "@1");
                    level0.removeAll(compacted);
                    level1 = merged;
                }
                level0.add(added);
                fileIO.disarm();
                assertThat(liveFiles(fileIO)).as("seed %d, after commit %d", seed, identifier).isEqualTo(committed);
                fileIO.arm();
            }
            fileIO.disarm();
            assertThat(fileIO.injectedFailures()).as("seed %d injected failures", seed).isPositive();
            // An outcome the committer could not resolve leaves its files on purpose: the snapshot may refer to them.
            if (!unresolved) {
                assertNoOrphanManifests(fileIO);
                orphanChecks++;
            }
        }
        assertThat(orphanChecks).isGreaterThanOrEqualTo(3);
    }

    private Set<String> liveFilesOf(FileIO fileIO) throws IOException {
        return liveFiles(fileIO);
    }

    /** Every manifest and manifest list in the table is referenced by a snapshot, and every referenced one exists. */
    private void assertNoOrphanManifests(FileIO fileIO) throws IOException {
        SnapshotManager snapshots = new SnapshotManager(fileIO, tablePath);
        Path manifestDir = new Path(tablePath, "manifest");
        ManifestList lists = new ManifestList(fileIO, manifestDir);
        Set<String> referenced = new TreeSet<>();
        for (Snapshot snapshot : snapshots.snapshots()) {
            for (String list : new String[] {snapshot.baseManifestList(), snapshot.deltaManifestList(), snapshot.changelogManifestList()}) {
                if (list != null) {
                    referenced.add(list);
                    for (ManifestFileMeta manifest : lists.read(list)) {
                        referenced.add(manifest.fileName());
                    }
                }
            }
        }
        Set<String> present = new TreeSet<>();
        for (FileStatus status : fileIO.listStatus(manifestDir)) {
            present.add(status.path().getName());
        }
        assertThat(present).as("manifest files no snapshot refers to").isSubsetOf(referenced);
        assertThat(referenced).as("referenced manifest files that are missing").isSubsetOf(present);
    }
}
