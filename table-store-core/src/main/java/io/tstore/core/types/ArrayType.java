package io.tstore.core.types;

import java.util.Objects;

import static java.util.Objects.requireNonNull;

/** ARRAY&lt;T&gt;: a list of elements of one type; held as {@code io.tstore.core.data.InternalArray}. */
public final class ArrayType extends DataType {
    private final DataType elementType;

    public ArrayType(boolean nullable, DataType elementType) {
        super(nullable, DataTypeRoot.ARRAY);
        this.elementType = requireNonNull(elementType, "elementType is null");
    }

    public ArrayType(DataType elementType) {
        this(true, elementType);
    }

    public DataType elementType() {
        return elementType;
    }

    @Override
    public ArrayType copy(boolean nullable) {
        return new ArrayType(nullable, elementType);
    }

    @Override
    String sqlWithoutNullability() {
        return "ARRAY<" + elementType.asSqlString() + ">";
    }

    @Override
    public <R> R accept(DataTypeVisitor<R> visitor) {
        return visitor.visit(this);
    }

    @Override
    public boolean equals(Object o) {
        return super.equals(o) && elementType.equals(((ArrayType) o).elementType);
    }

    @Override
    public int hashCode() {
        return Objects.hash(super.hashCode(), elementType);
    }
}
