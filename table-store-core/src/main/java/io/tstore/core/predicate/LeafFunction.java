package io.tstore.core.predicate;

import java.util.Comparator;
import java.util.List;

/**
 * What a {@link LeafPredicate} asks of its field: a comparison with one literal, membership in a list of
 * literals, or a null test. Each function knows its SQL meaning on a value, what it can conclude from a field's
 * statistics, and its negation.
 *
 * <p>In SQL's three-valued logic a null field makes every function but IS NULL and IS NOT NULL unknown, and
 * unknown does not select a row. A null in an IN list never matches; a null in a NOT IN list makes NOT IN
 * unknown for every value (as {@code x NOT IN (1, NULL)} is in SQL). Comparison literals are never null.
 */
public enum LeafFunction {
    EQUAL("=", Arity.ONE) {
        @Override
        boolean test(Comparator<Object> order, Object value, List<Object> literals) {
            return value != null && order.compare(value, literals.get(0)) == 0;
        }

        @Override
        boolean test(Comparator<Object> order, FieldStats stats, List<Object> literals) {
            return !stats.allNull() && mayContain(order, stats, literals.get(0));
        }
    },
    NOT_EQUAL("<>", Arity.ONE) {
        @Override
        boolean test(Comparator<Object> order, Object value, List<Object> literals) {
            return value != null && order.compare(value, literals.get(0)) != 0;
        }

        @Override
        boolean test(Comparator<Object> order, FieldStats stats, List<Object> literals) {
            return !stats.allNull() && !onlyValue(order, stats, literals.get(0));
        }
    },
    LESS_THAN("<", Arity.ONE) {
        @Override
        boolean test(Comparator<Object> order, Object value, List<Object> literals) {
            return value != null && order.compare(value, literals.get(0)) < 0;
        }

        @Override
        boolean test(Comparator<Object> order, FieldStats stats, List<Object> literals) {
            return !stats.allNull() && (stats.min() == null || order.compare(stats.min(), literals.get(0)) < 0);
        }
    },
    LESS_OR_EQUAL("<=", Arity.ONE) {
        @Override
        boolean test(Comparator<Object> order, Object value, List<Object> literals) {
            return value != null && order.compare(value, literals.get(0)) <= 0;
        }

        @Override
        boolean test(Comparator<Object> order, FieldStats stats, List<Object> literals) {
            return !stats.allNull() && (stats.min() == null || order.compare(stats.min(), literals.get(0)) <= 0);
        }
    },
    GREATER_THAN(">", Arity.ONE) {
        @Override
        boolean test(Comparator<Object> order, Object value, List<Object> literals) {
            return value != null && order.compare(value, literals.get(0)) > 0;
        }

        @Override
        boolean test(Comparator<Object> order, FieldStats stats, List<Object> literals) {
            return !stats.allNull() && (stats.max() == null || order.compare(stats.max(), literals.get(0)) > 0);
        }
    },
    GREATER_OR_EQUAL(">=", Arity.ONE) {
        @Override
        boolean test(Comparator<Object> order, Object value, List<Object> literals) {
            return value != null && order.compare(value, literals.get(0)) >= 0;
        }

        @Override
        boolean test(Comparator<Object> order, FieldStats stats, List<Object> literals) {
            return !stats.allNull() && (stats.max() == null || order.compare(stats.max(), literals.get(0)) >= 0);
        }
    },
    IN("IN", Arity.SOME) {
        @Override
        boolean test(Comparator<Object> order, Object value, List<Object> literals) {
            return value != null && containsValue(order, literals, value);
        }

        @Override
        boolean test(Comparator<Object> order, FieldStats stats, List<Object> literals) {
            if (stats.allNull()) {
                return false;
            }
            for (Object literal : literals) {
                if (literal != null && mayContain(order, stats, literal)) {
                    return true;
                }
            }
            return false;
        }
    },
    NOT_IN("NOT IN", Arity.SOME) {
        @Override
        boolean test(Comparator<Object> order, Object value, List<Object> literals) {
            return value != null && !literals.contains(null) && !containsValue(order, literals, value);
        }

        @Override
        boolean test(Comparator<Object> order, FieldStats stats, List<Object> literals) {
            if (stats.allNull() || literals.contains(null)) {
                return false;
            }
            for (Object literal : literals) {
                if (onlyValue(order, stats, literal)) {
                    return false;
                }
            }
            return true;
        }
    },
    IS_NULL("IS NULL", Arity.NONE) {
        @Override
        boolean test(Comparator<Object> order, Object value, List<Object> literals) {
            return value == null;
        }

        @Override
        boolean test(Comparator<Object> order, FieldStats stats, List<Object> literals) {
            return stats.nullCount() < 0 || stats.nullCount() > 0;
        }
    },
    IS_NOT_NULL("IS NOT NULL", Arity.NONE) {
        @Override
        boolean test(Comparator<Object> order, Object value, List<Object> literals) {
            return value != null;
        }

        @Override
        boolean test(Comparator<Object> order, FieldStats stats, List<Object> literals) {
            return !stats.allNull();
        }
    };

