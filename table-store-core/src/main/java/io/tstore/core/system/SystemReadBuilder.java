package io.tstore.core.system;

import io.tstore.core.predicate.Predicate;
import io.tstore.core.table.ReadBuilder;
import io.tstore.core.types.RowType;

import static java.util.Objects.requireNonNull;

/**
 * What the read builders of system tables share: a filter and a projection applied to the rows after reading
 * ({@link Rows#filterAndProject}), and a limit.
 */
abstract class SystemReadBuilder implements ReadBuilder {
    private final String tableName;
    protected final RowType rowType;
    protected Predicate filter;
    protected int[] projection;
    private long limit = -1;

    SystemReadBuilder(String tableName, RowType rowType) {
        this.tableName = requireNonNull(tableName, "tableName is null");
        this.rowType = requireNonNull(rowType, "rowType is null");
    }

    @Override
    public RowType tableType() {
        return rowType;
    }

    @Override
    public ReadBuilder withFilter(Predicate filter) {
        this.filter = filter;
        return this;
    }

    @Override
    public ReadBuilder withProjection(int[] projection) {
        this.projection = ReadBuilder.checkProjection(tableName, rowType, projection);
        return this;
    }

    @Override
    public ReadBuilder withLimit(long limit) {
        this.limit = ReadBuilder.checkLimit(limit);
        return this;
    }

    @Override
    public long limit() {
        return limit;
    }

    @Override
    public String tableName() {
        return tableName;
    }

    @Override
    public RowType readType() {
        return projection == null ? rowType : rowType.project(projection);
    }
}
