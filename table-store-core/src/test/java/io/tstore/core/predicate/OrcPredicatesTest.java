package io.tstore.core.predicate;

import io.tstore.core.data.BinaryString;
import io.tstore.core.data.Decimal;
import io.tstore.core.data.GenericRow;
import io.tstore.core.data.Timestamp;
import io.tstore.core.types.DataType;
import io.tstore.core.types.RowType;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.hive.common.type.HiveDecimal;
import org.apache.hadoop.hive.ql.exec.vector.BytesColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.ColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.DecimalColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.DoubleColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.LongColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.TimestampColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.VectorizedRowBatch;
import org.apache.hadoop.hive.ql.io.sarg.SearchArgument;
import org.apache.hadoop.hive.serde2.io.HiveDecimalWritable;
import org.apache.orc.OrcFile;
import org.apache.orc.Reader;
import org.apache.orc.RecordReader;
import org.apache.orc.TypeDescription;
import org.apache.orc.Writer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import static io.tstore.core.types.DataTypes.BIGINT;
import static io.tstore.core.types.DataTypes.BOOLEAN;
import static io.tstore.core.types.DataTypes.BYTES;
import static io.tstore.core.types.DataTypes.DATE;
import static io.tstore.core.types.DataTypes.DECIMAL;
import static io.tstore.core.types.DataTypes.DOUBLE;
import static io.tstore.core.types.DataTypes.FLOAT;
import static io.tstore.core.types.DataTypes.INT;
import static io.tstore.core.types.DataTypes.SMALLINT;
import static io.tstore.core.types.DataTypes.STRING;
import static io.tstore.core.types.DataTypes.TIMESTAMP;
import static io.tstore.core.types.DataTypes.TIMESTAMP_LTZ;
import static org.assertj.core.api.Assertions.assertThat;

class OrcPredicatesTest {
    private static final RowType ROW = RowType.builder()
            .field("id", INT().notNull())
            .field("l", BIGINT())
            .field("s", SMALLINT())
            .field("d", DOUBLE())
            .field("f", FLOAT())
            .field("str", STRING())
            .field("dec", DECIMAL(9, 2))
            .field("day", DATE())
            .field("ts", TIMESTAMP(9))
            .field("b", BOOLEAN())
            .field("bin", BYTES())
            .build();
    private static final TypeDescription ORC_SCHEMA = TypeDescription.fromString(
            "struct<id:int,l:bigint,s:smallint,d:double,f:float,str:string,dec:decimal(9,2),day:date,"
                    + "ts:timestamp,b:boolean,bin:binary>");
    private static final int STRIDE = 1000;
    private static final PredicateBuilder B = new PredicateBuilder(ROW);
    private static final Configuration CONF = new Configuration();

    @TempDir
    File dir;

    private static String sarg(Predicate predicate) {
        return OrcPredicates.toSearchArgument(predicate, ROW).map(SearchArgument::toString).orElse("(none)");
    }

    @Test
    void translatesEveryFunction() {
        assertThat(sarg(B.equal("l", 5))).isEqualTo("leaf-(EQUALS l 5)");
        assertThat(sarg(B.notEqual("s", 5))).isEqualTo("(not leaf-(EQUALS s 5))");
        assertThat(sarg(B.lessThan("id", 5))).isEqualTo("leaf-(LESS_THAN id 5)");
        assertThat(sarg(B.lessOrEqual("id", 5))).isEqualTo("leaf-(LESS_THAN_EQUALS id 5)");
        assertThat(sarg(B.greaterThan("id", 5))).isEqualTo("(not leaf-(LESS_THAN_EQUALS id 5))");
        assertThat(sarg(B.greaterOrEqual("id", 5))).isEqualTo("(not leaf-(LESS_THAN id 5))");
        assertThat(sarg(B.in("str", List.of("a", "b")))).isEqualTo("leaf-(IN str a b)");
        assertThat(sarg(B.notIn("str", List.of("a", "c")))).isEqualTo("(not leaf-(IN str a c))");
        assertThat(sarg(B.in("str", List.of("a")))).isEqualTo("leaf-(EQUALS str a)");
        assertThat(sarg(B.isNull("bin"))).isEqualTo("(none)");
        assertThat(sarg(B.isNull("b"))).isEqualTo("leaf-(IS_NULL b)");
        assertThat(sarg(B.isNotNull("b"))).isEqualTo("(not leaf-(IS_NULL b))");
    }

