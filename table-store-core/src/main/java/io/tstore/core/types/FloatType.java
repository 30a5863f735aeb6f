package io.tstore.core.types;

/** FLOAT: a 4-byte IEEE 754 floating point number; held as a Java float. */
public final class FloatType extends DataType {

    public FloatType(boolean nullable) {
        super(nullable, DataTypeRoot.FLOAT);
    }

    public FloatType() {
        this(true);
    }

    @Override
    public FloatType copy(boolean nullable) {
        return new FloatType(nullable);
    }

    @Override
    String sqlWithoutNullability() {
        return "FLOAT";
    }

    @Override
    public <R> R accept(DataTypeVisitor<R> visitor) {
        return visitor.visit(this);
    }
}
