package io.tstore.core.io;

import io.tstore.core.data.BinaryRow;
import io.tstore.core.data.GenericRow;
import io.tstore.core.data.InternalRow;
import io.tstore.core.data.InternalRows;
import io.tstore.core.data.RowComparator;
import io.tstore.core.format.FileFormat;
import io.tstore.core.fs.LocalFileIO;
import io.tstore.core.fs.Path;
import io.tstore.core.mergetree.MergeFunctions;
import io.tstore.core.options.FileFormatType;
import io.tstore.core.types.DataTypes;
import io.tstore.core.types.RowType;
import io.tstore.lsm.KeyValue;
import io.tstore.lsm.RecordReader;
import io.tstore.lsm.RowKind;
import io.tstore.lsm.file.LsmFile;
import io.tstore.lsm.file.SortedRun;
import io.tstore.lsm.merge.MergeFunction;
import io.tstore.lsm.merge.MergeFunctionFactory;
import io.tstore.lsm.merge.MergeReaders;
import io.tstore.lsm.file.RunWriter;
import io.tstore.options.Options;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static io.tstore.core.types.DataTypes.FIELD;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@link CursorMergeReader} against a plain model: random overlapping sorted runs (several files each) with key
 * collisions across runs, every row kind, sequence numbers in any order across runs and equal ones, merged per key
 * through each merge engine, in ORC and Parquet, for keys whose normalized prefix is exact (BIGINT), shared by
 * many keys (strings with a common 8-byte start) and partial (INT, STRING). The model sorts each key's versions by
 * sequence number (ties in run order), merges them with a fresh merge function and drops retractions; the LSM
 * engine's own loser-tree merge must agree too.
 */
class CursorMergeReaderTest {
    @TempDir
    java.nio.file.Path dir;

    private static final LocalFileIO FILE_IO = new LocalFileIO();

