package io.tstore.core.table;

import io.tstore.core.catalog.FileSystemCatalog;
import io.tstore.core.data.BinaryString;
import io.tstore.core.data.Decimal;
import io.tstore.core.data.GenericRow;
import io.tstore.core.data.InternalRow;
import io.tstore.core.file.DataFileMeta;
import io.tstore.core.predicate.Predicate;
import io.tstore.core.predicate.PredicateBuilder;
import io.tstore.core.schema.ColumnPosition;
import io.tstore.core.schema.Schema;
import io.tstore.core.schema.SchemaChange;
import io.tstore.core.schema.TableSchema;
import io.tstore.core.types.BigIntType;
import io.tstore.core.types.DataField;
import io.tstore.core.types.DataType;
import io.tstore.core.types.DataTypes;
import io.tstore.core.types.DecimalType;
import io.tstore.core.types.DoubleType;
import io.tstore.core.types.FloatType;
import io.tstore.core.types.IntType;
import io.tstore.core.types.VarCharType;
import io.tstore.lsm.RowKind;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Files written under old schemas read correctly under new ones. A table is written, then changed step by step:
 * a column added at a position, a column renamed, a column dropped, INT widened to BIGINT, FLOAT to DOUBLE and
 * DECIMAL(5,2) to DECIMAL(10,2), a NOT NULL column relaxed, the file format switched (ORC to Parquet or back), and
 * a dropped column's name added again. After each change more rows are written, among them upserts and deletes of
 * keys whose older versions live in files of older schemas, so that merging mixes schemas and formats.
 *
 * <p>After each step the full read is compared with a model that keeps each row's values by field id (a rename or
 * widening keeps the id; a drop forgets it; an added column, even under an old name, is null in old rows), and
 * filters on the renamed and widened columns are checked for their rows and, on append tables, for pruning by the
 * statistics of old files. At the end every bucket is compacted fully and everything is checked again.
 */
class TableSchemaEvolutionTest {
    private static final String[] PARTITIONS = {"p0", "p1"};

    @TempDir
    java.nio.file.Path warehouse;

    private FileSystemCatalog catalog;
    private Identifier id;
    private FileStoreTable table;
    private boolean primaryKey;
    private Random random;
    /** Rows by (id, dt) for primary-key tables, by a serial number for append tables; values by field id. */
    private final Map<List<Object>, Map<Integer, Object>> model = new HashMap<>();
    private long serial;
    private long commitIdentifier;

    @ParameterizedTest(name = "{0} then {1}, {2}")
    @CsvSource({"orc, parquet, primary-key", "parquet, orc, primary-key", "orc, parquet, append", "parquet, orc, append"})
    void filesOfOldSchemasReadCorrectlyUnderNewOnes(String firstFormat, String secondFormat, String kind) throws IOException {
        primaryKey = kind.equals("primary-key");
        random = new Random(Objects.hash(firstFormat, kind));
        catalog = FileSystemCatalog.create(warehouse.toString(), Map.of());
        catalog.createDatabase("db", true);
        id = Identifier.of("db", "evolving_" + firstFormat + "_" + kind.replace('-', '_'));
        Schema.Builder schema = Schema.newBuilder()
                .column("id", DataTypes.BIGINT().notNull())
                .column("dt", DataTypes.STRING().notNull())
                .column("a", DataTypes.INT())
                .column("f", DataTypes.FLOAT())
                .column("d", DataTypes.DECIMAL(5, 2))
                .column("name", DataTypes.STRING())
                .column("note", DataTypes.STRING().notNull())
                .column("tmp", DataTypes.INT())
                .partitionKeys("dt")
                .option("bucket", "2")
                .option("bucket-key", "id")
                .option("file.format", firstFormat)
                // Enough sorted runs that no compaction merges the old files away before the end.
                .option("num-sorted-run.compaction-trigger", "50");
        if (primaryKey) {
            schema.primaryKey("id", "dt");
        }
        catalog.createTable(id, schema.build(), false);
        table = catalog.getTable(id);

        writeAndCheck("create");
        alter("add extra after id", SchemaChange.addColumn("extra", DataTypes.STRING(), null, ColumnPosition.after("id")));
        alter("rename name to label", SchemaChange.renameColumn("name", "label"));
        alter("drop tmp", SchemaChange.dropColumn("tmp"));
        alter("widen a, f and d",
                SchemaChange.updateColumnType("a", DataTypes.BIGINT()),
                SchemaChange.updateColumnType("f", DataTypes.DOUBLE()),
                SchemaChange.updateColumnType("d", DataTypes.DECIMAL(10, 2)));
        alter("relax note", SchemaChange.updateColumnNullability("note", true));
        alter("switch to " + secondFormat, SchemaChange.setOption("file.format", secondFormat));
        alter("add tmp again, first", SchemaChange.addColumn("tmp", DataTypes.STRING(), null, ColumnPosition.first()));

        Set<Long> schemasRead = new HashSet<>();
        Set<String> formatsRead = new HashSet<>();
        for (DataSplit split : table.newReadBuilder().newScan().dataSplits()) {
            for (DataFileMeta file : split.files()) {
                schemasRead.add(file.schemaId());
                formatsRead.add(file.fileName().substring(file.fileName().lastIndexOf('.') + 1));
            }
        }
        assertThat(schemasRead).as("schemas of the files read before the compaction").hasSizeGreaterThan(5);
        assertThat(formatsRead).as("formats of the files read before the compaction").containsExactlyInAnyOrder("orc", "parquet");

        compactFully();
        check("after full compaction");
        for (DataSplit split : table.newReadBuilder().newScan().dataSplits()) {
            for (DataFileMeta file : split.files()) {
                assertThat(file.schemaId()).as("schema of %s after full compaction", file.fileName()).isEqualTo(table.schema().id());
                assertThat(file.fileName()).endsWith("." + secondFormat);
            }
        }
        TableTestSupport.assertNoOrphanAndNoMissingFiles(table);
    }

