package io.tstore.core.types;

import java.util.Objects;

import static java.util.Objects.requireNonNull;

/**
 * A logical type of the table format, the model that every engine's types are translated to and from.
 *
 * <p>Types are immutable values. Every type is either nullable or NOT NULL, and nullability is part of
 * {@link #equals}. {@link #asSqlString()} gives a string that {@link DataTypes#parse} reads back to an equal
 * type (field ids of rows aside, see {@link RowType}). Code that treats each type differently dispatches
 * with {@link #accept(DataTypeVisitor)} or switches on {@link #root()}.
 */
public abstract sealed class DataType
        permits BooleanType, TinyIntType, SmallIntType, IntType, BigIntType, FloatType, DoubleType, DecimalType,
        CharType, VarCharType, BinaryType, VarBinaryType, DateType, TimeType, TimestampType,
        LocalZonedTimestampType, ArrayType, MapType, RowType {

    private final boolean nullable;
    private final DataTypeRoot root;

    DataType(boolean nullable, DataTypeRoot root) {
        this.nullable = nullable;
        this.root = requireNonNull(root, "root is null");
    }

    public final boolean isNullable() {
        return nullable;
    }

    public final DataTypeRoot root() {
        return root;
    }

    /** The same type with the given nullability. */
    public abstract DataType copy(boolean nullable);

    /** The same type, NOT NULL. */
    public final DataType notNull() {
        return copy(false);
    }

    /** The same type, nullable. */
    public final DataType nullable() {
        return copy(true);
    }

    /** The SQL form of this type, e.g. {@code DECIMAL(10, 2) NOT NULL}; parses back with {@link DataTypes#parse}. */
    public final String asSqlString() {
        String sql = sqlWithoutNullability();
        return nullable ? sql : sql + " NOT NULL";
    }

    /** The SQL form of this type without the NOT NULL suffix. */
    abstract String sqlWithoutNullability();

    public abstract <R> R accept(DataTypeVisitor<R> visitor);

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        return o != null && getClass() == o.getClass() && nullable == ((DataType) o).nullable;
    }

    @Override
    public int hashCode() {
        return Objects.hash(root, nullable);
    }

    @Override
    public final String toString() {
        return asSqlString();
    }
}
