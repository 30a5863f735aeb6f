package io.tstore.core.predicate;

import io.tstore.core.data.BinaryString;
import io.tstore.core.data.Decimal;
import io.tstore.core.data.Timestamp;
import io.tstore.core.types.DataType;

import java.util.Arrays;
import java.util.Comparator;

/**
 * Compares non-null values of one type in their internal forms (Integer for INT, BinaryString for STRING...), in
 * the order that predicates use: the order of {@link io.tstore.core.data.RowComparator}, except that -0.0 and 0.0
 * are equal, as in SQL.
 *
 * <p>For FLOAT and DOUBLE, NaN equals NaN and is above every other number (as in Spark and PostgreSQL). Treating
 * -0.0 and 0.0 as one value only merges neighbours of the row order, so statistics gathered in the row order
 * (where -0.0 comes first) still bound every value correctly.
 */
public final class LiteralComparator {
    private LiteralComparator() {}

    /** The order of values of this type; fails for ARRAY, MAP and ROW, whose values have none. */
    public static Comparator<Object> forType(DataType type) {
        switch (type.root()) {
            case BOOLEAN:
                return (a, b) -> Boolean.compare((Boolean) a, (Boolean) b);
            case TINYINT:
                return (a, b) -> Byte.compare((Byte) a, (Byte) b);
            case SMALLINT:
                return (a, b) -> Short.compare((Short) a, (Short) b);
            case INT:
            case DATE:
            case TIME:
                return (a, b) -> Integer.compare((Integer) a, (Integer) b);
            case BIGINT:
                return (a, b) -> Long.compare((Long) a, (Long) b);
            case FLOAT:
                return (a, b) -> compareFloats((Float) a, (Float) b);
            case DOUBLE:
                return (a, b) -> compareDoubles((Double) a, (Double) b);
            case DECIMAL:
                return (a, b) -> ((Decimal) a).compareTo((Decimal) b);
            case CHAR:
            case VARCHAR:
                return (a, b) -> ((BinaryString) a).compareTo((BinaryString) b);
            case BINARY:
            case VARBINARY:
                return (a, b) -> Arrays.compareUnsigned((byte[]) a, (byte[]) b);
            case TIMESTAMP:
            case TIMESTAMP_LTZ:
                return (a, b) -> ((Timestamp) a).compareTo((Timestamp) b);
            default:
                throw new IllegalArgumentException("Values of type " + type + " have no order to compare them in");
        }
    }

    /** Whether values of this type can be compared: every type but ARRAY, MAP and ROW. */
    public static boolean isOrderable(DataType type) {
        return !type.root().isNested();
    }

    static int compareDoubles(double a, double b) {
        return a == b ? 0 : Double.compare(a, b);
    }

    static int compareFloats(float a, float b) {
        return a == b ? 0 : Float.compare(a, b);
    }
}
