package io.tstore.core.predicate;

import io.tstore.core.data.BinaryString;
import io.tstore.core.data.Decimal;
import io.tstore.core.data.GenericRow;
import io.tstore.core.data.Timestamp;
import io.tstore.core.types.DataType;
import io.tstore.core.types.RowType;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.filter2.compat.FilterCompat;
import org.apache.parquet.filter2.predicate.FilterPredicate;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
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
import static org.assertj.core.api.Assertions.assertThat;

class ParquetPredicatesTest {
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
    private static final MessageType SCHEMA = MessageTypeParser.parseMessageType(
            "message row { required int32 id; optional int64 l; optional int32 s (INTEGER(16, true)); "
                    + "optional double d; optional float f; optional binary str (STRING); "
                    + "optional binary dec (DECIMAL(9, 2)); optional int32 day (DATE); "
                    + "optional int64 ts (TIMESTAMP(MICROS, false)); optional boolean b; optional binary bin; }");
    private static final int ROW_GROUP = 1000;
    private static final PredicateBuilder B = new PredicateBuilder(ROW);
    private static final Configuration CONF = new Configuration();

    @TempDir
    File dir;

    private static String filter(Predicate predicate) {
        return filter(predicate, ROW);
    }

    private static String filter(Predicate predicate, RowType rowType) {
        return ParquetPredicates.toFilterPredicate(predicate, rowType).map(Object::toString).orElse("(none)");
    }

    @Test
    void translatesEveryFunction() {
        assertThat(filter(B.equal("l", 5))).isEqualTo("eq(l, 5)");
        assertThat(filter(B.notEqual("s", 5))).isEqualTo("noteq(s, 5)");
        assertThat(filter(B.lessThan("id", 5))).isEqualTo("lt(id, 5)");
        assertThat(filter(B.lessOrEqual("id", 5))).isEqualTo("lteq(id, 5)");
        assertThat(filter(B.greaterThan("id", 5))).isEqualTo("gt(id, 5)");
        assertThat(filter(B.greaterOrEqual("id", 5))).isEqualTo("gteq(id, 5)");
        assertThat(filter(B.in("l", List.of(1, 2)))).matches("in\\(l, (1, 2|2, 1)\\)");
        assertThat(filter(B.notIn("l", List.of(1, 2)))).matches("notin\\(l, (1, 2|2, 1)\\)");
        assertThat(filter(B.in("l", List.of(1)))).isEqualTo("eq(l, 1)");
        assertThat(filter(B.isNull("str"))).isEqualTo("eq(str, null)");
        assertThat(filter(B.isNotNull("str"))).isEqualTo("noteq(str, null)");
    }

    @Test
    void translatesEachMappedTypeAndNoOther() {
        assertThat(filter(B.equal("str", "ab"))).isEqualTo("eq(str, Binary{2 constant bytes, [97, 98]})");
        assertThat(filter(B.lessThan("d", 2.5))).isEqualTo("lt(d, 2.5)");
        assertThat(filter(B.lessThan("f", 2.5f))).isEqualTo("lt(f, 2.5)");
        assertThat(filter(B.equal("day", LocalDate.of(1970, 1, 3)))).isEqualTo("eq(day, 2)");
        assertThat(filter(B.equal("b", true))).isEqualTo("eq(b, true)");
        assertThat(filter(B.lessThan("b", true))).isEqualTo("(none)");
        assertThat(filter(B.equal("dec", 1))).isEqualTo("(none)");
        assertThat(filter(B.equal("ts", Timestamp.fromEpochMillis(0)))).isEqualTo("(none)");
        assertThat(filter(B.equal("bin", new byte[] {1}))).isEqualTo("(none)");
    }

    @Test
    void keepsWhatItCanAndDropsWhatItCannot() {
        Predicate predicate = PredicateBuilder.and(
                B.greaterThan("l", 10),
                B.equal("dec", 1),
                PredicateBuilder.or(B.isNull("str"), B.lessThan("d", 2.5)),
                PredicateBuilder.or(B.equal("id", 1), B.equal("bin", new byte[] {2})));
        assertThat(filter(predicate)).isEqualTo("and(gt(l, 10), or(eq(str, null), lt(d, 2.5)))");
    }

