package io.tstore.core.mergetree;

import io.tstore.core.data.BinaryRow;
import io.tstore.core.data.BinaryString;
import io.tstore.core.data.GenericRow;
import io.tstore.core.data.InternalRow;
import io.tstore.core.mergetree.ReferenceMerges.Expected;
import io.tstore.core.mergetree.ReferenceMerges.Version;
import io.tstore.core.types.DataField;
import io.tstore.core.types.DecimalType;
import io.tstore.core.types.RowType;
import io.tstore.lsm.KeyValue;
import io.tstore.lsm.RowKind;
import io.tstore.lsm.merge.MergeFunction;
import io.tstore.lsm.merge.MergeFunctionFactory;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;

import static io.tstore.core.mergetree.ReferenceMerges.adds;
import static io.tstore.core.mergetree.ReferenceMerges.decimal;
import static io.tstore.core.mergetree.ReferenceMerges.maxSequenceNumber;
import static io.tstore.core.mergetree.ReferenceMerges.sortedBySequenceField;
import static io.tstore.core.types.DataTypes.BIGINT;
import static io.tstore.core.types.DataTypes.BOOLEAN;
import static io.tstore.core.types.DataTypes.BYTES;
import static io.tstore.core.types.DataTypes.DECIMAL;
import static io.tstore.core.types.DataTypes.DOUBLE;
import static io.tstore.core.types.DataTypes.INT;
import static io.tstore.core.types.DataTypes.STRING;
import static io.tstore.lsm.RowKind.DELETE;
import static io.tstore.lsm.RowKind.INSERT;
import static io.tstore.lsm.RowKind.UPDATE_AFTER;
import static io.tstore.lsm.RowKind.UPDATE_BEFORE;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random versions of one key, merged by each engine, against a plain reference written in the test; and the law the
 * LSM tree needs of every engine: merging the versions in consecutive runs, then the runs' results (again and
 * again, as compaction does), gives the same as merging all versions at once.
 */
class MergeEngineModelTest {
    private static final int SEQUENCES = 400;
    private static final int KEY = 7;

    /** For deduplicate, partial-update and first-row. */
    private static final RowType ROW_TYPE = RowType.builder()
            .field("id", INT().notNull())
            .field("ts", BIGINT())
            .field("a", INT())
            .field("b", STRING())
            .field("c", DECIMAL(10, 2))
            .field("d", DOUBLE())
            .field("e", BOOLEAN())
            .field("f", BYTES())
            .build();

    /** For aggregation: every function, and the functions that can retract. */
    private static final RowType AGG_TYPE = RowType.builder()
            .field("id", INT().notNull())
            .field("ts", BIGINT())
            .field("sum_i", INT())
            .field("sum_d", DECIMAL(12, 2))
            .field("sum_f", DOUBLE())
            .field("cnt", BIGINT())
            .field("cnt_i", INT())
            .field("lv", STRING())
            .field("lnn", INT())
            .field("lv_bytes", BYTES())
            .field("dflt", DECIMAL(12, 2))
            .field("mn", STRING())
            .field("mx", DECIMAL(12, 2))
            .field("fv", INT())
            .field("la", STRING())
            .field("band", BOOLEAN())
            .field("bor", BOOLEAN())
            .build();

    private static final Map<String, String> RETRACTABLE_FUNCTIONS = functions(
            "sum_i", "sum", "sum_d", "sum", "sum_f", "sum", "cnt", "count", "cnt_i", "count",
            "lv", "last_value", "lnn", "last_non_null_value", "lv_bytes", "last_value");
    private static final Map<String, String> ALL_FUNCTIONS = functions(
            "sum_i", "sum", "sum_d", "sum", "sum_f", "sum", "cnt", "count", "cnt_i", "count",
            "lv", "last_value", "lnn", "last_non_null_value", "lv_bytes", "last_value",
            "mn", "min", "mx", "max", "fv", "first_value", "la", "listagg", "band", "bool_and", "bor", "bool_or");

    private static final String[] STRINGS = {"", "a", "b", "ab", "\u00e9", "zz"};
    private static final double[] DOUBLES = {0.25, -1.5, 2.75, 1024, -0.5};
    private static final byte[][] BYTE_VALUES = {{}, {1}, {1, 2}, {(byte) 0xff}};

    private final MergeTestRows rows = new MergeTestRows(ROW_TYPE, List.of("id"));
    private final MergeTestRows aggRows = new MergeTestRows(AGG_TYPE, List.of("id"));

