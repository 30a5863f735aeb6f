package io.tstore.core.types;

/** BIGINT: a signed 8-byte integer; held as a Java long. */
public final class BigIntType extends DataType {

    public BigIntType(boolean nullable) {
        super(nullable, DataTypeRoot.BIGINT);
    }

    public BigIntType() {
        this(true);
    }

    @Override
    public BigIntType copy(boolean nullable) {
        return new BigIntType(nullable);
    }

    @Override
    String sqlWithoutNullability() {
        return "BIGINT";
    }

    @Override
    public <R> R accept(DataTypeVisitor<R> visitor) {
        return visitor.visit(this);
    }
}
