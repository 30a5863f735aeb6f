package io.tstore.core.table;

import io.tstore.core.catalog.FileSystemCatalog;
import io.tstore.core.data.BinaryString;
import io.tstore.core.data.GenericRow;
import io.tstore.core.data.InternalRow;
import io.tstore.core.predicate.Predicate;
import io.tstore.core.predicate.PredicateBuilder;
import io.tstore.core.schema.Schema;
import io.tstore.core.types.DataTypes;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Filters prune partitions and files and are pushed into the formats, and the rows read are exactly those of
 * the model that satisfy the filter — also for value filters over keys whose versions are spread across files.
 */
class TableReadFilterTest {
    @TempDir
    java.nio.file.Path warehouse;

    @ParameterizedTest
    @ValueSource(strings = {"orc", "parquet"})
    void filteredReadsEqualTheFilteredModel(String format) throws IOException {
        FileSystemCatalog catalog = FileSystemCatalog.create(warehouse.toString(), Map.of());
        catalog.createDatabase("db", false);
        Identifier id = Identifier.of("db", "t");
        catalog.createTable(id, Schema.newBuilder()
                .column("k", DataTypes.BIGINT())
                .column("dt", DataTypes.STRING())
                .column("v", DataTypes.INT())
                .primaryKey("k", "dt")
                .partitionKeys("dt")
                .option("bucket", "2")
                .option("file.format", format)
                .option("num-sorted-run.compaction-trigger", "10")
                .build(), false);
        FileStoreTable table = catalog.getTable(id);
        Map<List<Object>, Integer> model = new TreeMap<>(java.util.Comparator.comparing(Object::toString));
        Random random = new Random(format.hashCode());
        // Several commits, so that each key has versions in several files on level 0.
        for (int commit = 1; commit <= 6; commit++) {
            try (TableWrite write = table.newWrite(false)) {
                for (int i = 0; i < 400; i++) {
                    long k = random.nextInt(300);
                    String dt = "d" + random.nextInt(3);
                    int v = random.nextInt(100);
                    write.write(GenericRow.of(k, BinaryString.fromString(dt), v));
                    model.put(List.of(k, dt), v);
                }
                table.newCommit("writer").commit(commit, write.prepareCommit(false));
            }
        }
        PredicateBuilder where = new PredicateBuilder(table.rowType());
        List<Predicate> filters = List.of(
                where.equal("k", 7L),
                where.lessThan("k", 20L),
                where.in("k", List.of(1L, 50L, 299L, 1000L)),
                where.equal("dt", "d1"),
                PredicateBuilder.and(where.equal("dt", "d2"), where.greaterThan("v", 50)),
                where.greaterOrEqual("v", 90),
                PredicateBuilder.or(where.equal("k", 3L), where.isNull("v")),
                PredicateBuilder.not(where.lessThan("k", 290L)));
        for (Predicate filter : filters) {
            List<String> expected = new ArrayList<>();
            for (Map.Entry<List<Object>, Integer> row : model.entrySet()) {
                GenericRow r = GenericRow.of(row.getKey().get(0), BinaryString.fromString((String) row.getKey().get(1)), row.getValue());
                if (filter.test(r)) {
                    expected.add(describe(r));
                }
            }
            List<String> actual = rows(table.newReadBuilder().withFilter(filter).readAll(), TableReadFilterTest::describe);
            assertThat(actual).as("%s with filter %s", format, filter).containsExactlyInAnyOrderElementsOf(expected);
        }
        // Partition filters prune splits: only partition d1's buckets are planned.
        List<DataSplit> splits = table.newReadBuilder().withFilter(where.equal("dt", "d1")).newScan().dataSplits();
        assertThat(splits).isNotEmpty().allSatisfy(split -> assertThat(split.partition().getString(0).toString()).isEqualTo("d1"));
        // Projection and limit.
        List<InternalRow> limited = table.newReadBuilder().withProjection(List.of("v", "k")).withLimit(5).readAll();
        assertThat(limited).hasSize(5).allSatisfy(row -> assertThat(row.getFieldCount()).isEqualTo(2));
        TableTestSupport.assertNoOrphanAndNoMissingFiles(table);
    }

    private static String describe(InternalRow row) {
        return row.getLong(0) + "/" + row.getString(1) + "/" + (row.isNullAt(2) ? null : row.getInt(2));
    }

    private static List<String> rows(List<InternalRow> rows, Function<InternalRow, String> describe) {
        return rows.stream().map(describe).toList();
    }
}
