package io.tstore.core.format.parquet;

import org.apache.parquet.filter2.compat.FilterCompat;
import org.apache.parquet.filter2.predicate.FilterPredicate;
import org.apache.parquet.filter2.predicate.Operators;
import org.apache.parquet.filter2.predicate.UserDefinedPredicate;
import org.apache.parquet.hadoop.metadata.ColumnPath;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The top-level columns a Parquet filter names. A reader has to request them: Parquet's page filter (column
 * indexes) takes a filter column that is not requested for a column of nulls, and would skip matching rows.
 */
final class ParquetFilterColumns implements FilterPredicate.Visitor<Void> {
    private final Set<String> columns = new LinkedHashSet<>();

    private ParquetFilterColumns() {}

    /** The names of the top-level columns that the filter reads, in the order it names them. */
    static Set<String> of(FilterCompat.Filter filter) {
        ParquetFilterColumns visitor = new ParquetFilterColumns();
        if (filter instanceof FilterCompat.FilterPredicateCompat predicate) {
            predicate.getFilterPredicate().accept(visitor);
        }
        return visitor.columns;
    }

    private Void add(Operators.Column<?> column) {
        ColumnPath path = column.getColumnPath();
        if (path.size() > 0) {
            columns.add(path.toArray()[0]);
        }
        return null;
    }

    @Override
    public <T extends Comparable<T>> Void visit(Operators.Eq<T> eq) {
        return add(eq.getColumn());
    }

    @Override
    public <T extends Comparable<T>> Void visit(Operators.NotEq<T> notEq) {
        return add(notEq.getColumn());
    }

    @Override
    public <T extends Comparable<T>> Void visit(Operators.Lt<T> lt) {
        return add(lt.getColumn());
    }

    @Override
    public <T extends Comparable<T>> Void visit(Operators.LtEq<T> ltEq) {
        return add(ltEq.getColumn());
    }

    @Override
    public <T extends Comparable<T>> Void visit(Operators.Gt<T> gt) {
        return add(gt.getColumn());
    }

    @Override
    public <T extends Comparable<T>> Void visit(Operators.GtEq<T> gtEq) {
        return add(gtEq.getColumn());
    }

    @Override
    public <T extends Comparable<T>> Void visit(Operators.In<T> in) {
        return add(in.getColumn());
    }

    @Override
    public <T extends Comparable<T>> Void visit(Operators.NotIn<T> notIn) {
        return add(notIn.getColumn());
    }

    @Override
    public <T extends Comparable<T>> Void visit(Operators.Contains<T> contains) {
        return add(contains.getColumn());
    }

    @Override
    public Void visit(Operators.And and) {
        and.getLeft().accept(this);
        return and.getRight().accept(this);
    }

    @Override
    public Void visit(Operators.Or or) {
        or.getLeft().accept(this);
        return or.getRight().accept(this);
    }

    @Override
    public Void visit(Operators.Not not) {
        return not.getPredicate().accept(this);
    }

    @Override
    public <T extends Comparable<T>, U extends UserDefinedPredicate<T>> Void visit(Operators.UserDefined<T, U> udp) {
        return add(udp.getColumn());
    }

    @Override
    public <T extends Comparable<T>, U extends UserDefinedPredicate<T>> Void visit(
            Operators.LogicalNotUserDefined<T, U> udp) {
        return add(udp.getUserDefined().getColumn());
    }
}
