package io.tstore.core.docs;

import io.tstore.core.catalog.Catalog;
import io.tstore.core.catalog.FileSystemCatalog;
import io.tstore.core.table.Identifier;
import io.tstore.core.commit.CommitMessage;
import io.tstore.core.data.BinaryString;
import io.tstore.core.data.Decimal;
import io.tstore.core.data.GenericRow;
import io.tstore.core.data.InternalRow;
import io.tstore.core.predicate.PredicateBuilder;
import io.tstore.core.schema.Schema;
import io.tstore.core.table.FileStoreTable;
import io.tstore.core.table.ReadBuilder;
import io.tstore.core.table.TableCommit;
import io.tstore.core.table.TableWrite;
import io.tstore.core.types.DataTypes;
import io.tstore.lsm.RowKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The example of docs/java-api.md, compiled and run. The test also checks that the page shows exactly the code
 * between the example markers below, so the page cannot drift from code that works.
 */
class JavaApiExampleTest {

    @TempDir
    Path warehouseDir;

    @Test
    void theDocumentedExampleRuns() throws Exception {
        String warehouse = warehouseDir.toString();
        List<String> printed = new ArrayList<>();
        // example:start
        Catalog catalog = FileSystemCatalog.create(warehouse, Map.of());
        catalog.createDatabase("shop", true);
        Identifier ordersId = Identifier.of("shop", "orders");
        catalog.createTable(ordersId, Schema.newBuilder()
                .column("order_id", DataTypes.BIGINT())
                .column("dt", DataTypes.STRING())
                .column("customer", DataTypes.STRING())
                .column("amount", DataTypes.DECIMAL(10, 2))
                .primaryKey("order_id", "dt")
                .partitionKeys("dt")
                .option("bucket", "2")
                .build(), true);
        FileStoreTable orders = catalog.getTable(ordersId);

        // Write: upserts and deletes, then one atomic commit.
        String commitUser = UUID.randomUUID().toString();
        try (TableWrite write = orders.newWrite(false)) {
            write.write(GenericRow.of(1L, BinaryString.fromString("2024-05-01"), BinaryString.fromString("ada"),
                    Decimal.fromBigDecimal(new BigDecimal("12.50"), 10, 2)));
            write.write(GenericRow.of(2L, BinaryString.fromString("2024-05-01"), BinaryString.fromString("bob"),
                    Decimal.fromBigDecimal(new BigDecimal("7.00"), 10, 2)));
            write.write(GenericRow.of(1L, BinaryString.fromString("2024-05-01"), BinaryString.fromString("ada"),
                    Decimal.fromBigDecimal(new BigDecimal("15.00"), 10, 2)));   // an upsert of order 1
            GenericRow cancelled = GenericRow.of(2L, BinaryString.fromString("2024-05-01"), null, null);
            cancelled.setRowKind(RowKind.DELETE);                                    // order 2 is deleted
            write.write(cancelled);
            List<CommitMessage> messages = write.prepareCommit(true);
            TableCommit commit = orders.newCommit(commitUser);
            commit.commit(1, messages);
        }

        // Read: filter, projection and limit are pushed into planning and reading.
        ReadBuilder read = orders.newReadBuilder();
        PredicateBuilder where = read.predicateBuilder();
        read.withFilter(where.equal("dt", "2024-05-01"))
                .withProjection(List.of("order_id", "amount"))
                .withLimit(100);
        for (InternalRow row : read.readAll()) {
            printed.add(row.getLong(0) + " " + row.getDecimal(1, 10, 2));
        }
        // example:end
        assertThat(printed).containsExactly("1 15.00");
    }

    @Test
    void thePageShowsTheExample() throws Exception {
        String source = Files.readString(Path.of("src/test/java/io/tstore/core/docs/JavaApiExampleTest.java"));
        String example = source.substring(source.indexOf("// example:start") + "// example:start".length(), source.indexOf("        // example:end"));
        String page = Files.readString(Path.of("../docs/java-api.md"));
        assertThat(page)
                .as("docs/java-api.md must show the example of JavaApiExampleTest verbatim (less 8 spaces of indent)")
                .contains(unindent(example));
    }

    static String unindent(String code) {
        StringBuilder sb = new StringBuilder();
        for (String line : code.strip().split("\n")) {
            sb.append(line.startsWith("        ") ? line.substring(8) : line.strip()).append('\n');
        }
        return sb.toString();
    }
}
