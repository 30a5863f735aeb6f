package io.tstore.core.types;

/** SMALLINT: a signed 2-byte integer; held as a Java short. */
public final class SmallIntType extends DataType {

    public SmallIntType(boolean nullable) {
        super(nullable, DataTypeRoot.SMALLINT);
    }

    public SmallIntType() {
        this(true);
    }

    @Override
    public SmallIntType copy(boolean nullable) {
        return new SmallIntType(nullable);
    }

    @Override
    String sqlWithoutNullability() {
        return "SMALLINT";
    }

    @Override
    public <R> R accept(DataTypeVisitor<R> visitor) {
        return visitor.visit(this);
    }
}
