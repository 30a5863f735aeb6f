package io.tstore.core.connector;

import io.tstore.core.commit.CommitMessage;
import io.tstore.core.options.CoreOptions;
import io.tstore.core.table.FileStoreTable;
import io.tstore.core.table.TableWrite;
import io.tstore.lsm.buffer.WriteBufferOptions;
import io.tstore.options.MemorySize;
import io.tstore.options.Options;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.tstore.core.connector.ConnectorTables.row;
import static io.tstore.core.connector.ConnectorTables.rows;
import static io.tstore.core.table.TableTestSupport.assertNoOrphanAndNoMissingFiles;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Writers on shared resources stay within one memory budget, flush instead, and outlive each other. */
class WriteResourcesTest {
    private static final String PADDING = "x".repeat(200);

    @TempDir
    java.nio.file.Path warehouse;

    @Test
    void twoWritersShareOneBudgetAndThreadsAndOutliveEachOther() throws Exception {
        FileStoreTable table = ConnectorTables.create(warehouse, "t", true, Map.of("num-sorted-run.compaction-trigger", "3"));
        int rows = 2000;
        try (WriteResources resources = WriteResources.of(MemorySize.ofKibiBytes(128), MemorySize.ofKibiBytes(4), 1, 1)) {
            // two tasks of one executor, owning disjoint partitions
            TableWrite a = WriteBuilder.of(table).withResources(resources).build();
            TableWrite b = WriteBuilder.of(table).withResources(resources).build();
            long maxUsed = 0;
            for (int k = 0; k < rows; k++) {
                a.write(row(k, PADDING + k, "a"));
                b.write(row(k, PADDING + k, "b"));
                maxUsed = Math.max(maxUsed, resources.memoryUsedBytes());
            }
            assertThat(maxUsed).as("the write buffers use the shared budget, and no more").isPositive()
                    .isLessThanOrEqualTo(resources.memoryBudgetBytes());

            List<CommitMessage> messages = new ArrayList<>(a.prepareCommit(true));
            a.close();
            // b goes on writing, flushing and compacting on the shared threads after a closed
            for (int k = 0; k < rows; k++) {
                b.write(row(k, "updated", "b"));
            }
            messages.addAll(b.prepareCommit(true));
            b.close();
            assertThat(messages.stream().mapToInt(m -> m.newFiles().size()).sum())
                    .as("a full shared budget flushed buffers before the commit: more files than buckets")
                    .isGreaterThan(4);
            new CommitHelper(table, "executor-1").commit(List.of(PendingCommit.of(1, messages)));
            assertThat(resources.memoryUsedBytes()).as("closed writers gave their memory back").isZero();
        }

        List<String> expected = new ArrayList<>();
        for (int k = 0; k < rows; k++) {
            expected.add(k + "," + PADDING + k + ",a");
            expected.add(k + ",updated,b");
        }
        expected.sort(null);
        assertThat(rows(table)).isEqualTo(expected);
        assertNoOrphanAndNoMissingFiles(table);
    }

    @Test
    void sizedByOptionsAndClosedForGood() throws Exception {
        FileStoreTable table = ConnectorTables.create(warehouse, "t", true, Map.of());
        Options options = Options.of(WriteBufferOptions.WRITE_BUFFER_SIZE.key(), "8 mb", CoreOptions.WRITE_COMPACTION_THREADS.key(), "2");
        WriteResources resources = WriteResources.create(options);
        assertThat(resources.memoryBudgetBytes()).isEqualTo(8L << 20);
        resources.close();
        assertThatThrownBy(() -> WriteBuilder.of(table).withResources(resources).build()).hasMessageContaining("closed");
        assertThatThrownBy(() -> WriteResources.of(MemorySize.ofMebiBytes(1), MemorySize.ofKibiBytes(4), 0, 1))
                .hasMessageContaining("at least one compaction");
    }

    @Test
    void withoutSharedResourcesTheBuilderGivesTheTablesOwnWriter() throws Exception {
        FileStoreTable table = ConnectorTables.create(warehouse, "t", false, Map.of());
        try (TableWrite write = WriteBuilder.of(table).withOverwrite(true).build()) {
            write.write(row(1, "a", "d1"));
            new CommitHelper(table, "u").overwriteOrAbort(null, PendingCommit.of(1, write.prepareCommit(true)));
        }
        assertThat(rows(table)).containsExactly("1,a,d1");
    }
}
