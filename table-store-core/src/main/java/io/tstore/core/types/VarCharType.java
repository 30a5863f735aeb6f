package io.tstore.core.types;

import java.util.Objects;

/**
 * VARCHAR(n): a string of at most n characters; {@code STRING} is VARCHAR of the maximum length. Held as UTF-8 {@code
 * io.tstore.core.data.BinaryString}.
 */
public final class VarCharType extends DataType {
    public static final int MIN_LENGTH = 1;
    public static final int MAX_LENGTH = Integer.MAX_VALUE;
    /** The length of a bare {@code VARCHAR}, as in the SQL standard. */
    public static final int DEFAULT_LENGTH = 1;

    private final int length;

    public VarCharType(boolean nullable, int length) {
        super(nullable, DataTypeRoot.VARCHAR);
        if (length < MIN_LENGTH) {
            throw new IllegalArgumentException(String.format(
                    "VARCHAR length must be between %d and %d, but was %d", MIN_LENGTH, MAX_LENGTH, length));
        }
        this.length = length;
    }

    public VarCharType(int length) {
        this(true, length);
    }

    public int length() {
        return length;
    }

    @Override
    public VarCharType copy(boolean nullable) {
        return new VarCharType(nullable, length);
    }

    @Override
    String sqlWithoutNullability() {
        if (length == MAX_LENGTH) {
            return "STRING";
        }
        return "VARCHAR(" + length + ")";
    }

    @Override
    public <R> R accept(DataTypeVisitor<R> visitor) {
        return visitor.visit(this);
    }

    @Override
    public boolean equals(Object o) {
        return super.equals(o) && length == ((VarCharType) o).length;
    }

    @Override
    public int hashCode() {
        return Objects.hash(super.hashCode(), length);
    }
}
