package io.tstore.core.table;

import io.tstore.core.catalog.FileSystemCatalog;
import io.tstore.core.data.BinaryRow;
import io.tstore.core.data.BinaryString;
import io.tstore.core.data.GenericRow;
import io.tstore.core.data.InternalRow;
import io.tstore.core.schema.Schema;
import io.tstore.core.types.DataTypes;
import io.tstore.lsm.RecordReader;
import io.tstore.lsm.RowKind;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Batch plans pack splits by size: buckets whose files need no merge (appended files; one sorted run without
 * deletes, such as fully compacted data) are cut into splits read by any task, buckets that need a merge stay one
 * split. Reading the cut splits one by one returns exactly what the merged read and a model of the table return,
 * for every merge engine and both formats.
 */
class SplitPackingTest {
    @TempDir
    java.nio.file.Path warehouse;

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"orc, deduplicate", "parquet, deduplicate", "orc, partial-update", "parquet, partial-update",
            "orc, aggregation", "parquet, aggregation", "orc, first-row", "parquet, first-row", "orc, append", "parquet, append"})
    void cutSplitsReadWhatTheMergedReadReads(String format, String engine) throws IOException {
        boolean append = engine.equals("append");
        boolean deletes = engine.equals("deduplicate");
        FileSystemCatalog catalog = FileSystemCatalog.create(warehouse.toString(), Map.of());
        catalog.createDatabase("db", false);
        Identifier id = Identifier.of("db", "t");
        Schema.Builder schema = Schema.newBuilder()
                .column("k", DataTypes.BIGINT().notNull())
                .column("v", DataTypes.BIGINT())
                .column("s", DataTypes.STRING())
                .option("bucket", "4")
                .option("file.format", format)
                // Small files: a full compaction leaves several files in the top level's sorted run.
                .option("target-file-size", "4 kb")
                .option("num-sorted-run.compaction-trigger", "20")
                .option("num-sorted-run.stop-trigger", "30");
        if (append) {
            schema.option("bucket-key", "k");
        } else {
            schema.primaryKey("k")
                    .option("merge-engine", engine)
                    .option("ignore-delete", String.valueOf(!deletes));
            if (engine.equals("aggregation")) {
                schema.option("fields.v.aggregate-function", "sum").option("fields.s.aggregate-function", "last_value");
            }
        }
        catalog.createTable(id, schema.build(), false);
        FileStoreTable table = catalog.getTable(id);
        Random random = new Random((format + engine).hashCode());
        Map<Long, GenericRow> model = new TreeMap<>();
        List<String> appended = new ArrayList<>();
        for (int commit = 1; commit <= 7; commit++) {
            try (TableWrite write = table.newWrite(false)) {
                // Commit 7 touches few keys: some buckets stay fully compacted, others get a level-0 run.
                int rows = commit == 7 ? 2 : 200 + random.nextInt(800);
                for (int i = 0; i < rows; i++) {
                    long k = random.nextInt(3000);
                    GenericRow row = GenericRow.of(k, random.nextInt(5) == 0 ? null : (long) random.nextInt(100),
                            BinaryString.fromString("s" + random.nextInt(1000)));
                    if (append) {
                        appended.add(describe(row));
                    } else if (deletes && random.nextInt(4) == 0) {
                        row.setRowKind(RowKind.DELETE);
                        model.remove(k);
                    } else {
                        apply(engine, model, k, row);
                    }
                    write.write(row);
                }
                if (commit == 6) {
                    for (int bucket = 0; bucket < 4; bucket++) {
                        write.compact(BinaryRow.EMPTY_ROW, bucket, true);
                    }
                }
                table.newCommit("writer").commit(commit, write.prepareCommit(true));
            }
        }
        List<String> expected = new ArrayList<>(appended);
        for (GenericRow row : model.values()) {
            expected.add(describe(row));
        }

        List<Split> whole = table.newReadBuilder().newScan().plan().splits();
        FileStoreTable small = table.copy(Map.of("source.split.target-size", "1 b", "source.split.open-file-cost", "0 b"));
        List<Split> cut = small.newReadBuilder().newScan().plan().splits();
        assertThat(read(table, whole)).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(read(table, cut)).as("cut splits read one by one").containsExactlyInAnyOrderElementsOf(expected);
        assertThat(rowCount(cut)).isEqualTo(rowCount(whole));
        assertThat(cut.stream().mapToLong(Split::sizeInBytes).sum()).isEqualTo(whole.stream().mapToLong(Split::sizeInBytes).sum())
                .isPositive();

        // Some bucket was cut (files needing no merge), and every bucket that needs a merge is one split.
        Map<Integer, Integer> splitsPerBucket = new HashMap<>();
        for (Split split : cut) {
            DataSplit data = (DataSplit) split;
            splitsPerBucket.merge(data.bucket(), 1, Integer::sum);
            if (data.needsMerge()) {
                assertThat(append).isFalse();
                assertThat(data.files()).hasSizeGreaterThan(1);
            } else if (!append && data.files().size() > 1) {
                assertThat(data.files()).allSatisfy(f -> assertThat(f.level()).isPositive());
            }
        }
        boolean cuttable = whole.stream().anyMatch(split -> !split.needsMerge() && ((DataSplit) split).files().size() > 1);
        assertThat(cuttable || format.equals("orc")).as("Parquet rolls files at the target size; ORC may write one").isTrue();
        if (cuttable) {
            assertThat(splitsPerBucket.values()).anySatisfy(n -> assertThat(n).isGreaterThan(1));
        }
        for (Split split : cut) {
            if (split.needsMerge()) {
                assertThat(splitsPerBucket.get(((DataSplit) split).bucket())).isEqualTo(1);
            }
        }
        if (!append) {
            assertThat(whole).anySatisfy(s -> assertThat(s.needsMerge()).isTrue());
            assertThat(whole).anySatisfy(s -> assertThat(s.needsMerge()).isFalse());
        }
        // Maintenance still sees one split per bucket.
        assertThat(small.newReadBuilder().newScan().dataSplits()).hasSize(4);
        TableTestSupport.assertNoOrphanAndNoMissingFiles(table);
    }

    private static void apply(String engine, Map<Long, GenericRow> model, long k, GenericRow row) {
        GenericRow old = model.get(k);
        switch (engine) {
            case "first-row":
                model.putIfAbsent(k, row);
                break;
            case "partial-update":
                model.put(k, old == null ? row : GenericRow.of(k, row.isNullAt(1) ? old.getField(1) : row.getField(1),
                        row.getField(2)));
                break;
            case "aggregation": {
                Long sum;
                if (old == null || old.isNullAt(1)) {
                    sum = (Long) row.getField(1);
                } else if (row.isNullAt(1)) {
                    sum = (Long) old.getField(1);
                } else {
                    sum = Long.valueOf((Long) old.getField(1) + (Long) row.getField(1));
                }
                model.put(k, GenericRow.of(k, sum, row.getField(2)));
                break;
            }
            default:
                model.put(k, row);
        }
    }

    private static List<String> read(FileStoreTable table, List<Split> splits) throws IOException {
        TableRead read = table.newReadBuilder().newRead();
        List<String> rows = new ArrayList<>();
        for (Split split : splits) {
            try (RecordReader<InternalRow> reader = read.createReader(split)) {
                InternalRow row;
                while ((row = reader.read()) != null) {
                    assertThat(row.getRowKind()).isEqualTo(RowKind.INSERT);
                    rows.add(describe(row));
                }
            }
        }
        return rows;
    }

    private static long rowCount(List<Split> splits) {
        return splits.stream().mapToLong(Split::rowCount).sum();
    }

    private static String describe(InternalRow row) {
        return row.getLong(0) + "/" + (row.isNullAt(1) ? null : row.getLong(1)) + "/" + row.getString(2);
    }
}