    @Test
    void widensZerosLeavesOutNanAndNamesWithDots() {
        assertThat(filter(B.equal("d", 0.0))).matches("in\\(d, (-0.0, 0.0|0.0, -0.0)\\)");
        assertThat(filter(B.notEqual("f", -0.0f))).matches("notin\\(f, (-0.0, 0.0|0.0, -0.0)\\)");
        assertThat(filter(B.lessThan("d", 0.0))).isEqualTo("lt(d, -0.0)");
        assertThat(filter(B.greaterThan("d", -0.0))).isEqualTo("gt(d, 0.0)");
        assertThat(filter(B.greaterOrEqual("d", 0.0))).isEqualTo("gteq(d, -0.0)");
        assertThat(filter(B.equal("d", Double.NaN))).isEqualTo("(none)");
        assertThat(filter(B.in("str", Arrays.asList("a", null)))).isEqualTo("eq(str, Binary{1 constant bytes, [97]})");
        assertThat(filter(B.notIn("str", Arrays.asList("a", null)))).isEqualTo("(none)");

        RowType dotted = RowType.builder().field("a.b", INT()).build();
        assertThat(filter(new PredicateBuilder(dotted).equal("a.b", 1), dotted)).isEqualTo("(none)");
        RowType olderFile = RowType.builder().field("id", INT().notNull()).field("l", INT()).build();
        assertThat(filter(B.equal("l", 5), olderFile)).isEqualTo("(none)");
    }

    /** Three row groups; the filter skips a row group by its statistics, and the reader returns just the matches. */
    @Test
    void readsOnlyMatchingRows() throws IOException {
        List<GenericRow> rows = new ArrayList<>();
        for (int i = 0; i < 3 * ROW_GROUP; i++) {
            int group = i / ROW_GROUP;
            rows.add(GenericRow.of(i, i * 10L, (short) group, i / 10.0, (float) group,
                    BinaryString.fromString("k" + group), Decimal.fromUnscaledLong(i, 9, 2), 19_000 + group,
                    Timestamp.fromEpochMillis(group * 1000L), group == 1, new byte[] {(byte) group}));
        }
        Path file = write(rows);
        Predicate predicate = PredicateBuilder.and(
                PredicateBuilder.or(B.lessThan("id", 500), B.equal("str", "k2")),
                B.notEqual("dec", new BigDecimal("0.07")));
        FilterPredicate filter = ParquetPredicates.toFilterPredicate(predicate, ROW).orElseThrow();
        assertThat(filter).hasToString("or(lt(id, 500), eq(str, Binary{2 constant bytes, [107, 50]}))");

        assertThat(readIds(file, filter, Level.ROW_GROUPS)).hasSize(2 * ROW_GROUP).doesNotContain(1500);
        // Pages hold 250 rows: the column indexes also skip the pages of the first row group past id 499.
        assertThat(readIds(file, filter, Level.PAGES)).hasSize(ROW_GROUP + 500);
        List<Integer> read = readIds(file, filter, Level.RECORDS);
        assertThat(read).containsExactlyElementsOf(matching(rows, B.lessThan("id", 500), B.equal("str", "k2")));
        assertThat(read).containsAll(matching(rows, predicate));

        for (Predicate onGroupOne : List.of(
                B.equal("s", 1), B.between("l", 10_000L, 19_990L), B.equal("f", 1f), B.in("str", List.of("k1", "x")),
                B.equal("day", 19_001), B.lessThan("d", 200.0), B.equal("b", true))) {
            FilterPredicate onGroup = ParquetPredicates.toFilterPredicate(onGroupOne, ROW).orElseThrow();
            assertThat(readIds(file, onGroup, Level.ROW_GROUPS)).as("%s", onGroup).hasSizeLessThan(3 * ROW_GROUP);
            assertThat(readIds(file, onGroup, Level.RECORDS)).as("%s", onGroup).containsExactlyElementsOf(matching(rows, onGroupOne));
        }
    }

    /**
     * A group of only -0.0, and one of 0.0 then -0.0 (whose statistics a writer may record as 0.0 to 0.0): every
     * test that selects a zero finds both, whichever zero its literal is.
     */
    @Test
    void findsZerosOfEitherSign() throws IOException {
        List<GenericRow> rows = new ArrayList<>();
        for (int i = 0; i < 3 * ROW_GROUP; i++) {
            int group = i / ROW_GROUP;
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
            for (Level level : Level.values()) {
                assertThat(readIds(file, ParquetPredicates.toFilterPredicate(predicate, ROW).orElseThrow(), level)).as("%s", predicate).containsAll(expected);
            }
        }
    }