    @Test
    void translatesEachPushedType() {
        assertThat(sarg(B.equal("b", true))).isEqualTo("leaf-(EQUALS b true)");
        assertThat(sarg(B.equal("f", 1.5f))).isEqualTo("leaf-(EQUALS f 1.5)");
        assertThat(sarg(B.lessThan("dec", new BigDecimal("1.50")))).isEqualTo("leaf-(LESS_THAN dec 1.5)");
        assertThat(sarg(B.equal("day", LocalDate.of(2024, 5, 1)))).isEqualTo("leaf-(EQUALS day 2024-05-01)");
        assertThat(sarg(B.greaterOrEqual("ts", Timestamp.fromEpochMillis(0, 1))))
                .isEqualTo("(not leaf-(LESS_THAN ts " + epochPlusOneNanosecond() + "))");
    }

    /** How java.sql.Timestamp prints 1970-01-01T00:00:00.000000001 UTC in this JVM's time zone. */
    private static String epochPlusOneNanosecond() {
        java.sql.Timestamp timestamp = new java.sql.Timestamp(0);
        timestamp.setNanos(1);
        return timestamp.toString();
    }

    @Test
    void keepsWhatItCanAndDropsWhatItCannot() {
        Predicate predicate = PredicateBuilder.and(
                B.greaterThan("l", 10),
                B.equal("bin", new byte[] {1}),
                PredicateBuilder.or(B.isNull("str"), B.lessThan("d", 2.5)),
                PredicateBuilder.or(B.equal("id", 1), B.equal("bin", new byte[] {2})));
        assertThat(sarg(predicate)).isEqualTo(
                "(and (not leaf-(LESS_THAN_EQUALS l 10)) (or leaf-(IS_NULL str) leaf-(LESS_THAN d 2.5)))");
        assertThat(sarg(B.equal("bin", new byte[] {1}))).isEqualTo("(none)");
    }

    @Test
    void widensZerosAndLeavesOutNanAndHighCharacters() {
        assertThat(sarg(B.equal("d", 0.0))).isEqualTo("leaf-(IN d -0.0 0.0)");
        assertThat(sarg(B.notEqual("d", -0.0))).isEqualTo("(not leaf-(IN d -0.0 0.0))");
        assertThat(sarg(B.lessThan("d", 0.0))).isEqualTo("leaf-(LESS_THAN d -0.0)");
        assertThat(sarg(B.lessOrEqual("d", -0.0))).isEqualTo("leaf-(LESS_THAN_EQUALS d 0.0)");
        assertThat(sarg(B.equal("d", Double.NaN))).isEqualTo("(none)");
        assertThat(sarg(B.equal("str", "\uFFFF"))).isEqualTo("(none)");
        assertThat(sarg(B.equal("str", "ä"))).isEqualTo("leaf-(EQUALS str ä)");
        assertThat(sarg(B.greaterThan("day", LocalDate.of(1582, 10, 14)))).isEqualTo("(none)");
        assertThat(sarg(B.greaterThan("day", LocalDate.of(1582, 10, 15)))).isEqualTo("(not leaf-(LESS_THAN_EQUALS day 1582-10-15))");
        assertThat(sarg(B.in("str", Arrays.asList("a", null)))).isEqualTo("leaf-(EQUALS str a)");
        assertThat(sarg(B.notIn("str", Arrays.asList("a", null)))).isEqualTo("(none)");
    }

    @Test
    void leavesOutFieldsWhoseTypeDiffersInTheFile() {
        RowType oldFile = RowType.builder().field("id", INT().notNull()).field("l", INT()).build();
        assertThat(OrcPredicates.toSearchArgument(B.equal("l", 5), oldFile)).isEmpty();
        assertThat(OrcPredicates.toSearchArgument(B.equal("ts", Timestamp.fromEpochMillis(0)),
                RowType.builder().field("ts", TIMESTAMP_LTZ()).build())).isEmpty();
    }

