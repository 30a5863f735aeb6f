package io.tstore.core.types;

import java.util.Objects;

/**
 * TIMESTAMP(p): a date and time without time zone, with p digits of fractional seconds. Held as {@code
 * io.tstore.core.data.Timestamp}.
 */
public final class TimestampType extends DataType {
    public static final int MIN_PRECISION = 0;
    public static final int MAX_PRECISION = 9;
    public static final int DEFAULT_PRECISION = 6;

    private final int precision;

    public TimestampType(boolean nullable, int precision) {
        super(nullable, DataTypeRoot.TIMESTAMP);
        if (precision < MIN_PRECISION || precision > MAX_PRECISION) {
            throw new IllegalArgumentException(String.format(
                    "TIMESTAMP precision must be between %d and %d, but was %d", MIN_PRECISION, MAX_PRECISION, precision));
        }
        this.precision = precision;
    }

    public TimestampType(int precision) {
        this(true, precision);
    }

    public TimestampType() {
        this(true, DEFAULT_PRECISION);
    }

    /** The number of digits of fractional seconds. */
    public int precision() {
        return precision;
    }

    @Override
    public TimestampType copy(boolean nullable) {
        return new TimestampType(nullable, precision);
    }

    @Override
    String sqlWithoutNullability() {
        return "TIMESTAMP(" + precision + ")";
    }

    @Override
    public <R> R accept(DataTypeVisitor<R> visitor) {
        return visitor.visit(this);
    }

    @Override
    public boolean equals(Object o) {
        return super.equals(o) && precision == ((TimestampType) o).precision;
    }

    @Override
    public int hashCode() {
        return Objects.hash(super.hashCode(), precision);
    }
}
