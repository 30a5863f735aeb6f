package io.tstore.core.docs;

import io.tstore.core.catalog.FileSystemCatalog;
import io.tstore.core.commit.CommitMessage;
import io.tstore.core.connector.BucketAssigner;
import io.tstore.core.connector.CommitHelper;
import io.tstore.core.connector.CommitMessageSerializer;
import io.tstore.core.connector.PartitionSpecs;
import io.tstore.core.connector.PendingCommit;
import io.tstore.core.connector.TableHandle;
import io.tstore.core.connector.WriteBuilder;
import io.tstore.core.connector.WriteResources;
import io.tstore.core.data.BinaryString;
import io.tstore.core.data.GenericRow;
import io.tstore.core.data.InternalRow;
import io.tstore.core.schema.Schema;
import io.tstore.core.table.FileStoreTable;
import io.tstore.core.table.Identifier;
import io.tstore.core.table.TableWrite;
import io.tstore.core.types.DataTypes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.tstore.core.table.TableTestSupport.assertNoOrphanAndNoMissingFiles;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The write example of docs/java-api.md ("Writing a connector", "Writes"), compiled and run; the page must show the
 * code between the example markers verbatim.
 */
class ConnectorWriteExampleTest {
    @TempDir
    Path warehouse;

    @Test
    void theDocumentedWritePathRuns() throws Exception {
        FileSystemCatalog catalog = FileSystemCatalog.create(warehouse.toString(), Map.of());
        catalog.createDatabase("shop", true);
        catalog.createTable(Identifier.of("shop", "orders"), Schema.newBuilder()
                .column("order_id", DataTypes.BIGINT())
                .column("dt", DataTypes.STRING())
                .column("amount", DataTypes.INT())
                .primaryKey("order_id", "dt")
                .partitionKeys("dt")
                .option("bucket", "2")
                .build(), false);
        FileStoreTable orders = catalog.getTable(Identifier.of("shop", "orders"));
        List<InternalRow> input = new ArrayList<>();
        for (long id = 0; id < 10; id++) {
            input.add(GenericRow.of(id, BinaryString.fromString(id % 2 == 0 ? "2024-05-01" : "2024-05-02"), (int) id));
        }
        // example:start
        // Planner: ship the table to the tasks; one commit user per job, kept across its restarts.
        TableHandle handle = TableHandle.of(orders);
        String commitUser = UUID.randomUUID().toString();
        int tasks = 2;

        // Writer tasks: the engine routes each row to the task that owns its bucket. The tasks of one
        // process (a Spark executor, a Trino worker) share one memory budget and compaction threads.
        List<byte[]> shipped = new ArrayList<>();
        try (WriteResources resources = WriteResources.create(orders.options())) {
            for (int task = 0; task < tasks; task++) {
                FileStoreTable table = handle.loadDataTable();
                BucketAssigner assigner = BucketAssigner.of(table);
                try (TableWrite write = WriteBuilder.of(table).withResources(resources).build()) {
                    for (InternalRow row : input) {
                        if (assigner.owner(row, tasks) == task) {   // what the engine's shuffle does
                            write.write(row);
                        }
                    }
                    for (CommitMessage message : write.prepareCommit(true)) {
                        shipped.add(CommitMessageSerializer.serialize(message));
                    }
                }
            }
        }

        // Committer: one commit per identifier (a checkpoint id, an epoch); a retry skips what landed.
        List<CommitMessage> messages = new ArrayList<>();
        for (byte[] bytes : shipped) {
            messages.add(CommitMessageSerializer.deserialize(CommitMessageSerializer.VERSION, bytes));
        }
        CommitHelper committer = new CommitHelper(handle.loadDataTable(), commitUser);
        committer.commitOrAbort(PendingCommit.of(1, messages));

        // INSERT OVERWRITE ... PARTITION (dt = '2024-05-01') with no rows: the spec is checked against the table.
        Map<String, String> partition = PartitionSpecs.parse(orders, "dt=2024-05-01").get(0);
        try (TableWrite write = WriteBuilder.of(orders).withOverwrite(true).build()) {
            committer.overwriteOrAbort(partition, PendingCommit.of(2, write.prepareCommit(true)));
        }
        // example:end

        assertThat(PartitionSpecs.list(orders)).containsExactly(Map.of("dt", "2024-05-02"));
        assertThat(orders.newReadBuilder().readAll()).hasSize(5);
        assertNoOrphanAndNoMissingFiles(orders);
    }

    @Test
    void thePageShowsTheExample() throws Exception {
        String source = Files.readString(Path.of("src/test/java/io/tstore/core/docs/ConnectorWriteExampleTest.java"));
        String example = source.substring(source.indexOf("// example:start") + "// example:start".length(), source.indexOf("        // example:end"));
        String page = Files.readString(Path.of("../docs/java-api.md"));
        assertThat(page)
                .as("docs/java-api.md must show the example of ConnectorWriteExampleTest verbatim (less 8 spaces of indent)")
                .contains(JavaApiExampleTest.unindent(example));
    }
}
