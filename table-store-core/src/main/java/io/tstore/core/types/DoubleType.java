package io.tstore.core.types;

/** DOUBLE: an 8-byte IEEE 754 floating point number; held as a Java double. */
public final class DoubleType extends DataType {

    public DoubleType(boolean nullable) {
        super(nullable, DataTypeRoot.DOUBLE);
    }

    public DoubleType() {
        this(true);
    }

    @Override
    public DoubleType copy(boolean nullable) {
        return new DoubleType(nullable);
    }

    @Override
    String sqlWithoutNullability() {
        return "DOUBLE";
    }

    @Override
    public <R> R accept(DataTypeVisitor<R> visitor) {
        return visitor.visit(this);
    }
}
