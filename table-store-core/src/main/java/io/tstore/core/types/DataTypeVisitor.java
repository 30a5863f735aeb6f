package io.tstore.core.types;

/**
 * Dispatches on the concrete type of a {@link DataType}, so that format and engine mappings handle every
 * type without chains of instanceof tests, and the compiler reports a type that a mapping forgot.
 */
public interface DataTypeVisitor<R> {

    R visit(BooleanType type);

    R visit(TinyIntType type);

    R visit(SmallIntType type);

    R visit(IntType type);

    R visit(BigIntType type);

    R visit(FloatType type);

    R visit(DoubleType type);

    R visit(DecimalType type);

    R visit(CharType type);

    R visit(VarCharType type);

    R visit(BinaryType type);

    R visit(VarBinaryType type);

    R visit(DateType type);

    R visit(TimeType type);

    R visit(TimestampType type);

    R visit(LocalZonedTimestampType type);

    R visit(ArrayType type);

    R visit(MapType type);

    R visit(RowType type);
}