    private void alter(String step, SchemaChange... changes) throws IOException {
        List<Integer> dropped = new ArrayList<>();
        for (SchemaChange change : changes) {
            if (change instanceof SchemaChange.DropColumn drop) {
                dropped.add(field(drop.name()).id());
            }
        }
        catalog.alterTable(id, List.of(changes), false);
        table = catalog.getTable(id);
        // The model forgets a dropped column's values: its field id is never read again.
        for (Map<Integer, Object> row : model.values()) {
            dropped.forEach(row::remove);
        }
        writeAndCheck(step);
    }

    /** Writes a batch of new rows, upserts of old keys and deletes, commits, and checks reads and filters. */
    private void writeAndCheck(String step) throws IOException {
        try (TableWrite write = table.newWrite(false)) {
            List<List<Object>> keys = new ArrayList<>(model.keySet());
            keys.sort(Comparator.comparing(Object::toString));
            for (int i = 0; i < 40; i++) {
                List<Object> key;
                if (primaryKey && !keys.isEmpty() && random.nextInt(2) == 0) {
                    // An upsert or delete of a key whose older versions are in files of older schemas.
                    key = keys.get(random.nextInt(keys.size()));
                } else {
                    key = primaryKey
                            ? List.of((long) random.nextInt(1_000), PARTITIONS[random.nextInt(2)])
                            : List.of(serial++);
                }
                if (primaryKey && model.containsKey(key) && random.nextInt(5) == 0) {
                    Map<Integer, Object> old = model.remove(key);
                    GenericRow delete = toRow(old);
                    delete.setRowKind(RowKind.DELETE);
                    write.write(delete);
                    continue;
                }
                Map<Integer, Object> values = randomValues(key, step);
                write.write(toRow(values));
                model.put(key, values);
            }
            table.newCommit("evolution").commit(++commitIdentifier, write.prepareCommit(true));
        }
        check(step);
    }

    private DataField field(String name) {
        int index = table.rowType().fieldIndex(name);
        return index < 0 ? null : table.rowType().fields().get(index);
    }

