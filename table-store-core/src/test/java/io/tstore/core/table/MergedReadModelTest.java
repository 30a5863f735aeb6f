package io.tstore.core.table;

import io.tstore.core.catalog.FileSystemCatalog;
import io.tstore.core.data.BinaryString;
import io.tstore.core.data.GenericRow;
import io.tstore.core.data.InternalRow;
import io.tstore.core.predicate.Predicate;
import io.tstore.core.predicate.PredicateBuilder;
import io.tstore.core.schema.Schema;
import io.tstore.core.types.DataTypes;
import io.tstore.lsm.RowKind;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Merged reads of primary-key tables whose keys have versions (upserts and deletes) in many sorted runs, as
 * {@link io.tstore.core.io.CursorMergeReader} merges them, with projections and filters on key and value columns,
 * against a sorted map of the last write of each key; after every commit, and after a full compaction at the end.
 */
class MergedReadModelTest {
    @TempDir
    java.nio.file.Path warehouse;

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"orc, deduplicate", "parquet, deduplicate", "orc, first-row", "orc, partial-update"})
    void mergedReadsEqualTheModel(String format, String engine) throws IOException {
        FileSystemCatalog catalog = FileSystemCatalog.create(warehouse.toString(), Map.of());
        catalog.createDatabase("db", false);
        Identifier id = Identifier.of("db", "t");
        boolean deletes = engine.equals("deduplicate");
        catalog.createTable(id, Schema.newBuilder()
                .column("k", DataTypes.BIGINT())
                .column("v", DataTypes.INT())
                .column("s", DataTypes.STRING())
                .primaryKey("k")
                .option("bucket", "2")
                .option("file.format", format)
                .option("merge-engine", engine)
                .option("ignore-delete", String.valueOf(!deletes))
                // No compaction until the end: every commit adds a level-0 run per bucket.
                .option("num-sorted-run.compaction-trigger", "20")
                .option("num-sorted-run.stop-trigger", "30")
                .build(), false);
        FileStoreTable table = catalog.getTable(id);
        TreeMap<Long, GenericRow> model = new TreeMap<>();
        Random random = new Random((format + engine).hashCode());
        PredicateBuilder where = new PredicateBuilder(table.rowType());
        for (int commit = 1; commit <= 8; commit++) {
            try (TableWrite write = table.newWrite(false)) {
                int rows = 1 + random.nextInt(commit % 3 == 0 ? 3000 : 300);
                for (int i = 0; i < rows; i++) {
                    long k = random.nextInt(2000);
                    GenericRow row = GenericRow.of(k, random.nextInt(5) == 0 ? null : random.nextInt(100),
                            BinaryString.fromString("s" + random.nextInt(1000)));
                    if (deletes && random.nextInt(4) == 0) {
                        row.setRowKind(RowKind.DELETE);
                        model.remove(k);
                    } else if (engine.equals("first-row")) {
                        model.putIfAbsent(k, row);
                    } else if (engine.equals("partial-update") && model.containsKey(k)) {
                        GenericRow old = model.get(k);
                        model.put(k, GenericRow.of(k, row.isNullAt(1) ? old.getField(1) : row.getField(1), row.getField(2)));
                    } else {
                        model.put(k, row);
                    }
                    write.write(row);
                }
                table.newCommit("writer").commit(commit, write.prepareCommit(false));
            }
            long pivot = random.nextInt(2000);
            int threshold = random.nextInt(100);
            List<Predicate> filters = new ArrayList<>();
            filters.add(null);
            filters.add(where.lessThan("k", pivot));
            filters.add(where.greaterOrEqual("v", threshold));
            filters.add(PredicateBuilder.or(where.equal("k", pivot), where.isNull("v")));
            for (Predicate filter : filters) {
                check(table, model, filter, null, "commit " + commit);
                check(table, model, filter, new int[] {2, 0}, "commit " + commit);
            }
        }
        try (TableWrite write = table.newWrite(false)) {
            for (DataSplit split : table.newReadBuilder().newScan().dataSplits()) {
                write.compact(split.partition(), split.bucket(), true);
            }
            table.newCommit("writer").commit(100, write.prepareCommit(true));
        }
        check(table, model, null, null, "after full compaction");
        TableTestSupport.assertNoOrphanAndNoMissingFiles(table);
    }

    private static void check(FileStoreTable table, TreeMap<Long, GenericRow> model, Predicate filter, int[] projection,
            String when) throws IOException {
        List<String> expected = new ArrayList<>();
        for (GenericRow row : model.values()) {
            if (filter == null || filter.test(row)) {
                expected.add(projection == null ? describe(row) : describeProjected(row.getString(2).toString(), row.getLong(0)));
            }
        }
        ReadBuilder builder = table.newReadBuilder();
        if (filter != null) {
            builder = builder.withFilter(filter);
        }
        if (projection != null) {
            builder = builder.withProjection(projection);
        }
        List<String> actual = new ArrayList<>();
        for (InternalRow row : builder.readAll()) {
            assertThat(row.getRowKind()).isEqualTo(RowKind.INSERT);
            actual.add(projection == null ? describe(row) : describeProjected(row.getString(0).toString(), row.getLong(1)));
        }
        assertThat(actual).as("%s, filter %s, projection %s", when, filter, java.util.Arrays.toString(projection))
                .containsExactlyInAnyOrderElementsOf(expected);
    }

    private static String describe(InternalRow row) {
        return row.getLong(0) + "/" + (row.isNullAt(1) ? null : row.getInt(1)) + "/" + row.getString(2);
    }

    private static String describeProjected(String s, long k) {
        return s + "/" + k;
    }
}
