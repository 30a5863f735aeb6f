package io.tstore.core.types;

import java.util.Objects;

/**
 * VARBINARY(n): a byte string of at most n bytes; {@code BYTES} is VARBINARY of the maximum length. Held as a byte[].
 */
public final class VarBinaryType extends DataType {
    public static final int MIN_LENGTH = 1;
    public static final int MAX_LENGTH = Integer.MAX_VALUE;
    /** The length of a bare {@code VARBINARY}, as in the SQL standard. */
    public static final int DEFAULT_LENGTH = 1;

    private final int length;

    public VarBinaryType(boolean nullable, int length) {
        super(nullable, DataTypeRoot.VARBINARY);
        if (length < MIN_LENGTH) {
            throw new IllegalArgumentException(String.format(
                    "VARBINARY length must be between %d and %d, but was %d", MIN_LENGTH, MAX_LENGTH, length));
        }
        this.length = length;
    }

    public VarBinaryType(int length) {
        this(true, length);
    }

    public int length() {
        return length;
    }

    @Override
    public VarBinaryType copy(boolean nullable) {
        return new VarBinaryType(nullable, length);
    }

    @Override
    String sqlWithoutNullability() {
        if (length == MAX_LENGTH) {
            return "BYTES";
        }
        return "VARBINARY(" + length + ")";
    }

    @Override
    public <R> R accept(DataTypeVisitor<R> visitor) {
        return visitor.visit(this);
    }

    @Override
    public boolean equals(Object o) {
        return super.equals(o) && length == ((VarBinaryType) o).length;
    }

    @Override
    public int hashCode() {
        return Objects.hash(super.hashCode(), length);
    }
}
