package io.tstore.core.types;

import java.util.Objects;

/**
 * TIMESTAMP(p) WITH LOCAL TIME ZONE (alias TIMESTAMP_LTZ(p)): an instant on the time line, shown in the session's time
 * zone, with p digits of fractional seconds. Held as {@code io.tstore.core.data.Timestamp} counted from the epoch in
 * UTC.
 */
public final class LocalZonedTimestampType extends DataType {
    public static final int MIN_PRECISION = 0;
    public static final int MAX_PRECISION = 9;
    public static final int DEFAULT_PRECISION = 6;

    private final int precision;

    public LocalZonedTimestampType(boolean nullable, int precision) {
        super(nullable, DataTypeRoot.TIMESTAMP_LTZ);
        if (precision < MIN_PRECISION || precision > MAX_PRECISION) {
            throw new IllegalArgumentException(String.format(
                    "TIMESTAMP WITH LOCAL TIME ZONE precision must be between %d and %d, but was %d",
                    MIN_PRECISION, MAX_PRECISION, precision));
        }
        this.precision = precision;
    }

    public LocalZonedTimestampType(int precision) {
        this(true, precision);
    }

    public LocalZonedTimestampType() {
        this(true, DEFAULT_PRECISION);
    }

    /** The number of digits of fractional seconds. */
    public int precision() {
        return precision;
    }

    @Override
    public LocalZonedTimestampType copy(boolean nullable) {
        return new LocalZonedTimestampType(nullable, precision);
    }

    @Override
    String sqlWithoutNullability() {
        return "TIMESTAMP(" + precision + ") WITH LOCAL TIME ZONE";
    }

    @Override
    public <R> R accept(DataTypeVisitor<R> visitor) {
        return visitor.visit(this);
    }

    @Override
    public boolean equals(Object o) {
        return super.equals(o) && precision == ((LocalZonedTimestampType) o).precision;
    }

    @Override
    public int hashCode() {
        return Objects.hash(super.hashCode(), precision);
    }
}
