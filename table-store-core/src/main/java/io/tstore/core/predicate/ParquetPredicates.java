package io.tstore.core.predicate;

import io.tstore.core.data.BinaryString;
import io.tstore.core.types.RowType;
import org.apache.parquet.filter2.predicate.FilterApi;
import org.apache.parquet.filter2.predicate.FilterPredicate;
import org.apache.parquet.filter2.predicate.Operators;
import org.apache.parquet.io.api.Binary;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import static java.util.Objects.requireNonNull;

/**
 * Translates a predicate into a Parquet {@link FilterPredicate}, with which a Parquet reader drops row groups and
 * pages by their statistics, dictionaries and bloom filters, and then rows. Best effort, as {@link OrcPredicates}:
 * what cannot be translated faithfully is left out, so the filter selects every row the predicate selects (and,
 * for {@code <>} and NOT IN, null rows too, which Parquet's own semantics keep).
 *
 * <p>Columns are named as the fields of the file's row type at the leaves' positions; a leaf whose field has
 * another type in the file, or whose name holds a dot (Parquet reads a dot as a path into a group), is left out.
 * Mapped physical types, those every writer uses for them:
 * <ul>
 *   <li>TINYINT, SMALLINT, INT, DATE as INT32 ({@code intColumn}); BIGINT as INT64 ({@code longColumn});</li>
 *   <li>FLOAT, DOUBLE as FLOAT, DOUBLE, with zero literals widened to both zeros and NaN literals left out;</li>
 *   <li>CHAR, VARCHAR as BINARY holding UTF-8 ({@code binaryColumn}), which Parquet orders as unsigned bytes,
 *       the order of predicates; CHAR is assumed unpadded;</li>
 *   <li>BOOLEAN ({@code booleanColumn}): =, &lt;&gt;, IN, NOT IN and null tests only, as Parquet allows.</li>
 * </ul>
 * DECIMAL (INT32, INT64 or FIXED_LEN_BYTE_ARRAY by precision, as the writer chooses), TIME, the timestamps (INT64
 * of several units, or INT96), BINARY, VARBINARY and nested types are not pushed.
 */
public final class ParquetPredicates {
    private ParquetPredicates() {}

    /** The filter for the part of the predicate that Parquet can evaluate; empty when there is none. */
    public static Optional<FilterPredicate> toFilterPredicate(Predicate predicate, RowType rowType) {
        requireNonNull(predicate, "predicate is null");
        requireNonNull(rowType, "rowType is null");
        return PredicateUtils.rewriteLeaves(predicate, leaf -> pushable(leaf, rowType))
                .map(pushable -> pushable.visit(new Translator(rowType)));
    }

    private static Optional<Predicate> pushable(LeafPredicate leaf, RowType rowType) {
        if (!isMapped(leaf) || PushdownLeaves.fileField(leaf, rowType).filter(f -> !f.name().contains(".")).isEmpty()) {
            return Optional.empty();
        }
        Optional<LeafPredicate> pushed = PushdownLeaves.withoutNullLiterals(leaf);
        if (pushed.isPresent() && PushdownLeaves.isFloatingPoint(leaf)) {
            pushed = pushed.filter(l -> !PushdownLeaves.hasNaN(l)).map(PushdownLeaves::forTotalOrder);
        }
        return pushed.map(l -> l);
    }

    private static boolean isMapped(LeafPredicate leaf) {
        switch (leaf.type().root()) {
            case TINYINT:
            case SMALLINT:
            case INT:
            case DATE:
            case BIGINT:
            case FLOAT:
            case DOUBLE:
            case CHAR:
            case VARCHAR:
                return true;
            case BOOLEAN:
                return !leaf.function().isComparison()
                        || leaf.function() == LeafFunction.EQUAL
                        || leaf.function() == LeafFunction.NOT_EQUAL;
            default:
                return false;
        }
    }

    /** Builds the filter of a fully pushable predicate. */
    private static final class Translator implements PredicateVisitor<FilterPredicate> {
        private final RowType rowType;

        Translator(RowType rowType) {
            this.rowType = rowType;
        }

        @Override
        public FilterPredicate visit(CompoundPredicate compound) {
            FilterPredicate result = null;
            for (Predicate child : compound.children()) {
                FilterPredicate filter = child.visit(this);
                if (result == null) {
                    result = filter;
                } else if (compound.kind() == CompoundPredicate.Kind.AND) {
                    result = FilterApi.and(result, filter);
                } else {
                    result = FilterApi.or(result, filter);
                }
            }
            return result;
        }

        @Override
        public FilterPredicate visit(LeafPredicate leaf) {
            String column = rowType.fields().get(leaf.index()).name();
            switch (leaf.type().root()) {
                case BOOLEAN:
                    return equality(FilterApi.booleanColumn(column), leaf, Boolean.class::cast);
                case TINYINT:
                case SMALLINT:
                case INT:
                case DATE:
                    return ordered(FilterApi.intColumn(column), leaf, value -> ((Number) value).intValue());
                case BIGINT:
                    return ordered(FilterApi.longColumn(column), leaf, Long.class::cast);
                case FLOAT:
                    return ordered(FilterApi.floatColumn(column), leaf, Float.class::cast);
                case DOUBLE:
                    return ordered(FilterApi.doubleColumn(column), leaf, Double.class::cast);
                case CHAR:
                case VARCHAR:
                    return ordered(FilterApi.binaryColumn(column), leaf,
                            value -> Binary.fromConstantByteArray(((BinaryString) value).toBytes()));
                default:
                    throw new AssertionError("Not pushable: " + leaf);
            }
        }

        private static <T extends Comparable<T>, C extends Operators.Column<T> & Operators.SupportsLtGt>
                FilterPredicate ordered(C column, LeafPredicate leaf, Function<Object, T> toParquet) {
            switch (leaf.function()) {
                case LESS_THAN:
                    return FilterApi.lt(column, toParquet.apply(leaf.literal()));
                case LESS_OR_EQUAL:
                    return FilterApi.ltEq(column, toParquet.apply(leaf.literal()));
                case GREATER_THAN:
                    return FilterApi.gt(column, toParquet.apply(leaf.literal()));
                case GREATER_OR_EQUAL:
                    return FilterApi.gtEq(column, toParquet.apply(leaf.literal()));
                default:
                    return equality(column, leaf, toParquet);
            }
        }

        private static <T extends Comparable<T>, C extends Operators.Column<T> & Operators.SupportsEqNotEq>
                FilterPredicate equality(C column, LeafPredicate leaf, Function<Object, T> toParquet) {
            List<T> values = new ArrayList<>(leaf.literals().size());
            for (Object literal : leaf.literals()) {
                values.add(toParquet.apply(literal));
            }
            switch (leaf.function()) {
                case EQUAL:
                    return FilterApi.eq(column, values.get(0));
                case NOT_EQUAL:
                    return FilterApi.notEq(column, values.get(0));
                case IN:
                    // A HashSet, not Set.of: Parquet's dictionary filter asks the set whether it contains null.
                    return values.size() == 1 ? FilterApi.eq(column, values.get(0)) : FilterApi.in(column, new HashSet<>(values));
                case NOT_IN:
                    return values.size() == 1 ? FilterApi.notEq(column, values.get(0)) : FilterApi.notIn(column, new HashSet<>(values));
                case IS_NULL:
                    return FilterApi.eq(column, null);
                case IS_NOT_NULL:
                    return FilterApi.notEq(column, null);
                default:
                    throw new AssertionError("Not an equality test: " + leaf);
            }
        }
    }
}
