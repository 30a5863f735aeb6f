package io.tstore.core.types;

import java.util.Objects;

import static java.util.Objects.requireNonNull;

/**
 * MAP&lt;K, V&gt;: entries from keys of one type to values of another; held as {@code
 * io.tstore.core.data.InternalMap}.
 */
public final class MapType extends DataType {
    private final DataType keyType;
    private final DataType valueType;

    public MapType(boolean nullable, DataType keyType, DataType valueType) {
        super(nullable, DataTypeRoot.MAP);
        this.keyType = requireNonNull(keyType, "keyType is null");
        this.valueType = requireNonNull(valueType, "valueType is null");
    }

    public MapType(DataType keyType, DataType valueType) {
        this(true, keyType, valueType);
    }

    public DataType keyType() {
        return keyType;
    }

    public DataType valueType() {
        return valueType;
    }

    @Override
    public MapType copy(boolean nullable) {
        return new MapType(nullable, keyType, valueType);
    }

    @Override
    String sqlWithoutNullability() {
        return "MAP<" + keyType.asSqlString() + ", " + valueType.asSqlString() + ">";
    }

    @Override
    public <R> R accept(DataTypeVisitor<R> visitor) {
        return visitor.visit(this);
    }

    @Override
    public boolean equals(Object o) {
        return super.equals(o) && keyType.equals(((MapType) o).keyType) && valueType.equals(((MapType) o).valueType);
    }

    @Override
    public int hashCode() {
        return Objects.hash(super.hashCode(), keyType, valueType);
    }
}