    /** Three row groups of 1000 rows; a predicate that rules out the middle one skips it. */
    @Test
    void skipsRowGroupsThatCannotMatch() throws IOException {
        List<GenericRow> rows = new ArrayList<>();
        for (int i = 0; i < 3 * STRIDE; i++) {
            int group = i / STRIDE;
            rows.add(GenericRow.of(i, i * 10L, (short) group, i / 10.0, (float) group,
                    BinaryString.fromString("k" + group), Decimal.fromUnscaledLong(i, 9, 2), 19_000 + group,
                    Timestamp.fromEpochMillis(group * 1000L, group), group == 1, new byte[] {(byte) group}));
        }
        Path file = write(rows);
        Predicate predicate = PredicateBuilder.or(B.lessThan("id", 500), B.equal("str", "k2"));
        SearchArgument sarg = OrcPredicates.toSearchArgument(predicate, ROW).orElseThrow();

        List<Integer> read = readIds(file, sarg, false);
        assertThat(read).hasSize(2 * STRIDE).doesNotContain(1500);
        assertThat(readIds(file, sarg, true)).containsExactlyElementsOf(matching(rows, predicate));

        for (Predicate onGroupOne : List.of(
                B.equal("s", 1), B.between("l", 10_000L, 19_990L), B.equal("f", 1f), B.in("str", List.of("k1", "x")),
                B.greaterThan("dec", new BigDecimal("9.99")), B.equal("day", 19_001), B.lessThan("d", 200.0),
                B.equal("ts", Timestamp.fromEpochMillis(1000, 1)), B.equal("b", true))) {
            List<Integer> ids = readIds(file, OrcPredicates.toSearchArgument(onGroupOne, ROW).orElseThrow(), false);
            assertThat(ids).as("%s", onGroupOne).hasSizeLessThan(3 * STRIDE).containsAll(matching(rows, onGroupOne));
        }
    }

    /**
     * A group of only -0.0, and one of 0.0 then -0.0 (whose statistics a writer may record as 0.0 to 0.0): every
     * test that selects a zero finds both, whichever zero its literal is.
     */
    @Test
    void findsZerosOfEitherSign() throws IOException {
        List<GenericRow> rows = new ArrayList<>();
        for (int i = 0; i < 3 * STRIDE; i++) {
            int group = i / STRIDE;
            boolean negative = group == 0 || (group == 1 && i % 2 == 1);
            GenericRow row = new GenericRow(ROW.fieldCount());
            row.setField(0, i);
            row.setField(ROW.fieldIndex("d"), group == 2 ? 5.0 : negative ? -0.0 : 0.0);
            row.setField(ROW.fieldIndex("f"), group == 2 ? 5.0f : negative ? -0.0f : 0.0f);
            rows.add(row);
        }
        Path file = write(rows);
        List<Predicate> predicates = new ArrayList<>();
        for (double zero : new double[] {0.0, -0.0}) {
            for (String field : List.of("d", "f")) {
                Object literal = field.equals("d") ? (Object) zero : (Object) (float) zero;
                predicates.addAll(List.of(B.equal(field, literal), B.lessOrEqual(field, literal),
                        B.greaterOrEqual(field, literal), B.in(field, List.of(literal, 7)), B.notEqual(field, literal),
                        B.greaterThan(field, literal), B.lessThan(field, literal), B.notIn(field, List.of(literal, 7))));
            }
        }
        for (Predicate predicate : predicates) {
            List<Integer> expected = matching(rows, predicate);
            for (boolean filterRows : new boolean[] {false, true}) {
                assertThat(readIds(file, OrcPredicates.toSearchArgument(predicate, ROW).orElseThrow(), filterRows)).as("%s", predicate).containsAll(expected);
            }
        }
    }

    /**
     * The invariant of pushdown: on random files full of edge cases (nulls, -0.0, NaN, extremes, characters on
     * both sides of the surrogates), ORC never drops a row the predicate selects, with or without its row filter.
     */
    @Test
    void neverDropsARowThePredicateSelects() throws IOException {
        int skipped = 0;
        for (int seed = 0; seed < 6; seed++) {
            RandomPredicates random = new RandomPredicates(seed, ROW);
            List<GenericRow> rows = outsideOrcMisreadWindow(random.clusteredRows(4, STRIDE));
            Path file = write(rows);
            for (int i = 0; i < 40; i++) {
                Predicate predicate = random.predicate(2, true);
                Optional<SearchArgument> sarg = OrcPredicates.toSearchArgument(predicate, ROW);
                if (sarg.isEmpty()) {
                    continue;
                }
                List<Integer> expected = matching(rows, predicate);
                List<Integer> groupsRead = readIds(file, sarg.get(), false);
                assertThat(groupsRead).as("%s as %s", predicate, sarg.get()).containsAll(expected);
                assertThat(readIds(file, sarg.get(), true)).as("%s as %s, filtering rows", predicate, sarg.get()).containsAll(expected);
                skipped += groupsRead.size() < rows.size() ? 1 : 0;
            }
        }
        assertThat(skipped).as("predicates that skipped a row group").isGreaterThan(20);
    }

