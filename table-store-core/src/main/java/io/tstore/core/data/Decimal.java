package io.tstore.core.data;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;

import static java.util.Objects.requireNonNull;

/**
 * An exact decimal number of a DECIMAL(precision, scale) type: the internal form of DECIMAL values.
 *
 * <p>When the precision is at most {@link #MAX_COMPACT_PRECISION} (18 digits always fit a long) the value is
 * kept as its unscaled long, which is cheap to compare and to store in a fixed slot; larger precisions keep a
 * {@link BigDecimal}. Which form is used depends only on the precision, so equal values have equal forms.
 */
public final class Decimal implements Comparable<Decimal> {
    public static final int MAX_COMPACT_PRECISION = 18;

    private static final long[] POWERS_OF_TEN = new long[MAX_COMPACT_PRECISION + 1];

    static {
        POWERS_OF_TEN[0] = 1;
        for (int i = 1; i < POWERS_OF_TEN.length; i++) {
            POWERS_OF_TEN[i] = POWERS_OF_TEN[i - 1] * 10;
        }
    }

    private final int precision;
    private final int scale;
    private final long unscaledLong;
    private final BigDecimal bigDecimal;

    private Decimal(int precision, int scale, long unscaledLong, BigDecimal bigDecimal) {
        this.precision = precision;
        this.scale = scale;
        this.unscaledLong = unscaledLong;
        this.bigDecimal = bigDecimal;
    }

    /** Whether values of this precision are kept as an unscaled long. */
    public static boolean isCompact(int precision) {
        return precision <= MAX_COMPACT_PRECISION;
    }

    /**
     * The value rounded (half up) to the scale; fails when it then has more digits than the precision allows.
     */
    public static Decimal fromBigDecimal(BigDecimal value, int precision, int scale) {
        requireNonNull(value, "value is null");
        checkType(precision, scale);
        BigDecimal scaled = value.setScale(scale, RoundingMode.HALF_UP);
        if (scaled.precision() > precision) {
            throw new ArithmeticException(String.format(
                    "Value %s does not fit DECIMAL(%d, %d): at scale %d it has %d digits, more than the precision %d",
                    value.toPlainString(), precision, scale, scale, scaled.precision(), precision));
        }
        if (isCompact(precision)) {
            return new Decimal(precision, scale, scaled.unscaledValue().longValueExact(), null);
        }
        return new Decimal(precision, scale, 0, scaled);
    }

    /** The value {@code unscaled * 10^-scale}; fails when the unscaled value has more digits than the precision. */
    public static Decimal fromUnscaledLong(long unscaled, int precision, int scale) {
        checkType(precision, scale);
        if (isCompact(precision)) {
            if (unscaled >= POWERS_OF_TEN[precision] || unscaled <= -POWERS_OF_TEN[precision]) {
                throw new ArithmeticException(String.format(
                        "Value %s does not fit DECIMAL(%d, %d): it has more than %d digits",
                        BigDecimal.valueOf(unscaled, scale).toPlainString(), precision, scale, precision));
            }
            return new Decimal(precision, scale, unscaled, null);
        }
        return fromBigDecimal(BigDecimal.valueOf(unscaled, scale), precision, scale);
    }

    /** The value whose unscaled part is this big-endian two's complement number, as {@link #toUnscaledBytes}. */
    public static Decimal fromUnscaledBytes(byte[] unscaled, int precision, int scale) {
        requireNonNull(unscaled, "unscaled is null");
        return fromBigDecimal(new BigDecimal(new BigInteger(unscaled), scale), precision, scale);
    }

    private static void checkType(int precision, int scale) {
        if (precision < 1 || precision > 38 || scale < 0 || scale > precision) {
            throw new IllegalArgumentException(
                    "Invalid DECIMAL(" + precision + ", " + scale + "): precision must be 1 to 38 and scale 0 to precision");
        }
    }

    public int precision() {
        return precision;
    }

    public int scale() {
        return scale;
    }

    public boolean isCompact() {
        return bigDecimal == null;
    }

    /** The unscaled value; only for compact decimals (precision at most 18). */
    public long toUnscaledLong() {
        if (bigDecimal != null) {
            throw new IllegalStateException("DECIMAL(" + precision + ", " + scale + ") " + this + " is not kept as a long");
        }
        return unscaledLong;
    }

    /** The unscaled value as big-endian two's complement bytes, as few as possible. */
    public byte[] toUnscaledBytes() {
        return bigDecimal == null ? BigInteger.valueOf(unscaledLong).toByteArray() : bigDecimal.unscaledValue().toByteArray();
    }

    public BigDecimal toBigDecimal() {
        return bigDecimal == null ? BigDecimal.valueOf(unscaledLong, scale) : bigDecimal;
    }

    /** Compares by numeric value, whatever the precisions and scales. */
    @Override
    public int compareTo(Decimal other) {
        if (bigDecimal == null && other.bigDecimal == null && scale == other.scale) {
            return Long.compare(unscaledLong, other.unscaledLong);
        }
        return toBigDecimal().compareTo(other.toBigDecimal());
    }

    /** Equal when the types (precision, scale) and the values are equal. */
    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Decimal other) || precision != other.precision || scale != other.scale) {
            return false;
        }
        return bigDecimal == null ? unscaledLong == other.unscaledLong : bigDecimal.equals(other.bigDecimal);
    }

    @Override
    public int hashCode() {
        int valueHash = bigDecimal == null ? Long.hashCode(unscaledLong) : bigDecimal.hashCode();
        return 31 * (31 * precision + scale) + valueHash;
    }

    @Override
    public String toString() {
        return toBigDecimal().toPlainString();
    }
}