    /** How many literals a function takes. */
    enum Arity {
        /** None: IS NULL, IS NOT NULL. */
        NONE,
        /** Exactly one, never null: the comparisons. */
        ONE,
        /** One or more, nulls allowed: IN, NOT IN. */
        SOME
    }

    private final String symbol;
    private final Arity arity;

    LeafFunction(String symbol, Arity arity) {
        this.symbol = symbol;
        this.arity = arity;
    }

    /** The SQL operator, e.g. {@code <=} or {@code NOT IN}. */
    public String symbol() {
        return symbol;
    }

    /** Whether the function compares values, and so needs a field type with an order and non-null literals. */
    public boolean isComparison() {
        return arity == Arity.ONE;
    }

    Arity arity() {
        return arity;
    }

    /** The function that is true exactly where this one is false, for a non-null field. */
    public LeafFunction negate() {
        switch (this) {
            case EQUAL:
                return NOT_EQUAL;
            case NOT_EQUAL:
                return EQUAL;
            case LESS_THAN:
                return GREATER_OR_EQUAL;
            case LESS_OR_EQUAL:
                return GREATER_THAN;
            case GREATER_THAN:
                return LESS_OR_EQUAL;
            case GREATER_OR_EQUAL:
                return LESS_THAN;
            case IN:
                return NOT_IN;
            case NOT_IN:
                return IN;
            case IS_NULL:
                return IS_NOT_NULL;
            case IS_NOT_NULL:
                return IS_NULL;
            default:
                throw new AssertionError(this);
        }
    }

    /** Whether the function is true for a field value (null for a null field). */
    abstract boolean test(Comparator<Object> order, Object value, List<Object> literals);

    /** Whether the function may be true for some row of a set with these field statistics. */
    abstract boolean test(Comparator<Object> order, FieldStats stats, List<Object> literals);

    /** Whether a value may lie between the minimum and the maximum, where those are known. */
    private static boolean mayContain(Comparator<Object> order, FieldStats stats, Object literal) {
        return (stats.min() == null || order.compare(stats.min(), literal) <= 0)
                && (stats.max() == null || order.compare(stats.max(), literal) >= 0);
    }

    /** Whether every non-null value of the set is known to equal the literal. */
    private static boolean onlyValue(Comparator<Object> order, FieldStats stats, Object literal) {
        return stats.hasRange()
                && order.compare(stats.min(), literal) == 0
                && order.compare(stats.max(), literal) == 0;
    }

    private static boolean containsValue(Comparator<Object> order, List<Object> literals, Object value) {
        for (Object literal : literals) {
            if (literal != null && order.compare(value, literal) == 0) {
                return true;
            }
        }
        return false;
    }
}
