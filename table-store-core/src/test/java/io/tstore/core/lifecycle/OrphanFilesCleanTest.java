package io.tstore.core.lifecycle;

import io.tstore.core.scan.TableFiles;

import io.tstore.core.options.ExpireConfig;

import io.tstore.core.commit.CommitMessage;
import io.tstore.core.data.BinaryString;
import io.tstore.core.data.GenericRow;
import io.tstore.core.fs.Path;
import io.tstore.core.lifecycle.LifecycleTables.Key;
import io.tstore.core.table.FileStoreTable;
import io.tstore.core.table.TableTestSupport;
import io.tstore.core.table.TableWrite;
import io.tstore.core.tag.TagManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static io.tstore.core.lifecycle.SnapshotExpirationTest.assertEverythingReads;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Orphan-file removal deletes exactly the files nothing refers to that are older than the age: leftovers of a
 * writer that died before committing, of failed commits and of interrupted writes; never a file a snapshot or tag
 * refers to, nor a young file that a running writer may still commit.
 */
class OrphanFilesCleanTest {
    private static final long DAY = Duration.ofDays(1).toMillis();

    @TempDir
    java.nio.file.Path warehouse;

    @Test
    void removesOldUnreferencedFilesAndLeavesLiveOnesAlone() throws IOException {
        FileStoreTable table = LifecycleTables.create(warehouse, "orphans", Map.of());
        Map<Long, Map<Key, String>> contents = LifecycleTables.commitRounds(table, 10, 8);
        new TagManager(table).createTag("t", 3);
        new SnapshotExpiration(table).expire(ExpireConfig.retainLatest(2));
        Set<String> live = TableTestSupport.listFiles(table);

        // Garbage of several kinds: a dead writer's data files, a stray manifest, a temporary snapshot file.
        TableWrite dead = table.newWrite(false);
        for (long k = 0; k < 30; k++) {
            dead.write(GenericRow.of(k, BinaryString.fromString("a"), BinaryString.fromString("lost")));
        }
        List<CommitMessage> uncommitted = dead.prepareCommit(true); // the process dies here: nothing commits or closes
        assertThat(uncommitted).isNotEmpty();
        Path manifestDir = new Path(table.location(), "manifest");
        table.fileIO().writeUtf8(new Path(manifestDir, "manifest-stray-0"), "x", false);
        table.fileIO().writeUtf8(new Path(table.snapshotManager().snapshotDirectory(), ".snapshot-99.tmp"), "x", false);
        Set<String> garbage = new TreeSet<>(TableTestSupport.listFiles(table));
        garbage.removeAll(live);
        assertThat(garbage).hasSizeGreaterThanOrEqualTo(3);

        // Young files are left alone: a running writer may still commit them.
        assertThat(new OrphanFilesClean(table).clean(OrphanFilesClean.DEFAULT_OLDER_THAN)).isEmpty();
        assertThat(new OrphanFilesClean(table, () -> System.currentTimeMillis() + 2 * DAY).clean(Duration.ofDays(3))).isEmpty();

        // A day later they are orphans: exactly the garbage goes.
        List<Path> deleted = new OrphanFilesClean(table, () -> System.currentTimeMillis() + 2 * DAY).clean(OrphanFilesClean.DEFAULT_OLDER_THAN);
        Set<String> deletedKeys = new TreeSet<>();
        deleted.forEach(p -> deletedKeys.add(TableFiles.key(p)));
        assertThat(deletedKeys).isEqualTo(garbage);
        assertThat(TableTestSupport.listFiles(table)).isEqualTo(live);
        assertEverythingReads(table, contents);
        dead.close();
    }

    @Test
    void filesOfACommitThatLandsAfterTheListingAreKept() throws IOException {
        FileStoreTable table = LifecycleTables.create(warehouse, "in_flight", Map.of());
        LifecycleTables.commitRounds(table, 3, 9);
        TableWrite write = table.newWrite(false);
        write.write(GenericRow.of(1L, BinaryString.fromString("a"), BinaryString.fromString("in flight")));
        List<CommitMessage> messages = write.prepareCommit(true);
        // The files were written two days ago (a slow checkpoint): only the age protects them until they commit.
        List<String> written = new ArrayList<>(TableTestSupport.listFiles(table));
        for (String file : written) {
            Files.setLastModifiedTime(java.nio.file.Path.of(file), FileTime.fromMillis(System.currentTimeMillis() - 2 * DAY));
        }
        table.newCommit("late").commit(1, messages);
        assertThat(new OrphanFilesClean(table).clean(OrphanFilesClean.DEFAULT_OLDER_THAN)).isEmpty();
        write.close();
        TableTestSupport.assertNoOrphanAndNoMissingFiles(table);
        assertThatThrownBy(() -> new OrphanFilesClean(table).clean(Duration.ofDays(-1)))
                .hasMessageContaining("db.in_flight").hasMessageContaining("negative");
    }
}
