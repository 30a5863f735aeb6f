package io.tstore.core.data;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** BinaryString, Decimal and Timestamp. */
class ValuesTest {

    @Test
    void stringsOrderByCodePoint() {
        Random random = new Random(7);
        for (int i = 0; i < 20_000; i++) {
            String a = RandomRows.randomString(random, 6);
            String b = RandomRows.randomString(random, 6);
            int expected = Integer.signum(compareByCodePoint(a, b));
            assertThat(Integer.signum(BinaryString.fromString(a).compareTo(BinaryString.fromString(b))))
                    .as("'%s' vs '%s'", a, b).isEqualTo(expected);
        }
        // UTF-16 order would put U+FFFF after U+10000 (a surrogate pair); code point order does not
        assertThat(BinaryString.fromString("\uffff").compareTo(BinaryString.fromString("\ud800\udc00"))).isNegative();
        assertThat(BinaryString.fromString("a").compareTo(BinaryString.fromString("ab"))).isNegative();
        assertThat(BinaryString.fromString("é").compareTo(BinaryString.fromString("z"))).isPositive();
    }

    private static int compareByCodePoint(String a, String b) {
        int[] x = a.codePoints().toArray();
        int[] y = b.codePoints().toArray();
        return java.util.Arrays.compare(x, y);
    }

