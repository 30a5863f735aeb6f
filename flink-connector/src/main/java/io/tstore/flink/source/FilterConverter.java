package io.tstore.flink.source;

import io.tstore.core.predicate.Predicate;
import io.tstore.core.predicate.PredicateBuilder;
import io.tstore.core.types.RowType;

import org.apache.flink.table.expressions.CallExpression;
import org.apache.flink.table.expressions.FieldReferenceExpression;
import org.apache.flink.table.expressions.ResolvedExpression;
import org.apache.flink.table.expressions.ValueLiteralExpression;
import org.apache.flink.table.functions.BuiltInFunctionDefinitions;
import org.apache.flink.table.functions.FunctionDefinition;
import org.apache.flink.table.types.logical.LogicalTypeRoot;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;

import static java.util.Objects.requireNonNull;

/**
 * Translates the filters the Flink planner offers a scan into the table format's {@link Predicate}s: comparisons
 * of a column with a literal ({@code =, <>, <, <=, >, >=}, either side), {@code IN}, {@code IS [NOT] NULL}, boolean
 * columns, and {@code AND}, {@code OR}, {@code NOT} of those. Anything else (functions, casts of columns, LIKE,
 * comparisons of two columns, literals that do not fit the column's type) is not translated, and stays with Flink.
 * Columns are found by name, so the result refers to the table's columns whatever the planner's field order.
 */
public final class FilterConverter {
    private final RowType rowType;
    private final PredicateBuilder builder;

    public FilterConverter(RowType rowType) {
        this.rowType = requireNonNull(rowType, "rowType is null");
        this.builder = new PredicateBuilder(rowType);
    }

    /** The predicate of a filter, or empty when the filter (or a part of it that matters) cannot be translated. */
    public Optional<Predicate> convert(ResolvedExpression expression) {
        try {
            return Optional.ofNullable(visit(expression));
        } catch (IllegalArgumentException | ArithmeticException e) {
            // A literal that does not fit its column, or a type that cannot be compared: Flink evaluates it.
            return Optional.empty();
        }
    }

    private Predicate visit(ResolvedExpression expression) {
        if (expression instanceof FieldReferenceExpression field) {
            return isBooleanColumn(field) ? builder.equal(field.getName(), true) : null;
        }
        if (!(expression instanceof CallExpression call)) {
            return null;
        }
        FunctionDefinition function = call.getFunctionDefinition();
        List<ResolvedExpression> args = call.getResolvedChildren();
        if (function == BuiltInFunctionDefinitions.AND || function == BuiltInFunctionDefinitions.OR) {
            List<Predicate> children = new ArrayList<>(args.size());
            for (ResolvedExpression arg : args) {
                Predicate child = visit(arg);
                if (child == null) {
                    return null;
                }
                children.add(child);
            }
            return function == BuiltInFunctionDefinitions.AND ? PredicateBuilder.and(children) : PredicateBuilder.or(children);
        }
        if (function == BuiltInFunctionDefinitions.NOT) {
            Predicate child = visit(args.get(0));
            return child == null ? null : child.negate().orElse(null);
        }
        if (function == BuiltInFunctionDefinitions.IS_NULL || function == BuiltInFunctionDefinitions.IS_NOT_NULL) {
            String column = column(args.get(0));
            if (column == null) {
                return null;
            }
            return function == BuiltInFunctionDefinitions.IS_NULL ? builder.isNull(column) : builder.isNotNull(column);
        }
        if (function == BuiltInFunctionDefinitions.IN) {
            String column = column(args.get(0));
            if (column == null) {
                return null;
            }
            List<Object> literals = new ArrayList<>(args.size() - 1);
            for (ResolvedExpression arg : args.subList(1, args.size())) {
                if (!(arg instanceof ValueLiteralExpression literal)) {
                    return null;
                }
                literals.add(value(literal));
            }
            return builder.in(column, literals);
        }
        if (function == BuiltInFunctionDefinitions.EQUALS) {
            return comparison(args, builder::equal, builder::equal);
        }
        if (function == BuiltInFunctionDefinitions.NOT_EQUALS) {
            return comparison(args, builder::notEqual, builder::notEqual);
        }
        if (function == BuiltInFunctionDefinitions.LESS_THAN) {
            return comparison(args, builder::lessThan, builder::greaterThan);
        }
        if (function == BuiltInFunctionDefinitions.LESS_THAN_OR_EQUAL) {
            return comparison(args, builder::lessOrEqual, builder::greaterOrEqual);
        }
        if (function == BuiltInFunctionDefinitions.GREATER_THAN) {
            return comparison(args, builder::greaterThan, builder::lessThan);
        }
        if (function == BuiltInFunctionDefinitions.GREATER_THAN_OR_EQUAL) {
            return comparison(args, builder::greaterOrEqual, builder::lessOrEqual);
        }
        return null;
    }

    /**
     * {@code column op literal} with {@code direct}, or {@code literal op column} with {@code flipped}; a comparison
     * with NULL is never true, and stays with Flink.
     */
    private Predicate comparison(
            List<ResolvedExpression> args,
            BiFunction<String, Object, Predicate> direct,
            BiFunction<String, Object, Predicate> flipped) {
        if (args.size() != 2) {
            return null;
        }
        String left = column(args.get(0));
        String right = column(args.get(1));
        if (left != null && args.get(1) instanceof ValueLiteralExpression literal && !literal.isNull()) {
            return direct.apply(left, value(literal));
        }
        if (right != null && args.get(0) instanceof ValueLiteralExpression literal && !literal.isNull()) {
            return flipped.apply(right, value(literal));
        }
        return null;
    }

    private String column(ResolvedExpression expression) {
        if (expression instanceof FieldReferenceExpression field && rowType.containsField(field.getName())) {
            return field.getName();
        }
        return null;
    }

    private boolean isBooleanColumn(FieldReferenceExpression field) {
        return rowType.containsField(field.getName())
                && field.getOutputDataType().getLogicalType().getTypeRoot() == LogicalTypeRoot.BOOLEAN;
    }

    /** The literal as its type's default Java class (String, BigDecimal, LocalDate, LocalDateTime, Instant...). */
    private static Object value(ValueLiteralExpression literal) {
        if (literal.isNull()) {
            return null;
        }
        Class<?> conversion = literal.getOutputDataType().getConversionClass();
        return literal.getValueAs(conversion).orElseThrow(() -> new IllegalArgumentException(
                "Cannot read literal " + literal + " as " + conversion.getName()));
    }
}