    /**
     * ORC 2.3.1 reads a timestamp strictly between -1 s and 0 one second late (-1 ms reads back as 999 ms), with or
     * without a search argument; that is a fault of its reader, not of pushdown, so the random files avoid it.
     */
    private static List<GenericRow> outsideOrcMisreadWindow(List<GenericRow> rows) {
        int ts = ROW.fieldIndex("ts");
        for (GenericRow row : rows) {
            Timestamp value = (Timestamp) row.getField(ts);
            if (value != null && value.millisecond() < 0 && value.millisecond() > -1000) {
                row.setField(ts, Timestamp.fromEpochMillis(value.millisecond() - 1000, value.nanoOfMillisecond()));
            }
        }
        return rows;
    }

    private static List<Integer> matching(List<GenericRow> rows, Predicate predicate) {
        List<Integer> ids = new ArrayList<>();
        for (GenericRow row : rows) {
            if (predicate.test(row)) {
                ids.add(row.getInt(0));
            }
        }
        return ids;
    }

    private Path write(List<GenericRow> rows) throws IOException {
        Path path = new Path(new File(dir, "data-" + System.nanoTime() + ".orc").toURI());
        OrcFile.WriterOptions options = OrcFile.writerOptions(CONF)
                .setSchema(ORC_SCHEMA)
                .rowIndexStride(STRIDE)
                .useUTCTimestamp(true);
        try (Writer writer = OrcFile.createWriter(path, options)) {
            VectorizedRowBatch batch = ORC_SCHEMA.createRowBatch(STRIDE);
            for (GenericRow row : rows) {
                int r = batch.size++;
                for (int field = 0; field < ROW.fieldCount(); field++) {
                    setValue(batch.cols[field], r, ROW.typeAt(field), row.getField(field));
                }
                if (batch.size == batch.getMaxSize()) {
                    writer.addRowBatch(batch);
                    batch.reset();
                }
            }
            if (batch.size > 0) {
                writer.addRowBatch(batch);
            }
        }
        return path;
    }

    private static void setValue(ColumnVector vector, int r, DataType type, Object value) {
        if (value == null) {
            vector.noNulls = false;
            vector.isNull[r] = true;
            return;
        }
        vector.isNull[r] = false;
        switch (type.root()) {
            case INT:
            case DATE:
                ((LongColumnVector) vector).vector[r] = (Integer) value;
                break;
            case SMALLINT:
                ((LongColumnVector) vector).vector[r] = (Short) value;
                break;
            case BIGINT:
                ((LongColumnVector) vector).vector[r] = (Long) value;
                break;
            case BOOLEAN:
                ((LongColumnVector) vector).vector[r] = (Boolean) value ? 1 : 0;
                break;
            case FLOAT:
            case DOUBLE:
                ((DoubleColumnVector) vector).vector[r] = ((Number) value).doubleValue();
                break;
            case VARCHAR:
                ((BytesColumnVector) vector).setVal(r, ((BinaryString) value).toBytes());
                break;
            case VARBINARY:
                ((BytesColumnVector) vector).setVal(r, (byte[]) value);
                break;
            case DECIMAL:
                ((DecimalColumnVector) vector).set(r, new HiveDecimalWritable(HiveDecimal.create(((Decimal) value).toBigDecimal())));
                break;
            case TIMESTAMP: {
                Timestamp timestamp = (Timestamp) value;
                TimestampColumnVector timestamps = (TimestampColumnVector) vector;
                timestamps.setIsUTC(true);
                timestamps.time[r] = timestamp.millisecond();
                timestamps.nanos[r] = (int) Math.floorMod(timestamp.millisecond(), 1000L) * 1_000_000 + timestamp.nanoOfMillisecond();
                break;
            }
            default:
                throw new IllegalArgumentException("No ORC column for " + type);
        }
    }

    /** The ids of the rows that ORC returns, skipping row groups by the argument, and rows too when asked. */
    private static List<Integer> readIds(Path path, SearchArgument sarg, boolean filterRows) throws IOException {
        Reader reader = OrcFile.createReader(path, OrcFile.readerOptions(CONF).useUTCTimestamp(true));
        Reader.Options options = reader.options()
                .searchArgument(sarg, ROW.fieldNames().toArray(new String[0]))
                .useSelected(filterRows)
                .allowSARGToFilter(filterRows);
        List<Integer> ids = new ArrayList<>();
        try (RecordReader records = reader.rows(options)) {
            VectorizedRowBatch batch = reader.getSchema().createRowBatch();
            while (records.nextBatch(batch)) {
                long[] values = ((LongColumnVector) batch.cols[0]).vector;
                for (int i = 0; i < batch.size; i++) {
                    ids.add((int) values[batch.selectedInUse ? batch.selected[i] : i]);
                }
            }
        }
        Set<Integer> distinct = new TreeSet<>(ids);
        assertThat(distinct).hasSameSizeAs(ids);
        return ids;
    }
}
