package io.tstore.core.lifecycle;

import io.tstore.core.options.ExpireConfig;

import io.tstore.core.consumer.Consumer;
import io.tstore.core.consumer.ConsumerManager;
import io.tstore.core.data.BinaryString;
import io.tstore.core.data.GenericRow;
import io.tstore.core.lifecycle.LifecycleTables.Key;
import io.tstore.core.snapshot.Snapshot;
import io.tstore.core.snapshot.SnapshotManager;
import io.tstore.core.table.FileStoreTable;
import io.tstore.core.table.TableCommit;
import io.tstore.core.table.TableTestSupport;
import io.tstore.core.table.TableWrite;
import io.tstore.core.tag.TagManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static io.tstore.core.lifecycle.SnapshotExpirationTest.assertEverythingReads;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Tags survive expiry with all their files; deleting a tag deletes what only it kept; rollbacks to snapshots and tags. */
class TagsAndRollbackTest {
    @TempDir
    Path warehouse;

    @Test
    void taggedSnapshotsSurviveExpiryAndDeletingTheTagDeletesWhatOnlyItKept() throws IOException {
        FileStoreTable table = LifecycleTables.create(warehouse, "tags", Map.of());
        Map<Long, Map<Key, String>> contents = LifecycleTables.commitRounds(table, 16, 1);
        TagManager tags = new TagManager(table);
        Snapshot third = tags.createTag("v3", 3);
        Snapshot latest = tags.createTag("latest");
        assertThat(third).isEqualTo(table.snapshotManager().snapshot(3));
        assertThat(latest.id()).isEqualTo(table.snapshotManager().latestSnapshotId().getAsLong());
        assertThat(tags.tagNames()).containsExactly("latest", "v3");

        // More commits (with compactions) replace most of the files the tags refer to; then expire all but one.
        Map<Long, Map<Key, String>> more = commitMore(table, contents, 10);
        new SnapshotExpiration(table).expire(ExpireConfig.retainLatest(1));
        assertThat(table.snapshotManager().snapshotExists(3)).isFalse();
        assertEverythingReads(table, more);

        Set<String> before = TableTestSupport.listFiles(table);
        int deleted = tags.deleteTag("v3");
        assertThat(deleted).as("files only tag v3 kept").isPositive();
        assertThat(before.size() - TableTestSupport.listFiles(table).size()).isEqualTo(deleted + 1);
        assertThat(tags.tagNames()).containsExactly("latest");
        assertEverythingReads(table, more);
        tags.deleteTag("latest");
        assertThat(tags.tags()).isEmpty();
        assertEverythingReads(table, more);
    }

    @Test
    void tagErrorsNameTheTableAndTheTag() throws IOException {
        FileStoreTable table = LifecycleTables.create(warehouse, "tag_errors", Map.of());
        TagManager tags = new TagManager(table);
        assertThatThrownBy(() -> tags.createTag("t")).hasMessageContaining("db.tag_errors").hasMessageContaining("no snapshot");
        LifecycleTables.commitRounds(table, 3, 2);
        tags.createTag("t", 2);
        assertThatThrownBy(() -> tags.createTag("t", 3)).hasMessageContaining("'t'").hasMessageContaining("already exists");
        assertThatThrownBy(() -> tags.createTag("x", 9)).hasMessageContaining("snapshot 9").hasMessageContaining("does not exist");
        assertThatThrownBy(() -> tags.createTag("a/b", 1)).hasMessageContaining("Invalid tag name 'a/b'");
        assertThatThrownBy(() -> tags.createTag("..", 1)).hasMessageContaining("Invalid tag name");
        assertThatThrownBy(() -> tags.deleteTag("nope")).hasMessageContaining("db.tag_errors").hasMessageContaining("no tag 'nope'");
        assertThat(tags.tag("t").orElseThrow()).isEqualTo(table.snapshotManager().snapshot(2));
        TableTestSupport.assertNoOrphanAndNoMissingFiles(table);
    }

