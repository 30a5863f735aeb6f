package io.tstore.core.types;

/**
 * A {@link DataTypeVisitor} that sends every type to {@link #defaultMethod} unless a subclass overrides its
 * method; for mappings that treat most types alike.
 */
public abstract class DataTypeDefaultVisitor<R> implements DataTypeVisitor<R> {

    protected abstract R defaultMethod(DataType type);

    @Override
    public R visit(BooleanType type) {
        return defaultMethod(type);
    }

    @Override
    public R visit(TinyIntType type) {
        return defaultMethod(type);
    }

    @Override
    public R visit(SmallIntType type) {
        return defaultMethod(type);
    }

    @Override
    public R visit(IntType type) {
        return defaultMethod(type);
    }

    @Override
    public R visit(BigIntType type) {
        return defaultMethod(type);
    }

    @Override
    public R visit(FloatType type) {
        return defaultMethod(type);
    }

    @Override
    public R visit(DoubleType type) {
        return defaultMethod(type);
    }

    @Override
    public R visit(DecimalType type) {
        return defaultMethod(type);
    }

    @Override
    public R visit(CharType type) {
        return defaultMethod(type);
    }

    @Override
    public R visit(VarCharType type) {
        return defaultMethod(type);
    }

    @Override
    public R visit(BinaryType type) {
        return defaultMethod(type);
    }

    @Override
    public R visit(VarBinaryType type) {
        return defaultMethod(type);
    }

    @Override
    public R visit(DateType type) {
        return defaultMethod(type);
    }

    @Override
    public R visit(TimeType type) {
        return defaultMethod(type);
    }

    @Override
    public R visit(TimestampType type) {
        return defaultMethod(type);
    }

    @Override
    public R visit(LocalZonedTimestampType type) {
        return defaultMethod(type);
    }

    @Override
    public R visit(ArrayType type) {
        return defaultMethod(type);
    }

    @Override
    public R visit(MapType type) {
        return defaultMethod(type);
    }

    @Override
    public R visit(RowType type) {
        return defaultMethod(type);
    }
}