    @Test
    void stringsAreEqualByBytesWhateverTheirArray() {
        byte[] big = "xxhello!".getBytes();
        BinaryString view = BinaryString.fromBytes(big, 2, 5);
        BinaryString plain = BinaryString.fromString("hello");
        assertThat(view).isEqualTo(plain).hasSameHashCodeAs(plain);
        assertThat(view.toString()).isEqualTo("hello");
        assertThat(view.toBytes()).isEqualTo("hello".getBytes());
        assertThat(view.compareTo(plain)).isZero();
        assertThat(BinaryString.fromString(null)).isNull();
        assertThat(BinaryString.fromString("")).isEqualTo(BinaryString.EMPTY);
        assertThatThrownBy(() -> BinaryString.fromBytes(big, 6, 5)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void decimalOverflowNamesTheValueAndThePrecision() {
        assertThatThrownBy(() -> Decimal.fromBigDecimal(new BigDecimal("12345.678"), 5, 2))
                .isInstanceOf(ArithmeticException.class)
                .hasMessage("Value 12345.678 does not fit DECIMAL(5, 2): at scale 2 it has 7 digits, more than the precision 5");
        assertThatThrownBy(() -> Decimal.fromBigDecimal(new BigDecimal("1e40"), 38, 0))
                .isInstanceOf(ArithmeticException.class)
                .hasMessageContaining("Value 10000000000000000000000000000000000000000 does not fit DECIMAL(38, 0)");
        // rounding up may overflow too
        assertThatThrownBy(() -> Decimal.fromBigDecimal(new BigDecimal("9.995"), 3, 2))
                .isInstanceOf(ArithmeticException.class)
                .hasMessageContaining("Value 9.995 does not fit DECIMAL(3, 2)");
        assertThatThrownBy(() -> Decimal.fromUnscaledLong(1000, 3, 1))
                .isInstanceOf(ArithmeticException.class)
                .hasMessage("Value 100.0 does not fit DECIMAL(3, 1): it has more than 3 digits");
        assertThatThrownBy(() -> Decimal.fromBigDecimal(BigDecimal.ONE, 39, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("DECIMAL(39, 0)");
    }

    @Test
    void decimalsRoundHalfUpToTheirScale() {
        assertThat(Decimal.fromBigDecimal(new BigDecimal("1.005"), 5, 2).toString()).isEqualTo("1.01");
        assertThat(Decimal.fromBigDecimal(new BigDecimal("-1.005"), 5, 2).toString()).isEqualTo("-1.01");
        assertThat(Decimal.fromBigDecimal(new BigDecimal("7"), 5, 2).toString()).isEqualTo("7.00");
        assertThat(Decimal.fromBigDecimal(new BigDecimal("9.994"), 3, 2).toString()).isEqualTo("9.99");
    }

    @Test
    void decimalsAreCompactUpToPrecision18() {
        Decimal compact = Decimal.fromBigDecimal(new BigDecimal("-123456789012345678"), 18, 0);
        assertThat(compact.isCompact()).isTrue();
        assertThat(compact.toUnscaledLong()).isEqualTo(-123456789012345678L);
        Decimal big = Decimal.fromBigDecimal(new BigDecimal("12.5"), 19, 1);
        assertThat(big.isCompact()).isFalse();
        assertThatThrownBy(big::toUnscaledLong).isInstanceOf(IllegalStateException.class);
        assertThat(Decimal.fromUnscaledBytes(big.toUnscaledBytes(), 19, 1)).isEqualTo(big);
        assertThat(Decimal.fromUnscaledLong(125, 19, 1)).isEqualTo(big);
    }

    @Test
    void decimalsCompareByValueAndEqualByTypeAndValue() {
        Random random = new Random(3);
        for (int i = 0; i < 5_000; i++) {
            Decimal a = RandomRows.randomDecimal(random, new io.tstore.core.types.DecimalType(1 + random.nextInt(38), 0));
            int precision = 1 + random.nextInt(38);
            Decimal b = RandomRows.randomDecimal(random, new io.tstore.core.types.DecimalType(precision, random.nextInt(precision + 1)));
            assertThat(Integer.signum(a.compareTo(b)))
                    .isEqualTo(Integer.signum(a.toBigDecimal().compareTo(b.toBigDecimal())));
        }
        Decimal a = Decimal.fromBigDecimal(new BigDecimal("1.50"), 5, 2);
        assertThat(a).isEqualTo(Decimal.fromUnscaledLong(150, 5, 2)).hasSameHashCodeAs(Decimal.fromUnscaledLong(150, 5, 2));
        assertThat(a).isNotEqualTo(Decimal.fromBigDecimal(new BigDecimal("1.5"), 6, 2));
        assertThat(a.compareTo(Decimal.fromBigDecimal(new BigDecimal("1.5"), 30, 1))).isZero();
    }

    @Test
    void timestampsConvertToAndFromJavaTime() {
        Random random = new Random(11);
        for (int i = 0; i < 10_000; i++) {
            Timestamp ts = RandomRows.randomTimestamp(random, 9);
            assertThat(Timestamp.fromLocalDateTime(ts.toLocalDateTime())).isEqualTo(ts);
            assertThat(Timestamp.fromInstant(ts.toInstant())).isEqualTo(ts);
        }
        LocalDateTime beforeEpoch = LocalDateTime.parse("1969-12-31T23:59:59.999999999");
        Timestamp ts = Timestamp.fromLocalDateTime(beforeEpoch);
        assertThat(ts.millisecond()).isEqualTo(-1);
        assertThat(ts.nanoOfMillisecond()).isEqualTo(999_999);
        assertThat(ts.toLocalDateTime()).isEqualTo(beforeEpoch);
        assertThat(ts.toString()).isEqualTo("1969-12-31T23:59:59.999999999");
        assertThat(Timestamp.fromInstant(Instant.parse("2024-03-01T12:00:00.123456Z")).toString())
                .isEqualTo("2024-03-01T12:00:00.123456");
        assertThatThrownBy(() -> Timestamp.fromEpochMillis(0, 1_000_000)).hasMessageContaining("999999");
    }

    @Test
    void timestampsOrderChronologically() {
        Random random = new Random(5);
        for (int i = 0; i < 10_000; i++) {
            Timestamp a = RandomRows.randomTimestamp(random, random.nextInt(10));
            Timestamp b = random.nextInt(4) == 0 ? Timestamp.fromEpochMillis(a.millisecond(), random.nextInt(1_000_000))
                    : RandomRows.randomTimestamp(random, random.nextInt(10));
            assertThat(Integer.signum(a.compareTo(b)))
                    .isEqualTo(Integer.signum(a.toLocalDateTime().compareTo(b.toLocalDateTime())));
        }
    }
}