    @Test
    void rollbackToASnapshotRemovesLaterSnapshotsTagsAndFiles() throws IOException {
        FileStoreTable table = LifecycleTables.create(warehouse, "rollback", Map.of());
        Map<Long, Map<Key, String>> contents = LifecycleTables.commitRounds(table, 14, 3);
        SnapshotManager snapshots = table.snapshotManager();
        long latest = snapshots.latestSnapshotId().getAsLong();
        TagManager tags = new TagManager(table);
        tags.createTag("before", 2);
        tags.createTag("after", latest - 1);
        ConsumerManager consumers = new ConsumerManager(table.fileIO(), table.location());
        consumers.resetConsumer("ahead", new Consumer(latest));
        consumers.resetConsumer("behind", new Consumer(3));

        TableRollback.Result result = new TableRollback(table).rollbackTo(5);

        assertThat(result.removedSnapshots()).hasSize((int) (latest - 5));
        assertThat(result.removedTags()).containsExactly("after");
        assertThat(snapshots.latestSnapshotId().getAsLong()).isEqualTo(5);
        assertThat(consumers.consumers()).containsEntry("ahead", new Consumer(6)).containsEntry("behind", new Consumer(3));
        assertEverythingReads(table, contents);

        // The table goes on from the target: the next commit is snapshot 6 and builds on snapshot 5's rows.
        Map<Key, String> expected = new TreeMap<>(contents.get(5L));
        try (TableWrite write = table.newWrite(false)) {
            write.write(GenericRow.of(999L, BinaryString.fromString("a"), BinaryString.fromString("new")));
            table.newCommit("late").commit(1, write.prepareCommit(true));
        }
        expected.put(new Key(999, "a"), "new");
        assertThat(snapshots.latestSnapshotId().getAsLong()).isEqualTo(6);
        assertThat(LifecycleTables.read(table, 6)).isEqualTo(expected);
        TableTestSupport.assertNoOrphanAndNoMissingFiles(table);
    }

    @Test
    void rollbackToATagWhoseSnapshotExpiredRestoresIt() throws IOException {
        FileStoreTable table = LifecycleTables.create(warehouse, "rollback_tag", Map.of());
        Map<Long, Map<Key, String>> contents = LifecycleTables.commitRounds(table, 12, 4);
        TagManager tags = new TagManager(table);
        tags.createTag("v4", 4);
        new SnapshotExpiration(table).expire(ExpireConfig.retainLatest(2));
        SnapshotManager snapshots = table.snapshotManager();
        assertThat(snapshots.snapshotExists(4)).isFalse();

        TableRollback.Result result = new TableRollback(table).rollbackToTag("v4");

        assertThat(result.target()).isEqualTo(4);
        assertThat(snapshots.earliestSnapshotId().getAsLong()).isEqualTo(4);
        assertThat(snapshots.latestSnapshotId().getAsLong()).isEqualTo(4);
        assertThat(LifecycleTables.read(table, 4)).isEqualTo(contents.get(4L));
        assertEverythingReads(table, contents);
        // And to a tag whose snapshot is still there: a rollback to that snapshot.
        tags.deleteTag("v4");
        tags.createTag("again");
        Map<Long, Map<Key, String>> more = commitMore(table, contents, 3);
        assertThat(new TableRollback(table).rollbackToTag("again").removedSnapshots()).isNotEmpty();
        assertThat(snapshots.latestSnapshotId().getAsLong()).isEqualTo(4);
        assertEverythingReads(table, more);
    }