    /** Values of the current schema's columns, by field id, in the form the model compares. */
    private Map<Integer, Object> randomValues(List<Object> key, String step) {
        Map<Integer, Object> values = new HashMap<>();
        boolean wide = table.schema().rowType().fields().stream()
                .anyMatch(f -> f.name().equals("a") && f.type() instanceof BigIntType);
        for (DataField field : table.rowType().fields()) {
            Object value;
            switch (field.name()) {
                case "id" -> value = primaryKey ? key.get(0) : (long) random.nextInt(1_000);
                case "dt" -> value = primaryKey ? key.get(1) : PARTITIONS[random.nextInt(2)];
                case "a" -> value = wide && random.nextBoolean() ? 3_000_000_000L + random.nextInt(1_000_000) : (long) random.nextInt(2_000_000) - 1_000_000;
                case "f" -> value = field.type() instanceof FloatType ? (double) (random.nextInt(100_000) / 8f) : random.nextInt(1_000_000) / 3.0;
                case "d" -> value = BigDecimal.valueOf(((DecimalType) field.type()).precision() > 5 ? random.nextLong() % 9_999_999_999L : random.nextInt(199_999) - 99_999, 2);
                // Labels written after the rename sort above all older names, so a filter can prune old files.
                case "label" -> value = "z-" + step.replace(' ', '-') + "-" + random.nextInt(100);
                case "name" -> value = "s" + random.nextInt(100);
                case "note" -> value = "n" + random.nextInt(10);
                case "tmp", "extra" -> value = field.type() instanceof IntType ? (Object) (long) random.nextInt(100) : "x" + random.nextInt(100);
                default -> throw new IllegalStateException(field.name());
            }
            boolean nullable = field.type().isNullable() && !field.name().equals("id") && !field.name().equals("dt");
            if (nullable && random.nextInt(5) == 0) {
                value = null;
            }
            if (value != null) {
                values.put(field.id(), value);
            }
        }
        return values;
    }

    /** A row of the current schema from values by field id. */
    private GenericRow toRow(Map<Integer, Object> values) {
        List<DataField> fields = table.rowType().fields();
        GenericRow row = new GenericRow(fields.size());
        for (int i = 0; i < fields.size(); i++) {
            Object value = values.get(fields.get(i).id());
            row.setField(i, value == null ? null : toInternal(fields.get(i).type(), value));
        }
        return row;
    }

    private static Object toInternal(DataType type, Object value) {
        if (type instanceof BigIntType) {
            return value;
        } else if (type instanceof IntType) {
            return (int) (long) (Long) value;
        } else if (type instanceof FloatType) {
            return (float) (double) (Double) value;
        } else if (type instanceof DoubleType) {
            return value;
        } else if (type instanceof DecimalType decimal) {
            return Decimal.fromBigDecimal((BigDecimal) value, decimal.precision(), decimal.scale());
        } else if (type instanceof VarCharType) {
            return BinaryString.fromString((String) value);
        }
        throw new IllegalArgumentException(type.toString());
    }

    /** A value read from a row, in the form the model compares: widening must not change it. */
    private static Object fromInternal(InternalRow row, int pos, DataType type) {
        if (row.isNullAt(pos)) {
            return null;
        } else if (type instanceof BigIntType) {
            return row.getLong(pos);
        } else if (type instanceof IntType) {
            return (long) row.getInt(pos);
        } else if (type instanceof FloatType) {
            return (double) row.getFloat(pos);
        } else if (type instanceof DoubleType) {
            return row.getDouble(pos);
        } else if (type instanceof DecimalType decimal) {
            return row.getDecimal(pos, decimal.precision(), decimal.scale()).toBigDecimal();
        } else if (type instanceof VarCharType) {
            return row.getString(pos).toString();
        }
        throw new IllegalArgumentException(type.toString());
    }

    /** The model's rows under the current schema: each column's value by its field id, null where there is none. */
    private List<List<Object>> expected(java.util.function.Predicate<Map<Integer, Object>> filter) {
        List<List<Object>> rows = new ArrayList<>();
        for (Map<Integer, Object> values : model.values()) {
            if (!filter.test(values)) {
                continue;
            }
            List<Object> row = new ArrayList<>();
            for (DataField field : table.rowType().fields()) {
                row.add(values.get(field.id()));
            }
            rows.add(row);
        }
        rows.sort(Comparator.comparing(Object::toString));
        return rows;
    }

    private List<List<Object>> read(Predicate filter) throws IOException {
        ReadBuilder builder = table.newReadBuilder();
        if (filter != null) {
            builder.withFilter(filter);
        }
        List<DataField> fields = table.rowType().fields();
        List<List<Object>> rows = new ArrayList<>();
        for (InternalRow row : builder.readAll()) {
            List<Object> values = new ArrayList<>();
            for (int i = 0; i < fields.size(); i++) {
                values.add(fromInternal(row, i, fields.get(i).type()));
            }
            rows.add(values);
        }
        rows.sort(Comparator.comparing(Object::toString));
        return rows;
    }

