package io.tstore.core.mergetree.aggregate;

import io.tstore.core.data.Decimal;
import io.tstore.core.types.DataType;
import io.tstore.core.types.DecimalType;

import java.math.BigDecimal;

/**
 * Sums the non-null values of a numeric field in the field's own type: integers and decimals exactly, failing
 * (naming the field) when a partial sum leaves the type's range or precision, FLOAT and DOUBLE in floating point.
 * Every partial sum is checked, not only the last: merging the versions in runs visits the same partial sums as
 * merging them at once, so both fail or neither does.
 */
final class SumAggregator extends FieldAggregator {
    private Object sum;

    SumAggregator(String fieldName, DataType type) {
        super(fieldName, type, AggregateFunction.SUM);
    }

    @Override
    public void reset() {
        sum = null;
    }

    @Override
    public void add(Object value) {
        if (value != null) {
            sum = sum == null ? value : plus(sum, value, false);
        }
    }

    @Override
    public void retract(Object value) {
        if (value != null) {
            sum = plus(sum == null ? zero() : sum, value, true);
        }
    }

    @Override
    public boolean canRetract() {
        return true;
    }

    @Override
    public Object result() {
        return sum;
    }

    private Object zero() {
        switch (type().root()) {
            case TINYINT:
                return (byte) 0;
            case SMALLINT:
                return (short) 0;
            case INT:
                return 0;
            case BIGINT:
                return 0L;
            case FLOAT:
                return 0f;
            case DOUBLE:
                return 0d;
            case DECIMAL: {
                DecimalType decimal = (DecimalType) type();
                return Decimal.fromUnscaledLong(0, decimal.precision(), decimal.scale());
            }
            default:
                throw new AssertionError(type());
        }
    }

    private Object plus(Object a, Object b, boolean subtract) {
        switch (type().root()) {
            case TINYINT: {
                long result = subtract ? (byte) a - (long) (byte) b : (byte) a + (long) (byte) b;
                return (byte) checkRange(result, Byte.MIN_VALUE, Byte.MAX_VALUE, a, b, subtract);
            }
            case SMALLINT: {
                long result = subtract ? (short) a - (long) (short) b : (short) a + (long) (short) b;
                return (short) checkRange(result, Short.MIN_VALUE, Short.MAX_VALUE, a, b, subtract);
            }
            case INT: {
                long result = subtract ? (int) a - (long) (int) b : (int) a + (long) (int) b;
                return (int) checkRange(result, Integer.MIN_VALUE, Integer.MAX_VALUE, a, b, subtract);
            }
            case BIGINT:
                try {
                    return subtract ? Math.subtractExact((long) a, (long) b) : Math.addExact((long) a, (long) b);
                } catch (ArithmeticException e) {
                    throw overflow(a, b, subtract, e);
                }
            case FLOAT:
                return subtract ? (float) a - (float) b : (float) a + (float) b;
            case DOUBLE:
                return subtract ? (double) a - (double) b : (double) a + (double) b;
            case DECIMAL: {
                DecimalType decimal = (DecimalType) type();
                BigDecimal x = ((Decimal) a).toBigDecimal();
                BigDecimal y = ((Decimal) b).toBigDecimal();
                try {
                    // Same scale on both sides: the sum is exact, only the precision can overflow.
                    return Decimal.fromBigDecimal(subtract ? x.subtract(y) : x.add(y), decimal.precision(), decimal.scale());
                } catch (ArithmeticException e) {
                    throw overflow(a, b, subtract, e);
                }
            }
            default:
                throw new AssertionError(type());
        }
    }

    private long checkRange(long result, long min, long max, Object a, Object b, boolean subtract) {
        if (result < min || result > max) {
            throw overflow(a, b, subtract, null);
        }
        return result;
    }

    private ArithmeticException overflow(Object a, Object b, boolean subtract, ArithmeticException cause) {
        ArithmeticException e = new ArithmeticException(String.format(
                "Aggregate function 'sum' of field '%s' overflows its type %s: %s %s %s does not fit; "
                        + "widen the field's type (a larger integer type or DECIMAL precision)",
                fieldName(), type(), a, subtract ? "-" : "+", b));
        if (cause != null) {
            e.initCause(cause);
        }
        return e;
    }
}