    // ---------------------------------------------------------------- deduplicate

    @Test
    void deduplicate() {
        run(rows, rows.factory(), gen -> gen.versions(ROW_TYPE, true, false), versions -> {
            Version last = versions.get(versions.size() - 1);
            return new Expected(last.sequenceNumber(), last.kind(), last.values());
        }, true);
    }

    @Test
    void deduplicateIgnoringDeletes() {
        run(rows, rows.factory("ignore-delete", "true"), gen -> gen.versions(ROW_TYPE, true, false), versions -> {
            List<Version> adds = adds(versions);
            if (adds.isEmpty()) {
                return null;
            }
            Version last = adds.get(adds.size() - 1);
            return new Expected(last.sequenceNumber(), last.kind(), last.values());
        }, true);
    }

    @Test
    void deduplicateBySequenceField() {
        run(rows, rows.factory("sequence.field", "ts"), gen -> gen.versions(ROW_TYPE, true, false), versions -> {
            Version latest = sortedBySequenceField(versions).get(versions.size() - 1);
            return new Expected(latest.sequenceNumber(), latest.kind(), latest.values());
        }, true);
    }

    // ---------------------------------------------------------------- partial-update

    @Test
    void partialUpdate() {
        run(rows, rows.factory("merge-engine", "partial-update"), gen -> gen.versions(ROW_TYPE, false, false),
                ReferenceMerges::partialUpdate, true);
    }

    @Test
    void partialUpdateIgnoringDeletes() {
        run(rows, rows.factory("merge-engine", "partial-update", "ignore-delete", "true"),
                gen -> gen.versions(ROW_TYPE, true, false),
                versions -> adds(versions).isEmpty() ? null : ReferenceMerges.partialUpdate(adds(versions)), true);
    }

    @Test
    void partialUpdateBySequenceField() {
        MergeFunctionFactory<BinaryRow, InternalRow> factory = rows.factory("merge-engine", "partial-update", "sequence.field", "ts");
        Function<List<Version>, Expected> reference = versions -> {
            Expected sorted = ReferenceMerges.partialUpdate(sortedBySequenceField(versions));
            return new Expected(maxSequenceNumber(versions), INSERT, sorted.values());
        };
        // Merging in runs agrees with merging at once only when the sequence field never goes back across runs.
        run(rows, factory, gen -> gen.versions(ROW_TYPE, false, false), reference, false);
        run(rows, factory, gen -> gen.versions(ROW_TYPE, false, true), reference, true);
    }

    // ---------------------------------------------------------------- first-row

    @Test
    void firstRow() {
        run(rows, rows.factory("merge-engine", "first-row"), gen -> gen.versions(ROW_TYPE, false, false), versions -> {
            Version first = versions.get(0);
            return new Expected(first.sequenceNumber(), first.kind(), first.values());
        }, true);
    }

    @Test
    void firstRowIgnoringDeletes() {
        run(rows, rows.factory("merge-engine", "first-row", "ignore-delete", "true"), gen -> gen.versions(ROW_TYPE, true, false),
                versions -> {
                    List<Version> adds = adds(versions);
                    return adds.isEmpty() ? null : new Expected(adds.get(0).sequenceNumber(), adds.get(0).kind(), adds.get(0).values());
                }, true);
    }

    // ---------------------------------------------------------------- aggregation

    @Test
    void aggregationOfEveryFunction() {
        run(aggRows, aggRows.factory(options(ALL_FUNCTIONS)), gen -> gen.versions(AGG_TYPE, false, false),
                versions -> ReferenceMerges.aggregation(AGG_TYPE, versions, ALL_FUNCTIONS, false), true);
    }

    @Test
    void aggregationWithRetractions() {
        run(aggRows, aggRows.factory(options(RETRACTABLE_FUNCTIONS)), gen -> gen.versions(AGG_TYPE, true, false),
                versions -> ReferenceMerges.aggregation(AGG_TYPE, versions, RETRACTABLE_FUNCTIONS, false), true);
    }

    @Test
    void aggregationIgnoringDeletes() {
        run(aggRows, aggRows.factory(options(ALL_FUNCTIONS, "ignore-delete", "true")), gen -> gen.versions(AGG_TYPE, true, false),
                versions -> adds(versions).isEmpty() ? null : ReferenceMerges.aggregation(AGG_TYPE, adds(versions), ALL_FUNCTIONS, false), true);
    }