    static Stream<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        for (FileFormatType format : FileFormatType.values()) {
            for (String key : List.of("bigint", "string", "int_string")) {
                for (String engine : List.of("deduplicate", "deduplicate-ignore-delete", "partial-update", "aggregation",
                        "first-row")) {
                    cases.add(Arguments.of(format, key, engine));
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("cases")
    void mergesLikeTheModel(FileFormatType formatType, String keyKind, String engine) throws IOException {
        RowType rowType = rowType(keyKind);
        int keyArity = keyKind.equals("int_string") ? 2 : 1;
        int[] keyPositions = keyArity == 2 ? new int[] {0, 1} : new int[] {0};
        RowType keyType = rowType.project(keyPositions);
        Comparator<BinaryRow> keyComparator = new RowComparator(keyType)::compare;
        AtomicInteger names = new AtomicInteger();
        String suffix = "." + formatType.toString().toLowerCase(java.util.Locale.ROOT);
        KeyValueRunFiles files = new KeyValueRunFiles(
                FILE_IO, new Path(dir.toString()), FileFormat.of(formatType, "zstd"),
                new KeyValueFileSchema(keyType, rowType), 0, id -> {
                    throw new AssertionError("one schema");
                }, keyComparator, 1, () -> "data-" + names.incrementAndGet() + suffix, () -> "changelog-" + names.incrementAndGet() + suffix,
                () -> 0L);
        MergeFunctionFactory<BinaryRow, InternalRow> factory = MergeFunctions.factory(
                rowType, rowType.fieldNames().subList(0, keyArity), options(engine));
        boolean retractions = engine.startsWith("deduplicate") || engine.equals("aggregation") || engine.endsWith("ignore-delete");

        long seed = (formatType + keyKind + engine).hashCode();
        for (int round = 0; round < 12; round++) {
            Random random = new Random(seed + round);
            int runCount = 1 + random.nextInt(5);
            int keySpace = 1 + random.nextInt(random.nextBoolean() ? 40 : 900);
            List<SortedRun<BinaryRow>> section = new ArrayList<>();
            TreeMap<BinaryRow, List<KeyValue<BinaryRow, InternalRow>>> model = new TreeMap<>(keyComparator);
            for (int r = 0; r < runCount; r++) {
                TreeMap<BinaryRow, KeyValue<BinaryRow, InternalRow>> run = new TreeMap<>(keyComparator);
                int records = random.nextInt(keySpace + 1);
                for (int i = 0; i < records; i++) {
                    GenericRow value = value(random, rowType, keyKind, random.nextInt(keySpace));
                    BinaryRow key = InternalRows.toBinaryRow(GenericRow.of(keyArity == 2
                            ? new Object[] {value.getField(0), value.getField(1)} : new Object[] {value.getField(0)}), keyType);
                    // Small sequence numbers: equal ones across runs, and newer runs with older versions.
                    long sequenceNumber = random.nextInt(3 * keySpace + 1);
                    RowKind kind = retractions ? RowKind.values()[random.nextInt(4)] : random.nextBoolean() ? RowKind.INSERT : RowKind.UPDATE_AFTER;
                    value.setRowKind(kind);
                    run.put(key, new KeyValue<>(key, sequenceNumber, kind, value));
                }
                RunWriter<BinaryRow, InternalRow> writer = files.newWriter(1);
                for (KeyValue<BinaryRow, InternalRow> kv : run.values()) {
                    writer.write(kv);
                    model.computeIfAbsent(kv.key(), k -> new ArrayList<>()).add(kv);
                }
                List<LsmFile<BinaryRow>> written = writer.close();
                section.add(SortedRun.fromSorted(written));
            }

            List<String> expected = new ArrayList<>();
            List<String> expectedValues = new ArrayList<>();
            MergeFunction<BinaryRow, InternalRow> modelFunction = factory.create();
            for (List<KeyValue<BinaryRow, InternalRow>> versions : model.values()) {
                List<KeyValue<BinaryRow, InternalRow>> sorted = new ArrayList<>(versions);
                sorted.sort(Comparator.comparingLong(KeyValue::sequenceNumber)); // stable: ties stay in run order
                modelFunction.reset();
                sorted.forEach(modelFunction::add);
                KeyValue<BinaryRow, InternalRow> result = modelFunction.getResult();
                if (result != null && !result.kind().isRetract()) {
                    expected.add(show(result, keyType, rowType));
                    // values() gives each value with its record's kind.
                    GenericRow value = InternalRows.toGenericRow(result.value(), rowType);
                    value.setRowKind(result.kind());
                    expectedValues.add(InternalRows.toString(value, rowType));
                }
            }
            String context = String.format("round %d: %d runs of %s", round, runCount, section);
            assertEquals(expected, read(new CursorMergeReader(section, files, keyComparator, factory.create(), true), keyType, rowType),
                    context);
            List<String> values = new ArrayList<>();
            for (InternalRow value : RecordReader.toList(
                    new CursorMergeReader(section, files, keyComparator, factory.create(), true).values())) {
                values.add(InternalRows.toString(value, rowType));
            }
            assertEquals(expectedValues, values, "values only, " + context);
            assertEquals(expected, read(MergeReaders.mergeSection(section, files, keyComparator, factory.create(), true),
                    keyType, rowType), "the LSM engine's merge, " + context);
        }
    }

    private static Options options(String engine) {
        return switch (engine) {
            case "deduplicate" -> Options.of("merge-engine", "deduplicate");
            case "deduplicate-ignore-delete" -> Options.of("merge-engine", "deduplicate", "ignore-delete", "true");
            case "partial-update" -> Options.of("merge-engine", "partial-update");
            case "aggregation" -> Options.of("merge-engine", "aggregation", "fields.amount.aggregate-function", "sum",
                    "fields.note.aggregate-function", "last_value");
            case "first-row" -> Options.of("merge-engine", "first-row");
            default -> throw new AssertionError(engine);
        };
    }

    private static RowType rowType(String keyKind) {
        List<io.tstore.core.types.DataField> fields = new ArrayList<>();
        switch (keyKind) {
            case "bigint" -> fields.add(FIELD(0, "id", DataTypes.BIGINT().notNull()));
            case "string" -> fields.add(FIELD(0, "id", DataTypes.STRING().notNull()));
            case "int_string" -> {
                fields.add(FIELD(0, "a", DataTypes.INT().notNull()));
                fields.add(FIELD(1, "b", DataTypes.STRING().notNull()));
            }
            default -> throw new AssertionError(keyKind);
        }
        fields.add(FIELD(10, "amount", DataTypes.BIGINT()));
        fields.add(FIELD(11, "note", DataTypes.STRING()));
        fields.add(FIELD(12, "qty", DataTypes.INT()));
        return new RowType(fields);
    }

    /** A row of key number {@code k}, its value fields random and null now and then. */
    private static GenericRow value(Random random, RowType rowType, String keyKind, int k) {
        Object[] fields = new Object[rowType.fieldCount()];
        int at = 0;
        switch (keyKind) {
            case "bigint" -> fields[at++] = (long) k * 7919 - 1_000_000L;
            // A common 8-byte start: equal prefixes, the comparator decides.
            case "string" -> fields[at++] = io.tstore.core.data.BinaryString.fromString("customer" + (k % 3 == 0 ? "" : "-") + k);
            default -> {
                fields[at++] = k % 5 - 2;
                fields[at++] = io.tstore.core.data.BinaryString.fromString("b" + k);
            }
        }
        fields[at++] = random.nextInt(4) == 0 ? null : (long) random.nextInt(1000);
        fields[at++] = random.nextInt(4) == 0 ? null : io.tstore.core.data.BinaryString.fromString("n" + random.nextInt(100));
        fields[at] = random.nextInt(4) == 0 ? null : random.nextInt(50);
        return GenericRow.of(fields);
    }

    private static List<String> read(RecordReader<KeyValue<BinaryRow, InternalRow>> reader, RowType keyType, RowType rowType)
            throws IOException {
        List<String> rows = new ArrayList<>();
        // Every record is shown only after the reader is exhausted and closed: rows must stay valid.
        for (KeyValue<BinaryRow, InternalRow> kv : RecordReader.toList(reader)) {
            rows.add(show(kv, keyType, rowType));
        }
        return rows;
    }

    private static String show(KeyValue<BinaryRow, InternalRow> kv, RowType keyType, RowType rowType) {
        return kv.kind().shortString() + " " + InternalRows.toString(kv.key(), keyType) + " seq=" + kv.sequenceNumber()
                + " " + InternalRows.toGenericRow(kv.value(), rowType) + " " + kv.value().getRowKind().shortString();
    }

}
