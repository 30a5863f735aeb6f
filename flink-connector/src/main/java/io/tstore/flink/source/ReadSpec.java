package io.tstore.flink.source;

import io.tstore.core.predicate.Predicate;
import io.tstore.core.table.ReadBuilder;
import io.tstore.core.table.Table;

import java.io.Serializable;

/**
 * What a source reads of its table: the columns (a projection, or null for all), the rows (a filter, or null) and
 * how many (a limit, or -1). Serializable, so that the planner's pushdowns reach the coordinator and the readers.
 *
 * @param projection positions of the table's columns to read, in output order; null reads all columns
 * @param filter rows to keep; null keeps all
 * @param limit at most this many rows per reader, or -1 (the planner still applies the query's limit)
 */
public record ReadSpec(int[] projection, Predicate filter, long limit) implements Serializable {
    private static final long serialVersionUID = 1L;

    public static final ReadSpec ALL = new ReadSpec(null, null, -1);

    public ReadSpec {
        projection = projection == null ? null : projection.clone();
        if (limit < -1) {
            throw new IllegalArgumentException("limit must be -1 (none) or non-negative: " + limit);
        }
    }

    public ReadSpec withProjection(int[] newProjection) {
        return new ReadSpec(newProjection, filter, limit);
    }

    public ReadSpec withFilter(Predicate newFilter) {
        return new ReadSpec(projection, newFilter, limit);
    }

    public ReadSpec withLimit(long newLimit) {
        return new ReadSpec(projection, filter, newLimit);
    }

    /** A read builder of the table with this spec applied (the limit is left to the source's readers). */
    public ReadBuilder apply(Table table) {
        ReadBuilder builder = table.newReadBuilder();
        if (projection != null) {
            builder.withProjection(projection);
        }
        if (filter != null) {
            builder.withFilter(filter);
        }
        return builder;
    }
}