    @Test
    void rollbackErrorsNameTheTable() throws IOException {
        FileStoreTable table = LifecycleTables.create(warehouse, "rollback_errors", Map.of());
        LifecycleTables.commitRounds(table, 6, 5);
        new SnapshotExpiration(table).expire(ExpireConfig.retainLatest(3));
        TableRollback rollback = new TableRollback(table);
        long earliest = table.snapshotManager().earliestSnapshotId().getAsLong();
        assertThatThrownBy(() -> rollback.rollbackTo(earliest - 1))
                .hasMessageContaining("db.rollback_errors").hasMessageContaining("snapshot " + (earliest - 1))
                .hasMessageContaining("does not exist");
        assertThatThrownBy(() -> rollback.rollbackTo(99)).hasMessageContaining("does not exist");
        assertThatThrownBy(() -> rollback.rollbackToTag("none")).hasMessageContaining("no such tag");
        TableTestSupport.assertNoOrphanAndNoMissingFiles(table);
    }

    /**
     * A rollback while a write-only writer keeps committing (each commit only adds files): the snapshots stay
     * consecutive, each reads, and no file is missing or left over. The writer's commits that land while a rollback
     * runs may be rolled back with it; the writer never fails.
     */
    @Test
    void rollbackBesideACommittingWriterKeepsTheTableWhole() throws Exception {
        FileStoreTable table = LifecycleTables.create(warehouse, "rollback_race", Map.of("write-only", "true"));
        LifecycleTables.commitRounds(table, 8, 6);
        java.util.concurrent.atomic.AtomicReference<Throwable> failure = new java.util.concurrent.atomic.AtomicReference<>();
        Thread writer = new Thread(() -> {
            try {
                TableCommit commit = table.newCommit("racer");
                try (TableWrite write = table.newWrite(false)) {
                    for (int i = 1; i <= 20; i++) {
                        write.write(GenericRow.of(500L + i, BinaryString.fromString("b"), BinaryString.fromString("x" + i)));
                        commit.commit(i, write.prepareCommit(false));
                    }
                }
            } catch (Throwable e) {
                failure.set(e);
            }
        });
        writer.start();
        SnapshotManager snapshots = table.snapshotManager();
        long first = snapshots.latestSnapshotId().getAsLong();
        while (writer.isAlive()) {
            long latest = snapshots.latestSnapshotId().getAsLong();
            if (latest > first) {
                new TableRollback(table).rollbackTo(latest - 1);
            } else {
                Thread.yield();
            }
        }
        writer.join();
        new TableRollback(table).rollbackTo(first);
        assertThat(failure.get()).as("the writer's failure").isNull();
        List<Snapshot> all = snapshots.snapshots();
        for (int i = 1; i < all.size(); i++) {
            assertThat(all.get(i).id()).isEqualTo(all.get(i - 1).id() + 1);
        }
        assertThat(all.get(all.size() - 1).id()).isEqualTo(snapshots.latestSnapshotId().getAsLong());
        for (Snapshot snapshot : all) {
            LifecycleTables.read(table, snapshot.id());
        }
        TableTestSupport.assertNoOrphanAndNoMissingFiles(table);
    }

    /** Ten more rounds of a second writer, returning the contents of every snapshot so far. */
    private static Map<Long, Map<Key, String>> commitMore(FileStoreTable table, Map<Long, Map<Key, String>> contents, int rounds)
            throws IOException {
        Map<Long, Map<Key, String>> all = new TreeMap<>(contents);
        Map<Key, String> model = new TreeMap<>(all.get(table.snapshotManager().latestSnapshotId().getAsLong()));
        java.util.Random random = new java.util.Random(42);
        TableCommit commit = table.newCommit("second");
        try (TableWrite write = table.newWrite(false)) {
            for (int round = 1; round <= rounds; round++) {
                LifecycleTables.writeRound(write, model, random, random.nextBoolean() ? "a" : "b", 0, 20, "s" + round);
                for (var split : table.newReadBuilder().newScan().dataSplits()) {
                    write.compact(split.partition(), split.bucket(), true);
                }
                long before = table.snapshotManager().latestSnapshotId().getAsLong();
                commit.commit(round, write.prepareCommit(true));
                for (long id = before + 1; id <= table.snapshotManager().latestSnapshotId().getAsLong(); id++) {
                    all.put(id, Map.copyOf(model));
                }
            }
        }
        return all;
    }
}