    @Test
    void aggregationBySequenceField() {
        MergeFunctionFactory<BinaryRow, InternalRow> factory = aggRows.factory(options(RETRACTABLE_FUNCTIONS, "sequence.field", "ts"));
        Function<List<Version>, Expected> reference = versions -> ReferenceMerges.aggregation(AGG_TYPE, versions, RETRACTABLE_FUNCTIONS, true);
        run(aggRows, factory, gen -> gen.versions(AGG_TYPE, true, false), reference, false);
        run(aggRows, factory, gen -> gen.versions(AGG_TYPE, true, true), reference, true);
    }

    /** Functions that the last version in field order decides, or that ignore order, merge in runs in any order. */
    @Test
    void aggregationBySequenceFieldWithFunctionsThatIgnoreOrder() {
        Map<String, String> withoutRetractions = functions(
                "sum_i", "sum", "sum_d", "sum", "sum_f", "sum", "cnt", "count", "cnt_i", "count",
                "lv", "last_value", "lnn", "max", "lv_bytes", "last_value", "dflt", "min",
                "mn", "min", "mx", "max", "fv", "sum", "la", "last_value", "band", "bool_and", "bor", "bool_or");
        Map<String, String> withRetractions = functions(
                "sum_i", "sum", "sum_d", "sum", "sum_f", "sum", "cnt", "count", "cnt_i", "count",
                "lv", "last_value", "lnn", "sum", "lv_bytes", "last_value", "dflt", "sum",
                "mn", "last_value", "mx", "sum", "fv", "sum", "la", "last_value", "band", "last_value", "bor", "last_value");
        run(aggRows, aggRows.factory(options(withoutRetractions, "sequence.field", "ts")),
                gen -> gen.versions(AGG_TYPE, false, false),
                versions -> ReferenceMerges.aggregation(AGG_TYPE, versions, withoutRetractions, true), true);
        run(aggRows, aggRows.factory(options(withRetractions, "sequence.field", "ts")),
                gen -> gen.versions(AGG_TYPE, true, false),
                versions -> ReferenceMerges.aggregation(AGG_TYPE, versions, withRetractions, true), true);
    }

    // ---------------------------------------------------------------- the checks

    /**
     * For many random sequences of versions of one key: the engine's merge equals the reference, and (when
     * {@code checkRuns}) merging in random consecutive runs, over a few rounds, equals merging at once.
     */
    private static void run(
            MergeTestRows rows,
            MergeFunctionFactory<BinaryRow, InternalRow> factory,
            Function<Generator, List<Version>> versions,
            Function<List<Version>, Expected> reference,
            boolean checkRuns) {
        MergeFunction<BinaryRow, InternalRow> merge = factory.create();
        for (int seed = 0; seed < SEQUENCES; seed++) {
            Random random = new Random(seed);
            List<Version> sequence = versions.apply(new Generator(random));
            List<KeyValue<BinaryRow, InternalRow>> records = new ArrayList<>();
            for (Version version : sequence) {
                KeyValue<BinaryRow, InternalRow> kv = rows.kv(version.sequenceNumber(), version.kind(), version.values().clone());
                // Records read from data files are binary rows, written ones generic: mix both.
                records.add(random.nextBoolean() ? rows.binary(kv) : kv);
            }
            String description = "seed " + seed + ", versions " + sequence;

            KeyValue<BinaryRow, InternalRow> atOnce = MergeTestRows.merge(merge, records);
            Expected expected = reference.apply(sequence);
            if (expected == null) {
                assertThat(atOnce).as(description).isNull();
            } else {
                assertThat(atOnce).as(description).isNotNull();
                assertThat(atOnce.kind()).as(description).isEqualTo(expected.kind());
                assertThat(atOnce.sequenceNumber()).as(description).isEqualTo(expected.sequenceNumber());
                assertThat(atOnce.key()).as(description).isEqualTo(records.get(0).key());
                assertThat(rows.value(atOnce)).as(description)
                        .isEqualTo(GenericRow.ofKind(rows.value(atOnce).getRowKind(), expected.values()));
            }

            if (checkRuns) {
                KeyValue<BinaryRow, InternalRow> inRuns = mergeInRuns(factory.create(), records, random);
                if (atOnce == null) {
                    assertThat(inRuns).as(description).isNull();
                } else {
                    assertThat(inRuns).as(description).isNotNull();
                    assertThat(inRuns.kind()).as(description).isEqualTo(atOnce.kind());
                    assertThat(inRuns.sequenceNumber()).as(description).isEqualTo(atOnce.sequenceNumber());
                    assertThat(inRuns.key()).as(description).isEqualTo(atOnce.key());
                    assertThat(rows.value(inRuns)).as(description).isEqualTo(rows.value(atOnce));
                }
            }
        }
    }

