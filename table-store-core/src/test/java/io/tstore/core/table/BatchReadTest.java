package io.tstore.core.table;

import io.tstore.core.catalog.FileSystemCatalog;
import io.tstore.core.data.BinaryRow;
import io.tstore.core.data.BinaryString;
import io.tstore.core.data.ColumnBatch;
import io.tstore.core.data.ColumnVector;
import io.tstore.core.data.Decimal;
import io.tstore.core.data.GenericRow;
import io.tstore.core.data.InternalRow;
import io.tstore.core.data.InternalRows;
import io.tstore.core.data.Timestamp;
import io.tstore.core.predicate.Predicate;
import io.tstore.core.predicate.PredicateBuilder;
import io.tstore.core.schema.Schema;
import io.tstore.core.types.DataTypes;
import io.tstore.core.types.RowType;
import io.tstore.lsm.RecordReader;
import io.tstore.lsm.RowKind;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Batch reads hold exactly the rows the row reader returns, split by split, with projections, filters and nulls;
 * splits that need no merge of ORC files hand out ORC's vectors, the others rows packed into batches.
 */
class BatchReadTest {
    @TempDir
    java.nio.file.Path warehouse;

    @ParameterizedTest(name = "{0} primary key {1}")
    @CsvSource({"orc, true", "orc, false", "parquet, true", "parquet, false"})
    void batchesHoldTheRowsOfTheRowReader(String format, boolean primaryKey) throws IOException {
        FileSystemCatalog catalog = FileSystemCatalog.create(warehouse.toString(), Map.of());
        catalog.createDatabase("db", false);
        Identifier id = Identifier.of("db", "t");
        Schema.Builder schema = Schema.newBuilder()
                .column("k", DataTypes.BIGINT().notNull())
                .column("v", DataTypes.INT())
                .column("s", DataTypes.STRING())
                .column("d", DataTypes.DECIMAL(10, 2))
                .column("ts", DataTypes.TIMESTAMP(3))
                .option("bucket", "2")
                .option("file.format", format)
                .option("target-file-size", "8 kb")
                .option("num-sorted-run.compaction-trigger", "20")
                .option("num-sorted-run.stop-trigger", "30");
        if (primaryKey) {
            schema.primaryKey("k");
        } else {
            schema.option("bucket-key", "k");
        }
        catalog.createTable(id, schema.build(), false);
        FileStoreTable table = catalog.getTable(id);
        Random random = new Random(format.hashCode() + (primaryKey ? 1 : 0));
        for (int commit = 1; commit <= 4; commit++) {
            try (TableWrite write = table.newWrite(false)) {
                int rows = commit == 4 ? 1 : 600;
                for (int i = 0; i < rows; i++) {
                    GenericRow row = GenericRow.of((long) random.nextInt(4000),
                            random.nextInt(4) == 0 ? null : random.nextInt(100),
                            random.nextInt(5) == 0 ? null : BinaryString.fromString("s" + random.nextInt(500)),
                            random.nextInt(6) == 0 ? null : Decimal.fromBigDecimal(BigDecimal.valueOf(random.nextInt(100000), 2), 10, 2),
                            random.nextInt(7) == 0 ? null : Timestamp.fromEpochMillis(random.nextInt(1_000_000_000)));
                    if (primaryKey && random.nextInt(10) == 0) {
                        row.setRowKind(RowKind.DELETE);
                    }
                    write.write(row);
                }
                if (commit == 3) {
                    write.compact(BinaryRow.EMPTY_ROW, 0, true);
                    write.compact(BinaryRow.EMPTY_ROW, 1, true);
                }
                table.newCommit("w").commit(commit, write.prepareCommit(true));
            }
        }
        PredicateBuilder where = new PredicateBuilder(table.rowType());
        List<Predicate> filters = Arrays.asList(null, where.lessThan("v", 30), PredicateBuilder.or(where.isNull("s"), where.greaterThan("k", 3000L)));
        List<int[]> projections = Arrays.asList(null, new int[] {4, 2, 0}, new int[] {1});
        boolean sawVectors = false;
        boolean sawNoMerge = false;
        for (FileStoreTable read : List.of(table, table.copy(Map.of("source.split.target-size", "1 kb")))) {
            for (Predicate filter : filters) {
                for (int[] projection : projections) {
                    ReadBuilder builder = read.newReadBuilder();
                    if (filter != null) {
                        builder.withFilter(filter);
                    }
                    if (projection != null) {
                        builder.withProjection(projection);
                    }
                    RowType type = builder.readType();
                    TableRead tableRead = builder.newRead();
                    for (Split split : builder.newScan().plan().splits()) {
                        List<String> rows = strings(type, RecordReader.toList(tableRead.createReader(split)));
                        List<String> batched = new ArrayList<>();
                        try (RecordReader<ColumnBatch> batches = tableRead.createBatchReader(split, 100)) {
                            ColumnBatch batch;
                            while ((batch = batches.read()) != null) {
                                assertThat(batch.rowCount()).isBetween(1, 100);
                                assertThat(batch.rowType()).isEqualTo(type);
                                sawVectors |= batch.column(0).getClass().getName().contains("Orc");
                                batched.addAll(columnStrings(batch));
                            }
                        }
                        sawNoMerge |= !split.needsMerge();
                        assertThat(batched).as("split %s, filter %s, projection %s", split, filter, Arrays.toString(projection))
                                .isEqualTo(rows);
                    }
                }
            }
        }
        assertThat(sawNoMerge).isTrue();
        assertThat(sawVectors).as("ORC splits without merge read ORC's vectors").isEqualTo(format.equals("orc"));
    }

    private static List<String> strings(RowType type, List<InternalRow> rows) {
        List<String> out = new ArrayList<>();
        for (InternalRow row : rows) {
            out.add(row.getRowKind().shortString() + InternalRows.toString(row, type));
        }
        return out;
    }

    /** The rows of a batch read column by column, as an engine fills its columns. */
    private static List<String> columnStrings(ColumnBatch batch) {
        RowType type = batch.rowType();
        Object[][] columns = new Object[type.fieldCount()][];
        for (int field = 0; field < columns.length; field++) {
            ColumnVector vector = batch.column(field);
            columns[field] = new Object[batch.rowCount()];
            for (int row = 0; row < batch.rowCount(); row++) {
                columns[field][row] = vector.getOrNull(row);
            }
        }
        List<String> out = new ArrayList<>();
        for (int row = 0; row < batch.rowCount(); row++) {
            Object[] values = new Object[columns.length];
            for (int field = 0; field < columns.length; field++) {
                values[field] = columns[field][row];
            }
            GenericRow generic = GenericRow.of(values);
            out.add(batch.rowKind(row).shortString() + InternalRows.toString(generic, type));
        }
        return out;
    }
}
