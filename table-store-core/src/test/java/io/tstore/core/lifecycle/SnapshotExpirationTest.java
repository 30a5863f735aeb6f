package io.tstore.core.lifecycle;

import io.tstore.core.snapshot.ExpiryMark;

import io.tstore.core.options.ExpireConfig;

import io.tstore.core.consumer.Consumer;
import io.tstore.core.consumer.ConsumerManager;
import io.tstore.core.fs.FailingFileIO;
import io.tstore.core.lifecycle.LifecycleTables.Key;
import io.tstore.core.snapshot.Snapshot;
import io.tstore.core.snapshot.SnapshotManager;
import io.tstore.core.table.FileStoreTable;
import io.tstore.core.table.TableTestSupport;
import io.tstore.core.tag.TagManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Snapshot expiry against a model of what it keeps: at least the minimum, at most the maximum, the young ones in
 * between, never a consumer's next snapshot or later, at most the limit per run. After every run each kept
 * snapshot and each tag reads exactly what was committed, and no file is missing or left over.
 */
class SnapshotExpirationTest {
    @TempDir
    Path warehouse;

    /** The first snapshot expiry keeps, by its rules, stated plainly. */
    private static long expectedKeepFrom(SnapshotManager snapshots, ExpireConfig config, OptionalLong consumerNeeds, long now)
            throws IOException {
        long earliest = snapshots.earliestSnapshotId().getAsLong();
        long latest = snapshots.latestSnapshotId().getAsLong();
        long keepFrom = earliest;
        while (true) {
            boolean amongTheMinimum = keepFrom > latest - config.minRetained();
            boolean neededByConsumer = consumerNeeds.isPresent() && keepFrom >= consumerNeeds.getAsLong();
            boolean limitReached = keepFrom - earliest >= config.limit();
            boolean beyondTheMaximum = keepFrom <= latest - config.maxRetained();
            boolean young = snapshots.snapshot(keepFrom).timeMillis() >= now - config.timeRetained().toMillis();
            if (amongTheMinimum || neededByConsumer || limitReached || (young && !beyondTheMaximum)) {
                return keepFrom;
            }
            keepFrom++;
        }
    }

    @Test
    void expiryKeepsWhatItsRulesSayAndEveryKeptSnapshotReadsWhole() throws IOException {
        for (int seed = 0; seed < 4; seed++) {
            Random random = new Random(seed);
            FileStoreTable table = LifecycleTables.create(warehouse, "model_" + seed, Map.of());
            Map<Long, Map<Key, String>> contents = LifecycleTables.commitRounds(table, 30, seed);
            SnapshotManager snapshots = table.snapshotManager();
            long latest = snapshots.latestSnapshotId().getAsLong();
            TagManager tags = new TagManager(table);
            tags.createTag("early", 1 + random.nextInt(5));
            tags.createTag("middle", latest / 2);
            ConsumerManager consumers = new ConsumerManager(table.fileIO(), table.location());
            if (random.nextBoolean()) {
                consumers.resetConsumer("reader", new Consumer(latest / 2 + random.nextInt((int) latest / 2)));
            }
            List<Snapshot> all = snapshots.snapshots();
            for (int run = 0; run < 6; run++) {
                int min = 1 + random.nextInt(6);
                ExpireConfig config = new ExpireConfig(min, min + random.nextInt(10), Duration.ofMillis(random.nextInt(50)),
                        1 + random.nextInt(8), null);
                long now = all.get(random.nextInt(all.size())).timeMillis() + random.nextInt(60);
                long expected = expectedKeepFrom(snapshots, config, consumers.minNextSnapshot(), now);
                long earliestBefore = snapshots.earliestSnapshotId().getAsLong();

                SnapshotExpiration.Result result = new SnapshotExpiration(table, () -> now).expire(config);

                assertThat(snapshots.earliestSnapshotId().getAsLong()).as("seed %d run %d: %s", seed, run, config).isEqualTo(expected);
                assertThat(result.snapshotsDeleted()).isEqualTo((int) (expected - earliestBefore));
                assertEverythingReads(table, contents);
            }
            // In the end expire everything but the latest: the tags still read whole.
            consumers.deleteConsumer("reader");
            new SnapshotExpiration(table).expire(ExpireConfig.retainLatest(1));
            assertThat(snapshots.earliestSnapshotId()).isEqualTo(snapshots.latestSnapshotId());
            assertEverythingReads(table, contents);
        }
    }

    @Test
    void expiryAfterEachCommitKeepsTheOptionsNumberOfSnapshots() throws IOException {
        FileStoreTable table = LifecycleTables.create(warehouse, "after_commit", Map.of(
                "snapshot.num-retained.min", "3", "snapshot.num-retained.max", "3"));
        Map<Long, Map<Key, String>> contents = LifecycleTables.commitRounds(table, 25, 7);
        SnapshotManager snapshots = table.snapshotManager();
        long latest = snapshots.latestSnapshotId().getAsLong();
        assertThat(snapshots.earliestSnapshotId().getAsLong()).isEqualTo(latest - 2);
        assertEverythingReads(table, contents);
    }

