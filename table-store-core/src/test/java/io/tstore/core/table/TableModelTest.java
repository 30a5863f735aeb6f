package io.tstore.core.table;

import io.tstore.core.catalog.FileSystemCatalog;
import io.tstore.core.commit.CommitMessage;
import io.tstore.core.data.BinaryString;
import io.tstore.core.data.GenericRow;
import io.tstore.core.data.InternalRow;
import io.tstore.core.schema.Schema;
import io.tstore.core.types.DataTypes;
import io.tstore.lsm.RowKind;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random upserts, deletes and overwrites across partitions and buckets, with random commits, compactions and
 * writer restarts, compared after every commit with a plain in-memory model of each merge engine, for ORC and
 * Parquet. Ends by checking that every file is referenced and every referenced file exists.
 */
class TableModelTest {
    private static final String[] PARTITIONS = {"2024-01-01", "2024-01-02", "2024-01-03"};

    @TempDir
    java.nio.file.Path warehouse;

    static Stream<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        String only = System.getProperty("table.model.case", "");
        for (String format : new String[] {"orc", "parquet"}) {
            for (String engine : new String[] {"deduplicate", "partial-update", "aggregation", "first-row", "append"}) {
                if (only.isEmpty() || only.equals(format + "-" + engine)) {
                    cases.add(Arguments.of(format, engine));
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void randomWorkloadMatchesTheModel(String format, String engine) throws IOException {
        long seed = Objects.hash(format, engine);
        Random random = new Random(seed);
        FileSystemCatalog catalog = FileSystemCatalog.create(warehouse.toString(), Map.of());
        catalog.createDatabase("db", true);
        Identifier id = Identifier.of("db", "t_" + engine.replace('-', '_'));
        Schema.Builder schema = Schema.newBuilder()
                .column("k", DataTypes.BIGINT().notNull())
                .column("dt", DataTypes.STRING().notNull())
                .column("v1", DataTypes.INT())
                .column("v2", DataTypes.STRING())
                .column("v3", DataTypes.BIGINT())
                .partitionKeys("dt")
                .option("bucket", "2")
                .option("file.format", format)
                .option("num-sorted-run.compaction-trigger", "3")
                .option("target-file-size", "16 kb")
                .option("write-buffer-size", "256 kb")
                .option("page-size", "4 kb");
        boolean append = engine.equals("append");
        if (!append) {
            schema.primaryKey("k", "dt").option("merge-engine", engine);
        }
        if (engine.equals("aggregation")) {
            schema.option("fields.v1.aggregate-function", "sum").option("fields.v3.aggregate-function", "max");
        }
        catalog.createTable(id, schema.build(), false);
        FileStoreTable table = catalog.getTable(id);

        Model model = new Model(engine);
        TableWrite write = table.newWrite(false);
        TableCommit commit = table.newCommit("model-test");
        long identifier = 0;
        int operations = Integer.getInteger("table.model.operations", 1_500);
        for (int op = 0; op < operations; op++) {
            int r = random.nextInt(1000);
            if (r < 850) {
                GenericRow row = randomRow(random, engine);
                boolean delete = engine.equals("deduplicate") && random.nextInt(6) == 0;
                if (delete) {
                    row.setRowKind(RowKind.DELETE);
                }
                write.write(row);
                model.apply(row);
            } else if (r < 960) {
                commit.commit(++identifier, write.prepareCommit(random.nextBoolean()));
                model.commit();
                assertThat(read(table)).as("%s %s after commit %d", format, engine, identifier).isEqualTo(model.committed());
            } else if (r < 980) {
                String dt = PARTITIONS[random.nextInt(PARTITIONS.length)];
                write.compact(partition(table, dt), random.nextInt(2), random.nextBoolean());
            } else if (r < 990) {
                // A restart: uncommitted rows are gone; the new writer restores from the latest snapshot.
                write.close();
                model.rollback();
                write = table.newWrite(false);
            } else {
                // Overwrite one partition with a few rows; the streaming writer restarts afterwards.
                commit.commit(++identifier, write.prepareCommit(true));
                model.commit();
                write.close();
                String dt = PARTITIONS[random.nextInt(PARTITIONS.length)];
                model.clearPartition(dt);
                try (TableWrite overwrite = table.newWrite(true)) {
                    for (int i = 0; i < 5; i++) {
                        GenericRow row = randomRow(random, engine);
                        row.setField(1, BinaryString.fromString(dt));
                        overwrite.write(row);
                        model.apply(row);
                    }
                    commit.overwrite(Map.of("dt", dt), ++identifier, overwrite.prepareCommit(true));
                }
                model.commit();
                assertThat(read(table)).as("%s %s after overwrite %d", format, engine, identifier).isEqualTo(model.committed());
                write = table.newWrite(false);
            }
        }
        commit.commit(++identifier, write.prepareCommit(true));
        model.commit();
        write.close();
        assertThat(read(table)).isEqualTo(model.committed());
        TableTestSupport.assertNoOrphanAndNoMissingFiles(table);
    }

    private static io.tstore.core.data.BinaryRow partition(FileStoreTable table, String dt) {
        return io.tstore.core.data.InternalRows.toBinaryRow(
                GenericRow.of(BinaryString.fromString(dt)), table.schema().logicalPartitionType());
    }

    private static GenericRow randomRow(Random random, String engine) {
        long k = random.nextInt(60);
        String dt = PARTITIONS[random.nextInt(PARTITIONS.length)];
        boolean sparse = engine.equals("partial-update") || engine.equals("aggregation");
        Integer v1 = sparse && random.nextInt(3) == 0 ? null : random.nextInt(100);
        BinaryString v2 = sparse && random.nextInt(3) == 0 ? null : BinaryString.fromString("s" + random.nextInt(1000));
        Long v3 = random.nextInt(4) == 0 ? null : (long) random.nextInt(10_000);
        return GenericRow.of(k, BinaryString.fromString(dt), v1, v2, v3);
    }

    /** Every row of the table, keyed by (k, dt) for primary-key tables or counted for append tables. */
    private static Map<List<Object>, Integer> read(FileStoreTable table) throws IOException {
        Map<List<Object>, Integer> rows = new TreeMap<>(java.util.Comparator.comparing(Object::toString));
        for (InternalRow row : table.newReadBuilder().readAll()) {
            rows.merge(values(row), 1, Integer::sum);
        }
        return rows;
    }

    private static List<Object> values(InternalRow row) {
        List<Object> values = new ArrayList<>();
        values.add(row.getLong(0));
        values.add(row.getString(1).toString());
        values.add(row.isNullAt(2) ? null : row.getInt(2));
        values.add(row.isNullAt(3) ? null : row.getString(3).toString());
        values.add(row.isNullAt(4) ? null : row.getLong(4));
        return values;
    }

    /** What each merge engine makes of the rows written, key by key, and what was committed. */
    private static final class Model {
        private final String engine;
        private Map<List<Object>, List<Object>> live = new HashMap<>();
        private Map<List<Object>, List<Object>> committed = new HashMap<>();
        private List<List<Object>> appendedLive = new ArrayList<>();
        private List<List<Object>> appendedCommitted = new ArrayList<>();

        Model(String engine) {
            this.engine = engine;
        }

        void apply(GenericRow row) {
            List<Object> values = values(row);
            if (engine.equals("append")) {
                appendedLive.add(values);
                return;
            }
            List<Object> key = List.of(values.get(0), values.get(1));
            List<Object> old = live.get(key);
            if (row.getRowKind() == RowKind.DELETE) {
                live.remove(key);
                return;
            }
            List<Object> merged = switch (engine) {
                case "deduplicate" -> values;
                case "first-row" -> old == null ? values : old;
                case "partial-update" -> old == null ? values : overlay(old, values);
                case "aggregation" -> old == null ? aggregateFirst(values) : aggregate(old, values);
                default -> throw new IllegalStateException(engine);
            };
            live.put(key, merged);
        }

        private static List<Object> overlay(List<Object> old, List<Object> update) {
            List<Object> merged = new ArrayList<>(old);
            for (int i = 2; i < update.size(); i++) {
                if (update.get(i) != null) {
                    merged.set(i, update.get(i));
                }
            }
            return merged;
        }

        private static List<Object> aggregateFirst(List<Object> values) {
            return new ArrayList<>(values);
        }

        /** v1 sum, v2 last non-null value (the default), v3 max. */
        private static List<Object> aggregate(List<Object> old, List<Object> update) {
            List<Object> merged = new ArrayList<>(old);
            Integer a = (Integer) old.get(2);
            Integer b = (Integer) update.get(2);
            merged.set(2, a == null ? b : b == null ? a : Integer.valueOf(a + b));
            if (update.get(3) != null) {
                merged.set(3, update.get(3));
            }
            Long x = (Long) old.get(4);
            Long y = (Long) update.get(4);
            merged.set(4, x == null ? y : y == null ? x : Long.valueOf(Math.max(x, y)));
            return merged;
        }

        void clearPartition(String dt) {
            live.keySet().removeIf(key -> key.get(1).equals(dt));
            appendedLive.removeIf(values -> values.get(1).equals(dt));
        }

        void commit() {
            committed = new HashMap<>(live);
            appendedCommitted = new ArrayList<>(appendedLive);
        }

        void rollback() {
            live = new HashMap<>(committed);
            appendedLive = new ArrayList<>(appendedCommitted);
        }

        Map<List<Object>, Integer> committed() {
            Map<List<Object>, Integer> rows = new TreeMap<>(java.util.Comparator.comparing(Object::toString));
            if (engine.equals("append")) {
                for (List<Object> values : appendedCommitted) {
                    rows.merge(values, 1, Integer::sum);
                }
            } else {
                for (List<Object> values : committed.values()) {
                    rows.merge(values, 1, Integer::sum);
                }
            }
            return rows;
        }
    }
}
