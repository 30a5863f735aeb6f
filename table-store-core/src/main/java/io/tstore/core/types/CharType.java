package io.tstore.core.types;

import java.util.Objects;

/** CHAR(n): a string of n characters; held as UTF-8 {@code io.tstore.core.data.BinaryString}. */
public final class CharType extends DataType {
    public static final int MIN_LENGTH = 1;
    public static final int MAX_LENGTH = Integer.MAX_VALUE;
    /** The length of a bare {@code CHAR}, as in the SQL standard. */
    public static final int DEFAULT_LENGTH = 1;

    private final int length;

    public CharType(boolean nullable, int length) {
        super(nullable, DataTypeRoot.CHAR);
        if (length < MIN_LENGTH) {
            throw new IllegalArgumentException(String.format(
                    "CHAR length must be between %d and %d, but was %d", MIN_LENGTH, MAX_LENGTH, length));
        }
        this.length = length;
    }

    public CharType(int length) {
        this(true, length);
    }

    public int length() {
        return length;
    }

    @Override
    public CharType copy(boolean nullable) {
        return new CharType(nullable, length);
    }

    @Override
    String sqlWithoutNullability() {
        return "CHAR(" + length + ")";
    }

    @Override
    public <R> R accept(DataTypeVisitor<R> visitor) {
        return visitor.visit(this);
    }

    @Override
    public boolean equals(Object o) {
        return super.equals(o) && length == ((CharType) o).length;
    }

    @Override
    public int hashCode() {
        return Objects.hash(super.hashCode(), length);
    }
}
