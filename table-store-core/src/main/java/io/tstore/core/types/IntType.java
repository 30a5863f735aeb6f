package io.tstore.core.types;

/** INT (alias INTEGER): a signed 4-byte integer; held as a Java int. */
public final class IntType extends DataType {

    public IntType(boolean nullable) {
        super(nullable, DataTypeRoot.INT);
    }

    public IntType() {
        this(true);
    }

    @Override
    public IntType copy(boolean nullable) {
        return new IntType(nullable);
    }

    @Override
    String sqlWithoutNullability() {
        return "INT";
    }

    @Override
    public <R> R accept(DataTypeVisitor<R> visitor) {
        return visitor.visit(this);
    }
}
