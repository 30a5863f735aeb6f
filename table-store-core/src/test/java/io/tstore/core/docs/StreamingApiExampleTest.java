package io.tstore.core.docs;

import io.tstore.core.catalog.FileSystemCatalog;
import io.tstore.core.table.Identifier;
import io.tstore.core.data.Decimal;
import io.tstore.core.data.GenericRow;
import io.tstore.core.data.InternalRow;
import io.tstore.core.schema.Schema;
import io.tstore.core.table.DataReadBuilder;
import io.tstore.core.table.FileStoreTable;
import io.tstore.core.table.Split;
import io.tstore.core.table.StreamTableScan;
import io.tstore.core.table.TableRead;
import io.tstore.core.table.TableScan;
import io.tstore.core.table.TableWrite;
import io.tstore.core.types.DataTypes;
import io.tstore.lsm.RecordReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The streaming example of docs/java-api.md, compiled and run; the page must show it verbatim. */
class StreamingApiExampleTest {

    @TempDir
    Path warehouseDir;

    @Test
    void theDocumentedStreamingExampleRuns() throws Exception {
        FileSystemCatalog catalog = FileSystemCatalog.create(warehouseDir.toString(), Map.of());
        catalog.createDatabase("shop", true);
        Identifier ordersId = Identifier.of("shop", "orders");
        catalog.createTable(ordersId, Schema.newBuilder()
                .column("order_id", DataTypes.BIGINT())
                .column("amount", DataTypes.DECIMAL(10, 2))
                .primaryKey("order_id")
                .option("bucket", "2")
                .build(), true);
        commit(catalog.getTable(ordersId), 1, 1L, "12.50", 2L, "7.00");   // snapshot 1
        commit(catalog.getTable(ordersId), 2, 1L, "15.00");               // snapshot 2: order 1 changes
        List<String> changes = new ArrayList<>();
        Long savedPosition = null;
        // example:start
        FileStoreTable orders = catalog.getTable(ordersId).copy(Map.of(
                "scan.mode", "from-snapshot-full",   // snapshot 1 in full, then every change after it
                "scan.snapshot-id", "1",
                "consumer-id", "order-audit"));      // expiry keeps what this reader still needs
        DataReadBuilder builder = orders.newReadBuilder().withProjection(List.of("order_id", "amount"));
        StreamTableScan scan = builder.newStreamScan();
        scan.restore(savedPosition);                 // the engine's saved position; null on the first start
        TableRead read = builder.newRead();
        for (int poll = 0; poll < 3; poll++) {
            TableScan.Plan plan = scan.plan();       // no snapshot id: nothing new yet, poll again later
            for (Split split : plan.splits()) {      // engines: BucketOwner.of(partition, bucket, tasks)
                try (RecordReader<InternalRow> rows = read.createReader(split)) {
                    for (InternalRow row = rows.read(); row != null; row = rows.read()) {
                        changes.add(row.getRowKind().shortString() + " " + row.getLong(0) + " " + row.getDecimal(1, 10, 2));
                    }
                }
            }
            savedPosition = scan.checkpoint();       // kept in the engine's checkpoint...
            scan.notifyCheckpointComplete(savedPosition);   // ...and, once that is durable, as the consumer's
        }
        // example:end
        assertThat(changes).containsExactlyInAnyOrder("+I 1 12.50", "+I 2 7.00", "+I 1 15.00");
        assertThat(changes.get(2)).isEqualTo("+I 1 15.00");
        assertThat(savedPosition).isEqualTo(3L);
    }

    private static void commit(FileStoreTable table, long identifier, Object... idAmounts) throws Exception {
        try (TableWrite write = table.newWrite(false)) {
            for (int i = 0; i < idAmounts.length; i += 2) {
                write.write(GenericRow.of(idAmounts[i], Decimal.fromBigDecimal(new BigDecimal((String) idAmounts[i + 1]), 10, 2)));
            }
            table.newCommit("example").commit(identifier, write.prepareCommit(true));
        }
    }

    @Test
    void thePageShowsTheExample() throws Exception {
        String source = Files.readString(Path.of("src/test/java/io/tstore/core/docs/StreamingApiExampleTest.java"));
        String example = source.substring(source.indexOf("// example:start") + "// example:start".length(), source.indexOf("        // example:end"));
        String page = Files.readString(Path.of("../docs/java-api.md"));
        assertThat(page)
                .as("docs/java-api.md must show the example of StreamingApiExampleTest verbatim (less 8 spaces of indent)")
                .contains(JavaApiExampleTest.unindent(example));
    }
}