    @Test
    void writeOnlyWritersDoNotExpire() throws IOException {
        FileStoreTable table = LifecycleTables.create(warehouse, "write_only", Map.of(
                "snapshot.num-retained.min", "1", "snapshot.num-retained.max", "1", "write-only", "true"));
        LifecycleTables.commitRounds(table, 5, 3);
        assertThat(table.snapshotManager().earliestSnapshotId().getAsLong()).isEqualTo(1);
        TableTestSupport.assertNoOrphanAndNoMissingFiles(table);
    }

    @Test
    void aConsumerKeepsItsNextSnapshotBeyondTheMaximum() throws IOException {
        FileStoreTable table = LifecycleTables.create(warehouse, "consumer", Map.of());
        Map<Long, Map<Key, String>> contents = LifecycleTables.commitRounds(table, 12, 11);
        ConsumerManager consumers = new ConsumerManager(table.fileIO(), table.location());
        consumers.resetConsumer("slow", new Consumer(4));
        new SnapshotExpiration(table).expire(ExpireConfig.retainLatest(1));
        assertThat(table.snapshotManager().earliestSnapshotId().getAsLong()).isEqualTo(4);
        assertEverythingReads(table, contents);
    }

    @Test
    void badOptionsAreErrorsNamingTheTableAndTheOption() {
        assertThatThrownBy(() -> LifecycleTables.create(warehouse, "bad", Map.of("snapshot.num-retained.min", "0")))
                .hasMessageContaining("db.bad").hasMessageContaining("snapshot.num-retained.min").hasMessageContaining("0");
        assertThatThrownBy(() -> LifecycleTables.create(warehouse, "bad", Map.of(
                "snapshot.num-retained.min", "5", "snapshot.num-retained.max", "2")))
                .hasMessageContaining("snapshot.num-retained.max").hasMessageContaining("2");
    }

    /**
     * An expiry that fails at its n-th deletion (any n, until one succeeds) leaves every kept snapshot whole, and
     * the next run, even one with options that would keep more, finishes what the failed run had begun.
     */
    @Test
    void anExpiryThatStopsHalfWayIsFinishedByTheNextRun() throws IOException {
        boolean completed = false;
        // The n-th deletion fails, for n = 1, 2, 3, 5, 8, 13... until a run gets through all of them.
        for (int n = 1, next = 2; !completed; ) {
            FileStoreTable table = LifecycleTables.create(warehouse, "crash_" + n, Map.of());
            Map<Long, Map<Key, String>> contents = LifecycleTables.commitRounds(table, 10, 5);
            new TagManager(table).createTag("kept", 4);
            SnapshotManager snapshots = table.snapshotManager();
            long latest = snapshots.latestSnapshotId().getAsLong();
            FailingFileIO failing = new FailingFileIO(table.fileIO()).failNthCall(FailingFileIO.Kind.DELETE, n);
            try {
                new SnapshotExpiration(LifecycleTables.withFileIO(table, failing)).expire(ExpireConfig.retainLatest(3));
            } catch (IOException e) {
                assertThat(FailingFileIO.isInjected(e)).as("only the injected failure: %s", e).isTrue();
            }
            if (failing.injectedFailures() == 0) {
                completed = true;
            }
            // Every snapshot the stopped run kept reads whole; those it doomed need not.
            long doomedBelow = Math.max(ExpiryMark.read(snapshots), snapshots.earliestSnapshotId().getAsLong());
            for (long id = doomedBelow; id <= latest; id++) {
                assertThat(LifecycleTables.read(table, id)).isEqualTo(contents.get(id));
            }
            // A run that would keep everything still finishes the expiry that was begun.
            new SnapshotExpiration(table).expire(ExpireConfig.retainLatest(100));
            assertThat(snapshots.earliestSnapshotId().getAsLong()).isEqualTo(doomedBelow);
            assertEverythingReads(table, contents);
            new SnapshotExpiration(table).expire(ExpireConfig.retainLatest(3));
            assertThat(snapshots.earliestSnapshotId().getAsLong()).isEqualTo(latest - 2);
            assertEverythingReads(table, contents);
            int following = n + next;
            n = next;
            next = following;
        }
    }

    /** Every snapshot present and every tag reads exactly what was committed, and no file is missing or left over. */
    static void assertEverythingReads(FileStoreTable table, Map<Long, Map<Key, String>> contents) throws IOException {
        for (Snapshot snapshot : table.snapshotManager().snapshots()) {
            assertThat(LifecycleTables.read(table, snapshot.id())).as("snapshot %d", snapshot.id()).isEqualTo(contents.get(snapshot.id()));
        }
        for (Map.Entry<String, Snapshot> tag : new TagManager(table).tags().entrySet()) {
            assertThat(LifecycleTables.readTag(table, tag.getValue())).as("tag %s", tag.getKey())
                    .isEqualTo(contents.get(tag.getValue().id()));
        }
        TableTestSupport.assertNoOrphanAndNoMissingFiles(table);
    }

}
