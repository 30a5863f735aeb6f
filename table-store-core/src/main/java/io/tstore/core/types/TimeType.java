package io.tstore.core.types;

import java.util.Objects;

/**
 * TIME(p): a time of day without time zone, with p digits of fractional seconds. Held as an int of milliseconds of the
 * day, so digits beyond milliseconds are not kept (as in Flink).
 */
public final class TimeType extends DataType {
    public static final int MIN_PRECISION = 0;
    public static final int MAX_PRECISION = 9;
    public static final int DEFAULT_PRECISION = 0;

    private final int precision;

    public TimeType(boolean nullable, int precision) {
        super(nullable, DataTypeRoot.TIME);
        if (precision < MIN_PRECISION || precision > MAX_PRECISION) {
            throw new IllegalArgumentException(String.format(
                    "TIME precision must be between %d and %d, but was %d", MIN_PRECISION, MAX_PRECISION, precision));
        }
        this.precision = precision;
    }

    public TimeType(int precision) {
        this(true, precision);
    }

    public TimeType() {
        this(true, DEFAULT_PRECISION);
    }

    /** The number of digits of fractional seconds. */
    public int precision() {
        return precision;
    }

    @Override
    public TimeType copy(boolean nullable) {
        return new TimeType(nullable, precision);
    }

    @Override
    String sqlWithoutNullability() {
        return "TIME(" + precision + ")";
    }

    @Override
    public <R> R accept(DataTypeVisitor<R> visitor) {
        return visitor.visit(this);
    }

    @Override
    public boolean equals(Object o) {
        return super.equals(o) && precision == ((TimeType) o).precision;
    }

    @Override
    public int hashCode() {
        return Objects.hash(super.hashCode(), precision);
    }
}
