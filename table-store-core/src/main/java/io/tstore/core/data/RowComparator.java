package io.tstore.core.data;

import io.tstore.core.types.DataField;
import io.tstore.core.types.DataType;
import io.tstore.core.types.DecimalType;
import io.tstore.core.types.RowType;

import java.util.Arrays;
import java.util.Comparator;

import static java.util.Objects.requireNonNull;

/**
 * Orders rows field by field by the values' natural order: the order of keys in the LSM tree and of sort keys.
 *
 * <p>Numbers compare numerically (FLOAT and DOUBLE as {@link Double#compare}: -0.0 before 0.0, NaN last),
 * strings by code point, decimals by value, dates, times and timestamps chronologically, binary values as
 * unsigned bytes lexicographically, false before true; a null comes before any value. ARRAY, MAP and ROW values
 * have no order, and a comparator for them cannot be made. The comparator works on any {@link InternalRow},
 * binary or not; for values that fit their type, {@code compare == 0} exactly when their {@link BinaryRow}s are
 * equal.
 */
public final class RowComparator implements Comparator<InternalRow> {
    private final int[] positions;
    private final FieldComparator[] comparators;
    /** Per field, how to compare two {@link BinaryRow}s without going through their interface: see {@link #compareBinary}. */
    private final int[] binaryKinds;

    /** Compares all fields of rows of this type, in order. */
    public RowComparator(RowType rowType) {
        this(rowType, allPositions(rowType));
    }

    /** Compares the fields at these positions of rows of this type, in this order. */
    public RowComparator(RowType rowType, int[] positions) {
        requireNonNull(rowType, "rowType is null");
        requireNonNull(positions, "positions is null");
        RowType compared = rowType.project(positions);
        checkOrderable(compared, "sort key");
        this.positions = positions.clone();
        this.comparators = new FieldComparator[positions.length];
        this.binaryKinds = new int[positions.length];
        for (int i = 0; i < positions.length; i++) {
            comparators[i] = forType(compared.typeAt(i));
            binaryKinds[i] = binaryKind(compared.typeAt(i));
        }
    }

    /** Whether values of this type have an order: every type but ARRAY, MAP and ROW. */
    public static boolean isOrderable(DataType type) {
        return !type.root().isNested();
    }

    /** Fails, naming the field and its type, when a field of this row has no order. */
    static void checkOrderable(RowType rowType, String what) {
        for (DataField field : rowType.fields()) {
            if (!isOrderable(field.type())) {
                throw new IllegalArgumentException(String.format(
                        "Field '%s' of type %s cannot be part of a %s: values of type %s have no order; "
                                + "use fields of atomic types (numbers, strings, dates, times, binary)",
                        field.name(), field.type(), what, field.type().root()));
            }
        }
    }

    @Override
    public int compare(InternalRow a, InternalRow b) {
        if (a instanceof BinaryRow x && b instanceof BinaryRow y) {
            return compareBinary(x, y);
        }
        for (int i = 0; i < positions.length; i++) {
            int pos = positions[i];
            boolean aNull = a.isNullAt(pos);
            boolean bNull = b.isNullAt(pos);
            if (aNull || bNull) {
                if (aNull && bNull) {
                    continue;
                }
                return aNull ? -1 : 1;
            }
            int result = comparators[i].compare(a, b, pos);
            if (result != 0) {
                return result;
            }
        }
        return 0;
    }

    private static final int BINARY_GENERIC = 0;
    private static final int BINARY_INT = 1;
    private static final int BINARY_LONG = 2;
    private static final int BINARY_STRING = 3;

    private static int binaryKind(DataType type) {
        return switch (type.root()) {
            case INT, DATE, TIME -> BINARY_INT;
            case BIGINT -> BINARY_LONG;
            case CHAR, VARCHAR -> BINARY_STRING;
            default -> BINARY_GENERIC;
        };
    }

    /**
     * Compares binary rows, the keys of the LSM tree, whose comparisons dominate sorting and merging. The common key
     * types are compared by calls to the final class itself, which the JIT inlines; the interface calls of the
     * generic path, shared by rows of every kind, stay virtual. Same order as the generic path.
     */
    private int compareBinary(BinaryRow a, BinaryRow b) {
        for (int i = 0; i < positions.length; i++) {
            int pos = positions[i];
            boolean aNull = a.isNullAt(pos);
            boolean bNull = b.isNullAt(pos);
            if (aNull || bNull) {
                if (aNull && bNull) {
                    continue;
                }
                return aNull ? -1 : 1;
            }
            int result = switch (binaryKinds[i]) {
                case BINARY_INT -> Integer.compare(a.getInt(pos), b.getInt(pos));
                case BINARY_LONG -> Long.compare(a.getLong(pos), b.getLong(pos));
                case BINARY_STRING -> a.compareStringAt(pos, b);
                default -> comparators[i].compare(a, b, pos);
            };
            if (result != 0) {
                return result;
            }
        }
        return 0;
    }

    /** Compares the non-null values at one position of two rows. */
    @FunctionalInterface
    private interface FieldComparator {
        int compare(InternalRow a, InternalRow b, int pos);
    }

    private static FieldComparator forType(DataType type) {
        switch (type.root()) {
            case BOOLEAN:
                return (a, b, pos) -> Boolean.compare(a.getBoolean(pos), b.getBoolean(pos));
            case TINYINT:
                return (a, b, pos) -> Byte.compare(a.getByte(pos), b.getByte(pos));
            case SMALLINT:
                return (a, b, pos) -> Short.compare(a.getShort(pos), b.getShort(pos));
            case INT:
            case DATE:
            case TIME:
                return (a, b, pos) -> Integer.compare(a.getInt(pos), b.getInt(pos));
            case BIGINT:
                return (a, b, pos) -> Long.compare(a.getLong(pos), b.getLong(pos));
            case FLOAT:
                return (a, b, pos) -> Float.compare(a.getFloat(pos), b.getFloat(pos));
            case DOUBLE:
                return (a, b, pos) -> Double.compare(a.getDouble(pos), b.getDouble(pos));
            case CHAR:
            case VARCHAR:
                return (a, b, pos) -> a.getString(pos).compareTo(b.getString(pos));
            case BINARY:
            case VARBINARY:
                return (a, b, pos) -> Arrays.compareUnsigned(a.getBinary(pos), b.getBinary(pos));
            case DECIMAL: {
                int precision = ((DecimalType) type).precision();
                int scale = ((DecimalType) type).scale();
                return (a, b, pos) -> a.getDecimal(pos, precision, scale).compareTo(b.getDecimal(pos, precision, scale));
            }
            case TIMESTAMP:
            case TIMESTAMP_LTZ: {
                int precision = ValueGetters.timestampPrecision(type);
                return (a, b, pos) -> a.getTimestamp(pos, precision).compareTo(b.getTimestamp(pos, precision));
            }
            default:
                throw new IllegalArgumentException("Values of type " + type + " have no order");
        }
    }

    private static int[] allPositions(RowType rowType) {
        requireNonNull(rowType, "rowType is null");
        int[] positions = new int[rowType.fieldCount()];
        Arrays.setAll(positions, i -> i);
        return positions;
    }
}