    /** Merges consecutive runs and keeps their results in place, for a few rounds, then merges what is left. */
    private static KeyValue<BinaryRow, InternalRow> mergeInRuns(
            MergeFunction<BinaryRow, InternalRow> merge, List<KeyValue<BinaryRow, InternalRow>> records, Random random) {
        List<KeyValue<BinaryRow, InternalRow>> current = records;
        int rounds = 1 + random.nextInt(3);
        for (int round = 0; round < rounds && current.size() > 1; round++) {
            List<KeyValue<BinaryRow, InternalRow>> next = new ArrayList<>();
            int start = 0;
            while (start < current.size()) {
                int end = start + 1 + random.nextInt(current.size() - start);
                KeyValue<BinaryRow, InternalRow> result = MergeTestRows.merge(merge, current.subList(start, end));
                if (result != null) {
                    next.add(result);
                }
                start = end;
            }
            current = next;
        }
        return current.isEmpty() ? null : MergeTestRows.merge(merge, current);
    }

    // ---------------------------------------------------------------- versions

    private static final class Generator {
        private final Random random;

        Generator(Random random) {
            this.random = random;
        }

        /**
         * 1 to 12 versions with increasing sequence numbers; with retractions, a third are -U/-D, most of them
         * retracting an earlier version's values. With monotone ts, the ts field never decreases and is never null.
         */
        List<Version> versions(RowType rowType, boolean retractions, boolean monotoneTs) {
            int count = 1 + random.nextInt(12);
            long sequenceNumber = random.nextInt(1000);
            long ts = random.nextInt(3);
            List<Version> versions = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                sequenceNumber += 1 + random.nextInt(3);
                RowKind kind = retractions && random.nextInt(3) == 0
                        ? (random.nextBoolean() ? UPDATE_BEFORE : DELETE)
                        : (random.nextBoolean() ? INSERT : UPDATE_AFTER);
                Object[] values;
                if (kind.isRetract() && !versions.isEmpty() && random.nextInt(4) != 0) {
                    values = versions.get(random.nextInt(versions.size())).values().clone();
                } else {
                    values = new Object[rowType.fieldCount()];
                    for (int pos = 0; pos < values.length; pos++) {
                        values[pos] = value(rowType.fields().get(pos));
                    }
                }
                values[0] = KEY;
                if (monotoneTs) {
                    ts += random.nextInt(3);
                    values[1] = ts;
                }
                versions.add(new Version(sequenceNumber, kind, values));
            }
            return versions;
        }

        private Object value(DataField field) {
            if (field.name().equals("ts")) {
                return random.nextInt(4) == 0 ? null : (long) random.nextInt(5);
            }
            if (random.nextInt(4) == 0) {
                return null;
            }
            switch (field.type().root()) {
                case INT:
                    return random.nextInt(21) - 10;
                case BIGINT:
                    // Written rows of a count field carry 1 (or null, above); now and then a partial count.
                    return random.nextInt(5) == 0 ? (long) random.nextInt(4) : 1L;
                case DOUBLE:
                    return DOUBLES[random.nextInt(DOUBLES.length)];
                case DECIMAL:
                    return decimal(BigDecimal.valueOf(random.nextInt(20001) - 10000, 2), (DecimalType) field.type());
                case VARCHAR:
                    return BinaryString.fromString(STRINGS[random.nextInt(STRINGS.length)]);
                case BOOLEAN:
                    return random.nextBoolean();
                case VARBINARY:
                    return BYTE_VALUES[random.nextInt(BYTE_VALUES.length)].clone();
                default:
                    throw new AssertionError(field);
            }
        }
    }

    // ---------------------------------------------------------------- helpers

    private static Map<String, String> functions(String... fieldsAndFunctions) {
        Map<String, String> functions = new LinkedHashMap<>();
        for (int i = 0; i < fieldsAndFunctions.length; i += 2) {
            functions.put(fieldsAndFunctions[i], fieldsAndFunctions[i + 1]);
        }
        return functions;
    }

    private static String[] options(Map<String, String> functions, String... extra) {
        List<String> options = new ArrayList<>(List.of("merge-engine", "aggregation"));
        functions.forEach((field, function) -> {
            options.add("fields." + field + ".aggregate-function");
            options.add(function);
        });
        options.addAll(List.of(extra));
        return options.toArray(new String[0]);
    }
}