    /**
     * The invariant of pushdown: on random files full of edge cases (nulls, -0.0, NaN, extremes, multi-byte
     * strings), Parquet never drops a row the predicate selects, by statistics, dictionaries, column indexes or
     * its record filter.
     */
    @Test
    void neverDropsARowThePredicateSelects() throws IOException {
        int skipped = 0;
        for (int seed = 0; seed < 4; seed++) {
            RandomPredicates random = new RandomPredicates(seed, ROW);
            List<GenericRow> rows = random.clusteredRows(4, ROW_GROUP);
            Path file = write(rows);
            for (int i = 0; i < 40; i++) {
                Predicate predicate = random.predicate(2, true);
                Optional<FilterPredicate> filter = ParquetPredicates.toFilterPredicate(predicate, ROW);
                if (filter.isEmpty()) {
                    continue;
                }
                List<Integer> expected = matching(rows, predicate);
                for (Level level : Level.values()) {
                    List<Integer> read = readIds(file, filter.get(), level);
                    assertThat(read).as("%s as %s, filtering %s", predicate, filter.get(), level).containsAll(expected);
                    skipped += level == Level.ROW_GROUPS && read.size() < rows.size() ? 1 : 0;
                }
            }
        }
        assertThat(skipped).as("predicates that skipped a row group").isGreaterThan(15);
    }

    private static List<Integer> matching(List<GenericRow> rows, Predicate... anyOf) {
        List<Integer> ids = new ArrayList<>();
        for (GenericRow row : rows) {
            if (Arrays.stream(anyOf).anyMatch(p -> p.test(row))) {
                ids.add(row.getInt(0));
            }
        }
        return ids;
    }

    private Path write(List<GenericRow> rows) throws IOException {
        Path path = new Path(new File(dir, "data-" + System.nanoTime() + ".parquet").toURI());
        SimpleGroupFactory groups = new SimpleGroupFactory(SCHEMA);
        try (ParquetWriter<Group> writer = ExampleParquetWriter.builder(path)
                .withConf(CONF)
                .withType(SCHEMA)
                .withRowGroupRowCountLimit(ROW_GROUP)
                .withPageRowCountLimit(ROW_GROUP / 4)
                .build()) {
            for (GenericRow row : rows) {
                Group group = groups.newGroup();
                for (int field = 0; field < ROW.fieldCount(); field++) {
                    Object value = row.getField(field);
                    if (value != null) {
                        add(group, ROW.fields().get(field).name(), ROW.typeAt(field), value);
                    }
                }
                writer.write(group);
            }
        }
        return path;
    }

    private static void add(Group group, String name, DataType type, Object value) {
        switch (type.root()) {
            case INT:
            case DATE:
                group.add(name, (Integer) value);
                break;
            case SMALLINT:
                group.add(name, (int) (Short) value);
                break;
            case BIGINT:
                group.add(name, (Long) value);
                break;
            case DOUBLE:
                group.add(name, (Double) value);
                break;
            case FLOAT:
                group.add(name, (Float) value);
                break;
            case BOOLEAN:
                group.add(name, (Boolean) value);
                break;
            case VARCHAR:
                group.add(name, Binary.fromConstantByteArray(((BinaryString) value).toBytes()));
                break;
            case VARBINARY:
                group.add(name, Binary.fromConstantByteArray((byte[]) value));
                break;
            case DECIMAL:
                group.add(name, Binary.fromConstantByteArray(((Decimal) value).toUnscaledBytes()));
                break;
            case TIMESTAMP: {
                Timestamp timestamp = (Timestamp) value;
                group.add(name, timestamp.millisecond() * 1000 + timestamp.nanoOfMillisecond() / 1000);
                break;
            }
            default:
                throw new IllegalArgumentException("No Parquet column for " + type);
        }
    }

    /** How far a Parquet reader applies a filter. */
    private enum Level {
        /** Row groups, by statistics, dictionaries and bloom filters. */
        ROW_GROUPS,
        /** Row groups, then pages by column indexes. */
        PAGES,
        /** Row groups, pages, then each record. */
        RECORDS
    }

    /** The ids of the rows that Parquet returns with the filter applied at a level. */
    private static List<Integer> readIds(Path path, FilterPredicate filter, Level level) throws IOException {
        List<Integer> ids = new ArrayList<>();
        try (ParquetReader<Group> reader = ParquetReader.builder(new GroupReadSupport(), path)
                .withConf(CONF)
                .withFilter(FilterCompat.get(filter))
                .useColumnIndexFilter(level != Level.ROW_GROUPS)
                .useRecordFilter(level == Level.RECORDS)
                .build()) {
            for (Group group = reader.read(); group != null; group = reader.read()) {
                ids.add(group.getInteger("id", 0));
            }
        }
        return ids;
    }
}
