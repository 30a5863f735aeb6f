package io.tstore.core.mergetree.aggregate;

import io.tstore.core.types.DataType;
import io.tstore.core.types.DataTypeRoot;

/**
 * Counts rows in an INT or BIGINT field. A version stands for as many rows as its value says, or one row when its
 * value is null (see {@link AggregateFunction#COUNT} for why). The count fails, naming the field, when it leaves
 * the type's range.
 */
final class CountAggregator extends FieldAggregator {
    private final boolean isInt;
    private long count;
    private boolean counted;

    CountAggregator(String fieldName, DataType type) {
        super(fieldName, type, AggregateFunction.COUNT);
        this.isInt = type.root() == DataTypeRoot.INT;
    }

    @Override
    public void reset() {
        count = 0;
        counted = false;
    }

    @Override
    public void add(Object value) {
        update(rows(value), false);
    }

    @Override
    public void retract(Object value) {
        update(rows(value), true);
    }

    @Override
    public boolean canRetract() {
        return true;
    }

    @Override
    public Object result() {
        if (!counted) {
            return null;
        }
        return isInt ? (Object) (int) count : (Object) count;
    }

    private long rows(Object value) {
        if (value == null) {
            return 1;
        }
        return isInt ? (int) value : (long) value;
    }

    private void update(long rows, boolean subtract) {
        long result;
        try {
            result = subtract ? Math.subtractExact(count, rows) : Math.addExact(count, rows);
        } catch (ArithmeticException e) {
            throw overflow(rows, subtract);
        }
        if (isInt && (result < Integer.MIN_VALUE || result > Integer.MAX_VALUE)) {
            throw overflow(rows, subtract);
        }
        count = result;
        counted = true;
    }

    private ArithmeticException overflow(long rows, boolean subtract) {
        return new ArithmeticException(String.format(
                "Aggregate function 'count' of field '%s' overflows its type %s: %d %s %d does not fit; "
                        + "use a BIGINT field", fieldName(), type(), count, subtract ? "-" : "+", rows));
    }
}
