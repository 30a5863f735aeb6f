package io.tstore.core.types;

/** BOOLEAN: true or false; held as a Java boolean. */
public final class BooleanType extends DataType {

    public BooleanType(boolean nullable) {
        super(nullable, DataTypeRoot.BOOLEAN);
    }

    public BooleanType() {
        this(true);
    }

    @Override
    public BooleanType copy(boolean nullable) {
        return new BooleanType(nullable);
    }

    @Override
    String sqlWithoutNullability() {
        return "BOOLEAN";
    }

    @Override
    public <R> R accept(DataTypeVisitor<R> visitor) {
        return visitor.visit(this);
    }
}
