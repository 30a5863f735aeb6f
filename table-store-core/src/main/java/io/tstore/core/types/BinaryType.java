package io.tstore.core.types;

import java.util.Objects;

/** BINARY(n): a byte string of n bytes; held as a byte[]. */
public final class BinaryType extends DataType {
    public static final int MIN_LENGTH = 1;
    public static final int MAX_LENGTH = Integer.MAX_VALUE;
    /** The length of a bare {@code BINARY}, as in the SQL standard. */
    public static final int DEFAULT_LENGTH = 1;

    private final int length;

    public BinaryType(boolean nullable, int length) {
        super(nullable, DataTypeRoot.BINARY);
        if (length < MIN_LENGTH) {
            throw new IllegalArgumentException(String.format(
                    "BINARY length must be between %d and %d, but was %d", MIN_LENGTH, MAX_LENGTH, length));
        }
        this.length = length;
    }

    public BinaryType(int length) {
        this(true, length);
    }

    public int length() {
        return length;
    }

    @Override
    public BinaryType copy(boolean nullable) {
        return new BinaryType(nullable, length);
    }

    @Override
    String sqlWithoutNullability() {
        return "BINARY(" + length + ")";
    }

    @Override
    public <R> R accept(DataTypeVisitor<R> visitor) {
        return visitor.visit(this);
    }

    @Override
    public boolean equals(Object o) {
        return super.equals(o) && length == ((BinaryType) o).length;
    }

    @Override
    public int hashCode() {
        return Objects.hash(super.hashCode(), length);
    }
}
