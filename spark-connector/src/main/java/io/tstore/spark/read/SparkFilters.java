package io.tstore.spark.read;

import io.tstore.core.predicate.Predicate;
import io.tstore.core.predicate.PredicateBuilder;
import io.tstore.core.types.DataField;
import io.tstore.core.types.RowType;
import io.tstore.spark.SparkTypes;
import io.tstore.spark.data.ToCore;

import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.connector.expressions.Expression;
import org.apache.spark.sql.connector.expressions.Literal;
import org.apache.spark.sql.connector.expressions.NamedReference;
import org.apache.spark.sql.connector.expressions.filter.And;
import org.apache.spark.sql.connector.expressions.filter.Not;
import org.apache.spark.sql.connector.expressions.filter.Or;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Translates Spark's filters (V2 predicates) into the core's predicates: comparisons of a column with a literal
 * ({@code = <> < <= > >=}, either side), {@code IN}, {@code IS [NOT] NULL}, {@code AND}, {@code OR}, {@code NOT}, over
 * top-level columns whose Spark type is the literal's. Anything else is not translated.
 */
final class SparkFilters {
    private final RowType rowType;
    private final PredicateBuilder builder;

    SparkFilters(RowType rowType) {
        this.rowType = rowType;
        this.builder = new PredicateBuilder(rowType);
    }

    /** The core predicate, when the whole of the Spark predicate translates. */
    Optional<Predicate> convert(org.apache.spark.sql.connector.expressions.filter.Predicate predicate) {
        try {
            return Optional.ofNullable(toCore(predicate));
        } catch (IllegalArgumentException | ClassCastException | ArithmeticException e) {
            return Optional.empty(); // a literal that does not fit the column: Spark evaluates it
        }
    }

    /** The columns a predicate refers to. */
    static Set<String> columns(org.apache.spark.sql.connector.expressions.filter.Predicate predicate) {
        Set<String> columns = new java.util.HashSet<>();
        for (NamedReference reference : predicate.references()) {
            columns.add(String.join(".", reference.fieldNames()));
        }
        return columns;
    }

    private Predicate toCore(org.apache.spark.sql.connector.expressions.filter.Predicate predicate) {
        if (predicate instanceof And and) {
            Predicate left = toCore(and.left());
            Predicate right = toCore(and.right());
            return left == null || right == null ? null : PredicateBuilder.and(left, right);
        }
        if (predicate instanceof Or or) {
            Predicate left = toCore(or.left());
            Predicate right = toCore(or.right());
            return left == null || right == null ? null : PredicateBuilder.or(left, right);
        }
        if (predicate instanceof Not not) {
            Predicate child = toCore(not.child());
            return child == null ? null : PredicateBuilder.not(child);
        }
        Expression[] children = predicate.children();
        switch (predicate.name()) {
            case "IS_NULL":
            case "IS_NOT_NULL": {
                int field = field(children[0]);
                if (field < 0) {
                    return null;
                }
                return predicate.name().equals("IS_NULL") ? builder.isNull(field) : builder.isNotNull(field);
            }
            case "=":
            case "<>":
            case "<":
            case "<=":
            case ">":
            case ">=": {
                boolean flipped = field(children[0]) < 0;
                int field = field(children[flipped ? 1 : 0]);
                if (field < 0) {
                    return null;
                }
                Object literal = literal(field, children[flipped ? 0 : 1]);
                if (literal == null) {
                    return null;
                }
                return comparison(flipped ? flip(predicate.name()) : predicate.name(), field, literal);
            }
            case "IN": {
                int field = field(children[0]);
                if (field < 0) {
                    return null;
                }
                List<Object> literals = new ArrayList<>();
                for (int i = 1; i < children.length; i++) {
                    Object literal = literal(field, children[i]);
                    if (literal == null) {
                        return null;
                    }
                    literals.add(literal);
                }
                return builder.in(field, literals);
            }
            default:
                return null;
        }
    }

    private Predicate comparison(String name, int field, Object literal) {
        return switch (name) {
            case "=" -> builder.equal(field, literal);
            case "<>" -> builder.notEqual(field, literal);
            case "<" -> builder.lessThan(field, literal);
            case "<=" -> builder.lessOrEqual(field, literal);
            case ">" -> builder.greaterThan(field, literal);
            default -> builder.greaterOrEqual(field, literal);
        };
    }

    private static String flip(String name) {
        return switch (name) {
            case "<" -> ">";
            case "<=" -> ">=";
            case ">" -> "<";
            case ">=" -> "<=";
            default -> name;
        };
    }

    private int field(Expression expression) {
        if (!(expression instanceof NamedReference reference) || reference.fieldNames().length != 1) {
            return -1;
        }
        return rowType.fieldIndex(reference.fieldNames()[0]);
    }

    /** The literal in the core's form for the field, or null (also for a SQL NULL, which compares as unknown). */
    private Object literal(int field, Expression expression) {
        if (!(expression instanceof Literal<?> literal) || literal.value() == null) {
            return null;
        }
        DataField dataField = rowType.fields().get(field);
        if (!SparkTypes.toSpark(dataField.type()).equals(literal.dataType())
                || dataField.type().root() == io.tstore.core.types.DataTypeRoot.TIME) {
            return null;
        }
        return ToCore.forType(dataField.type()).convert(new GenericInternalRow(new Object[] {literal.value()}), 0);
    }
}
