package io.tstore.core.mergetree.aggregate;

import io.tstore.core.data.RowComparator;
import io.tstore.core.types.DataType;
import io.tstore.core.types.DataTypeRoot;
import io.tstore.core.types.VarCharType;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import static java.util.Objects.requireNonNull;

/**
 * The aggregate functions of {@code fields.<field>.aggregate-function}, with the types each accepts and whether it
 * can take a retraction (-U, -D). Nulls are skipped by every function except first_value and last_value, which
 * keep the value of a version whatever it is, and count, for which a null stands for one row.
 */
public enum AggregateFunction {
    /** The sum of the non-null values; null when there are none. Retracts by subtracting. */
    SUM("sum", true),
    /** The smallest non-null value, in the order of keys ({@link RowComparator}). */
    MIN("min", false),
    /** The largest non-null value, in the order of keys ({@link RowComparator}). */
    MAX("max", false),
    /**
     * The number of rows. A version stands for as many rows as its value says, and for one row when its value is
     * null: a written row carries null or 1, and a merged row carries the count it merged. This is the only count
     * that survives compaction, which merges merged rows again and cannot tell them from written ones. Retracts
     * by subtracting.
     */
    COUNT("count", true),
    /** The value of the first version, null included. */
    FIRST_VALUE("first_value", false),
    /** The value of the last version, null included. A retraction clears it to null. */
    LAST_VALUE("last_value", true),
    /** The last non-null value. A retraction leaves it, as a null does. */
    LAST_NON_NULL_VALUE("last_non_null_value", true),
    /** The non-null strings joined with ',', in version order. */
    LISTAGG("listagg", false),
    /** Whether every non-null value is true; null when there are none. */
    BOOL_AND("bool_and", false),
    /** Whether any non-null value is true; null when there are none. */
    BOOL_OR("bool_or", false);

    /** The function of fields that have no aggregate-function option. */
    public static final AggregateFunction DEFAULT = LAST_NON_NULL_VALUE;

    private static final Set<DataTypeRoot> SUMMABLE = EnumSet.of(
            DataTypeRoot.TINYINT, DataTypeRoot.SMALLINT, DataTypeRoot.INT, DataTypeRoot.BIGINT,
            DataTypeRoot.FLOAT, DataTypeRoot.DOUBLE, DataTypeRoot.DECIMAL);
    private static final Set<DataTypeRoot> COUNTABLE = EnumSet.of(DataTypeRoot.INT, DataTypeRoot.BIGINT);

    private final String functionName;
    private final boolean canRetract;

    AggregateFunction(String functionName, boolean canRetract) {
        this.functionName = functionName;
        this.canRetract = canRetract;
    }

    public String functionName() {
        return functionName;
    }

    public boolean canRetract() {
        return canRetract;
    }

    /** The function of this name (any case); fails naming the field, the option and the functions there are. */
    public static AggregateFunction fromName(String name, String fieldName, String optionKey) {
        requireNonNull(name, "name is null");
        String normalized = name.trim().toLowerCase(Locale.ROOT);
        for (AggregateFunction function : values()) {
            if (function.functionName.equals(normalized)) {
                return function;
            }
        }
        throw new IllegalArgumentException(String.format(
                "Unknown aggregate function '%s' for field '%s' (option '%s'); expected one of %s",
                name, fieldName, optionKey, names()));
    }

    /** The functions that can take a retraction, for error messages. */
    public static String retractableNames() {
        return Arrays.stream(values()).filter(f -> f.canRetract).map(f -> f.functionName).collect(Collectors.joining(", "));
    }

    private static String names() {
        return Arrays.stream(values()).map(f -> f.functionName).collect(Collectors.joining(", "));
    }

    /** A new aggregator of this function for a field; fails, naming the field, when the type does not fit. */
    public FieldAggregator create(String fieldName, DataType type) {
        requireNonNull(fieldName, "fieldName is null");
        requireNonNull(type, "type is null");
        switch (this) {
            case SUM:
                checkType(fieldName, type, SUMMABLE.contains(type.root()),
                        "TINYINT, SMALLINT, INT, BIGINT, FLOAT, DOUBLE or DECIMAL");
                return new SumAggregator(fieldName, type);
            case COUNT:
                checkType(fieldName, type, COUNTABLE.contains(type.root()), "INT or BIGINT");
                return new CountAggregator(fieldName, type);
            case MIN:
            case MAX:
                checkType(fieldName, type, RowComparator.isOrderable(type),
                        "a type with an order (not ARRAY, MAP or ROW)");
                return new MinMaxAggregator(fieldName, type, this);
            case FIRST_VALUE:
                return new FirstValueAggregator(fieldName, type);
            case LAST_VALUE:
                return new LastValueAggregator(fieldName, type, false);
            case LAST_NON_NULL_VALUE:
                return new LastValueAggregator(fieldName, type, true);
            case LISTAGG:
                // A bounded VARCHAR would overflow with the first few values; failing then would stop compaction.
                checkType(fieldName, type, type.root() == DataTypeRoot.VARCHAR
                        && ((VarCharType) type).length() == VarCharType.MAX_LENGTH, "STRING (VARCHAR without a length)");
                return new ListAggAggregator(fieldName, type);
            case BOOL_AND:
            case BOOL_OR:
                checkType(fieldName, type, type.root() == DataTypeRoot.BOOLEAN, "BOOLEAN");
                return new BoolAggregator(fieldName, type, this);
            default:
                throw new AssertionError(this);
        }
    }

    private void checkType(String fieldName, DataType type, boolean fits, String expected) {
        if (!fits) {
            throw new IllegalArgumentException(String.format(
                    "Aggregate function '%s' cannot aggregate field '%s' of type %s: it takes %s",
                    functionName, fieldName, type, expected));
        }
    }

    @Override
    public String toString() {
        return functionName;
    }
}
