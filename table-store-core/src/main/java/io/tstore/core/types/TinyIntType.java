package io.tstore.core.types;

/** TINYINT: a signed 1-byte integer; held as a Java byte. */
public final class TinyIntType extends DataType {

    public TinyIntType(boolean nullable) {
        super(nullable, DataTypeRoot.TINYINT);
    }

    public TinyIntType() {
        this(true);
    }

    @Override
    public TinyIntType copy(boolean nullable) {
        return new TinyIntType(nullable);
    }

    @Override
    String sqlWithoutNullability() {
        return "TINYINT";
    }

    @Override
    public <R> R accept(DataTypeVisitor<R> visitor) {
        return visitor.visit(this);
    }
}