    private void check(String step) throws IOException {
        assertThat(read(null)).as("all rows, after step '%s'", step).isEqualTo(expected(values -> true));
        PredicateBuilder where = table.newReadBuilder().predicateBuilder();
        Map<String, Predicate> filters = new LinkedHashMap<>();
        Map<String, java.util.function.Predicate<Map<Integer, Object>>> tests = new HashMap<>();
        DataField a = field("a");
        DataField d = field("d");
        DataField f = field("f");
        boolean wide = a.type() instanceof BigIntType;
        long aBound = wide ? 2_000_000_000L : 0L;
        Object aLiteral = wide ? (Object) aBound : (Object) (int) aBound;
        filters.put("a > " + aBound, where.greaterThan("a", aLiteral));
        tests.put("a > " + aBound, values -> values.get(a.id()) != null && (Long) values.get(a.id()) > aBound);
        BigDecimal dBound = new BigDecimal("123.45");
        filters.put("d <= 123.45", where.lessOrEqual("d", dBound));
        tests.put("d <= 123.45", values -> values.get(d.id()) != null && ((BigDecimal) values.get(d.id())).compareTo(dBound) <= 0);
        double fBound = 5_000;
        filters.put("f < 5000", where.lessThan("f", f.type() instanceof FloatType ? (Object) (float) fBound : (Object) fBound));
        tests.put("f < 5000", values -> values.get(f.id()) != null && (Double) values.get(f.id()) < fBound);
        filters.put("id < 100", where.lessThan("id", 100L));
        tests.put("id < 100", values -> (Long) values.get(field("id").id()) < 100);
        DataField label = field("label");
        if (label != null) {
            filters.put("label >= 'z'", where.greaterOrEqual("label", "z"));
            tests.put("label >= 'z'", values -> values.get(label.id()) != null && ((String) values.get(label.id())).compareTo("z") >= 0);
            filters.put("label IS NULL", where.isNull("label"));
            tests.put("label IS NULL", values -> values.get(label.id()) == null);
        }
        for (Map.Entry<String, Predicate> filter : filters.entrySet()) {
            assertThat(read(filter.getValue())).as("rows where %s, after step '%s'", filter.getKey(), step)
                    .isEqualTo(expected(tests.get(filter.getKey())));
        }
        if (label != null && !primaryKey) {
            // Files written before the rename hold names starting with 's' (or nulls): their statistics, read by
            // field id under the old name, rule them out.
            long renamedAt = firstSchemaWhere(s -> s.rowType().fieldIndex("label") >= 0);
            List<DataFileMeta> planned = plannedFiles(filters.get("label >= 'z'"));
            assertThat(planned).as("files planned for label >= 'z' after step '%s'", step)
                    .isNotEmpty()
                    .allSatisfy(file -> assertThat(file.schemaId()).isGreaterThanOrEqualTo(renamedAt));
        }
        if (!primaryKey) {
            // The statistics of a widened column prune the files written since the widening. Older files hold the
            // old type's statistics, which the scan does not compare with the new type's literal: they are kept.
            long widenedAt = wide ? firstSchemaWhere(s -> s.rowType().typeAt(s.rowType().fieldIndex("a")) instanceof BigIntType) : Long.MAX_VALUE;
            Predicate impossible = wide ? where.greaterThan("a", 9_000_000_000L) : where.greaterThan("a", 2_000_000);
            assertThat(plannedFiles(impossible)).as("files planned for an impossible value of a, after step '%s'", step)
                    .allSatisfy(file -> assertThat(file.schemaId()).isLessThan(widenedAt));
        }
    }

    private long firstSchemaWhere(java.util.function.Predicate<TableSchema> test) throws IOException {
        return table.schemaManager().listAll().stream().filter(test).mapToLong(TableSchema::id).min().orElseThrow();
    }

    private List<DataFileMeta> plannedFiles(Predicate filter) throws IOException {
        DataReadBuilder builder = table.newReadBuilder();
        if (filter != null) {
            builder.withFilter(filter);
        }
        List<DataFileMeta> files = new ArrayList<>();
        for (DataSplit split : builder.newScan().dataSplits()) {
            files.addAll(split.files());
        }
        return files;
    }

    private void compactFully() throws IOException {
        try (TableWrite write = table.newWrite(false)) {
            for (DataSplit split : table.newReadBuilder().newScan().dataSplits()) {
                write.compact(split.partition(), split.bucket(), true);
            }
            table.newCommit("evolution").commit(++commitIdentifier, write.prepareCommit(true));
        }
    }

}
