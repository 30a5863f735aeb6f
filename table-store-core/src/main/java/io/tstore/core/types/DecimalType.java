package io.tstore.core.types;

import java.util.Objects;

/**
 * DECIMAL(p, s): an exact number of at most p digits, s of them after the point. Values are held as
 * {@code io.tstore.core.data.Decimal}.
 */
public final class DecimalType extends DataType {
    public static final int MIN_PRECISION = 1;
    public static final int MAX_PRECISION = 38;
    /** The precision of a bare {@code DECIMAL}, as in SQL engines. */
    public static final int DEFAULT_PRECISION = 10;
    public static final int DEFAULT_SCALE = 0;

    private final int precision;
    private final int scale;

    public DecimalType(boolean nullable, int precision, int scale) {
        super(nullable, DataTypeRoot.DECIMAL);
        if (precision < MIN_PRECISION || precision > MAX_PRECISION) {
            throw new IllegalArgumentException(String.format(
                    "DECIMAL precision must be between %d and %d, but was %d", MIN_PRECISION, MAX_PRECISION, precision));
        }
        if (scale < 0 || scale > precision) {
            throw new IllegalArgumentException(String.format(
                    "DECIMAL scale must be between 0 and the precision %d, but was %d", precision, scale));
        }
        this.precision = precision;
        this.scale = scale;
    }

    public DecimalType(int precision, int scale) {
        this(true, precision, scale);
    }

    public int precision() {
        return precision;
    }

    public int scale() {
        return scale;
    }

    @Override
    public DecimalType copy(boolean nullable) {
        return new DecimalType(nullable, precision, scale);
    }

    @Override
    String sqlWithoutNullability() {
        return "DECIMAL(" + precision + ", " + scale + ")";
    }

    @Override
    public <R> R accept(DataTypeVisitor<R> visitor) {
        return visitor.visit(this);
    }

    @Override
    public boolean equals(Object o) {
        return super.equals(o) && precision == ((DecimalType) o).precision && scale == ((DecimalType) o).scale;
    }

    @Override
    public int hashCode() {
        return Objects.hash(super.hashCode(), precision, scale);
    }
}
