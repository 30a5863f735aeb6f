package io.tstore.trino;

import io.trino.spi.predicate.Domain;
import io.trino.spi.predicate.Range;
import io.trino.spi.predicate.TupleDomain;
import io.tstore.core.predicate.Predicate;
import io.tstore.core.predicate.PredicateBuilder;
import io.tstore.core.types.RowType;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Trino's {@link TupleDomain}s as the core's predicates, for the columns whose values the core compares alike. */
final class TStorePredicates {
    private TStorePredicates() {}

    /** The predicate of a domain over columns of {@code rowType}; empty when it holds for every row. */
    static Optional<Predicate> toPredicate(RowType rowType, TupleDomain<TStoreColumnHandle> domain) {
        PredicateBuilder builder = new PredicateBuilder(rowType);
        if (domain.isNone()) {
            // No row can match: a contradiction on the first column.
            int first = 0;
            return Optional.of(PredicateBuilder.and(builder.isNull(first), builder.isNotNull(first)));
        }
        List<Predicate> conjuncts = new ArrayList<>();
        for (Map.Entry<TStoreColumnHandle, Domain> entry : domain.getDomains().orElseThrow().entrySet()) {
            TStoreColumnHandle column = entry.getKey();
            int field = rowType.fieldIndex(column.getName());
            conjuncts.add(toPredicate(builder, field, column, entry.getValue()));
        }
        return conjuncts.isEmpty() ? Optional.empty() : Optional.of(PredicateBuilder.and(conjuncts));
    }

    private static Predicate toPredicate(PredicateBuilder builder, int field, TStoreColumnHandle column, Domain domain) {
        if (domain.isOnlyNull()) {
            return builder.isNull(field);
        }
        if (domain.getValues().isAll()) {
            return builder.isNotNull(field);
        }
        List<Predicate> disjuncts = new ArrayList<>();
        List<Object> points = new ArrayList<>();
        for (Range range : domain.getValues().getRanges().getOrderedRanges()) {
            if (range.isSingleValue()) {
                points.add(value(column, range.getSingleValue()));
                continue;
            }
            List<Predicate> bounds = new ArrayList<>();
            if (!range.isLowUnbounded()) {
                Object low = value(column, range.getLowBoundedValue());
                bounds.add(range.isLowInclusive() ? builder.greaterOrEqual(field, low) : builder.greaterThan(field, low));
            }
            if (!range.isHighUnbounded()) {
                Object high = value(column, range.getHighBoundedValue());
                bounds.add(range.isHighInclusive() ? builder.lessOrEqual(field, high) : builder.lessThan(field, high));
            }
            disjuncts.add(bounds.isEmpty() ? builder.isNotNull(field) : PredicateBuilder.and(bounds));
        }
        if (points.size() == 1) {
            disjuncts.add(builder.equal(field, points.get(0)));
        } else if (!points.isEmpty()) {
            disjuncts.add(builder.in(field, points));
        }
        if (domain.isNullAllowed()) {
            disjuncts.add(builder.isNull(field));
        }
        return disjuncts.size() == 1 ? disjuncts.get(0) : PredicateBuilder.or(disjuncts);
    }

    private static Object value(TStoreColumnHandle column, Object trinoValue) {
        return TypeMapping.toCoreValue(column.coreType(), column.trinoType(), trinoValue);
    }
}
