package io.tstore.core.format;

import io.tstore.core.data.BinaryString;
import io.tstore.core.data.Decimal;
import io.tstore.core.data.GenericArray;
import io.tstore.core.data.GenericRow;
import io.tstore.core.data.InternalRow;
import io.tstore.core.data.RowComparator;
import io.tstore.core.data.Timestamp;
import io.tstore.core.fs.LocalFileIO;
import io.tstore.core.fs.Path;
import io.tstore.core.types.RowType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import static io.tstore.core.format.FormatTestSupport.write;
import static io.tstore.core.format.TestRows.ALL_TYPES;
import static io.tstore.core.types.DataTypes.ARRAY;
import static io.tstore.core.types.DataTypes.BYTES;
import static io.tstore.core.types.DataTypes.DECIMAL;
import static io.tstore.core.types.DataTypes.DOUBLE;
import static io.tstore.core.types.DataTypes.FLOAT;
import static io.tstore.core.types.DataTypes.INT;
import static io.tstore.core.types.DataTypes.STRING;
import static io.tstore.core.types.DataTypes.TIMESTAMP;
import static org.assertj.core.api.Assertions.assertThat;

/** The statistics a writer reports are exactly what {@link RowComparator} makes of the rows written. */
class FieldStatsTest {
    @TempDir
    java.nio.file.Path tempDir;

    private final LocalFileIO local = new LocalFileIO();

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.tstore.core.format.FormatTestSupport#formats")
    void statsAreTheMinMaxAndNullCountOfTheRows(FileFormat format) throws IOException {
        for (int seed = 0; seed < 3; seed++) {
            List<GenericRow> rows = TestRows.rows(seed, ALL_TYPES, 200 + 700 * seed);
            Path path = new Path(new Path(tempDir.toString()), "stats-" + seed + "." + format.fileExtension());

            FileStats stats = write(format, local, path, ALL_TYPES, rows);

            assertThat(stats.rowCount()).isEqualTo(rows.size());
            assertThat(stats.fieldStats()).isEqualTo(expectedStats(rows, ALL_TYPES));
        }
    }

    /** The stats computed the plain way: sort the non-null values of each column with the row comparator. */
    private static List<FieldStats> expectedStats(List<GenericRow> rows, RowType type) {
        List<FieldStats> expected = new ArrayList<>();
        for (int i = 0; i < type.fieldCount(); i++) {
            int pos = i;
            long nulls = rows.stream().filter(row -> row.isNullAt(pos)).count();
            if (!RowComparator.isOrderable(type.typeAt(i))) {
                expected.add(new FieldStats(null, null, nulls));
                continue;
            }
            Comparator<InternalRow> comparator = new RowComparator(type, new int[] {i});
            Optional<GenericRow> min = rows.stream().filter(row -> !row.isNullAt(pos)).min(comparator);
            Optional<GenericRow> max = rows.stream().filter(row -> !row.isNullAt(pos)).max(comparator);
            expected.add(new FieldStats(
                    min.map(row -> row.getField(pos)).orElse(null), max.map(row -> row.getField(pos)).orElse(null), nulls));
        }
        return expected;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.tstore.core.format.FormatTestSupport#formats")
    void statsAreExactWhereFootersWouldNotBe(FileFormat format) throws IOException {
        RowType type = RowType.builder()
                .field("s", STRING())
                .field("dec", DECIMAL(38, 20))
                .field("ts", TIMESTAMP(9))
                .field("d", DOUBLE())
                .field("f", FLOAT())
                .field("b", BYTES())
                .field("tags", ARRAY(INT()))
                .build();
        // U+FFFF sorts after U+1F600 in UTF-16 (String.compareTo) but before it by code point, as we order; the
        // largest value is far longer than the prefixes that footers keep.
        String bmpMax = "\uFFFF";
        String emoji = new String(Character.toChars(0x1F600));
        String longString = emoji + "z".repeat(5_000);
        List<GenericRow> rows = List.of(
                GenericRow.of(BinaryString.fromString(bmpMax), decimal("0.00000000000000000001"),
                        Timestamp.fromEpochMillis(1_000, 1), 0.0, Float.NaN, new byte[] {1}, GenericArray.of(1)),
                GenericRow.of(BinaryString.fromString(emoji), decimal("99999999999999999.99999999999999999999"),
                        Timestamp.fromEpochMillis(1_000, 999_999), -0.0, 1.5f, new byte[] {(byte) 0xFF}, null),
                GenericRow.of(BinaryString.fromString(longString), decimal("-0.00000000000000000001"),
                        Timestamp.fromEpochMillis(1_000, 2), Double.NaN, -1.5f, new byte[] {}, null),
                GenericRow.of(null, null, null, null, null, null, GenericArray.of()));
        Path path = new Path(new Path(tempDir.toString()), "edge." + format.fileExtension());

        List<FieldStats> stats = write(format, local, path, type, rows).fieldStats();

        assertThat(stats.get(0)).isEqualTo(new FieldStats(
                BinaryString.fromString(bmpMax), BinaryString.fromString(longString), 1));
        assertThat(stats.get(1)).isEqualTo(new FieldStats(
                decimal("-0.00000000000000000001"), decimal("99999999999999999.99999999999999999999"), 1));
        assertThat(stats.get(2)).isEqualTo(new FieldStats(
                Timestamp.fromEpochMillis(1_000, 1), Timestamp.fromEpochMillis(1_000, 999_999), 1));
        // Double.compare order: -0.0 before 0.0, NaN after everything.
        assertThat(stats.get(3)).isEqualTo(new FieldStats(-0.0, Double.NaN, 1));
        assertThat(stats.get(4)).isEqualTo(new FieldStats(-1.5f, Float.NaN, 1));
        // Binary values compare as unsigned bytes: 0xFF is the largest.
        assertThat(stats.get(5)).isEqualTo(new FieldStats(new byte[] {}, new byte[] {(byte) 0xFF}, 1));
        assertThat(stats.get(6)).isEqualTo(new FieldStats(null, null, 2));
    }

    @Test
    void statsDoNotShareTheWrittenValues() {
        RowType type = RowType.builder().field("s", STRING()).field("b", BYTES()).build();
        FieldStatsCollector collector = new FieldStatsCollector(type);
        byte[] buffer = "abc".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] binary = {5};

        collector.collect(GenericRow.of(BinaryString.fromBytes(buffer), binary));
        buffer[0] = 'z';
        binary[0] = 9;

        assertThat(collector.result().get(0).min()).isEqualTo(BinaryString.fromString("abc"));
        assertThat(collector.result().get(1).max()).isEqualTo(new byte[] {5});
    }

    private static Decimal decimal(String value) {
        return Decimal.fromBigDecimal(new BigDecimal(value), 38, 20);
    }
}
