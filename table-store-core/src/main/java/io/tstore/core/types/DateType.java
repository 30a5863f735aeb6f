package io.tstore.core.types;

/** DATE: a day without time zone; held as an int of days since 1970-01-01. */
public final class DateType extends DataType {

    public DateType(boolean nullable) {
        super(nullable, DataTypeRoot.DATE);
    }

    public DateType() {
        this(true);
    }

    @Override
    public DateType copy(boolean nullable) {
        return new DateType(nullable);
    }

    @Override
    String sqlWithoutNullability() {
        return "DATE";
    }

    @Override
    public <R> R accept(DataTypeVisitor<R> visitor) {
        return visitor.visit(this);
    }
}
