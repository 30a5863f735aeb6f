package io.tstore.core.mergetree;

import io.tstore.core.data.BinaryRow;
import io.tstore.core.data.GenericRow;
import io.tstore.core.data.InternalRow;
import io.tstore.core.data.InternalRows;
import io.tstore.core.mergetree.aggregate.AggregateFunction;
import io.tstore.core.mergetree.aggregate.FieldAggregator;
import io.tstore.core.types.RowType;
import io.tstore.lsm.KeyValue;
import io.tstore.lsm.RowKind;
import io.tstore.lsm.merge.MergeFunction;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import static java.util.Objects.requireNonNull;

/**
 * The aggregation merge engine: each field is folded across the versions of a key by its {@link FieldAggregator};
 * +I and +U versions are added, -U and -D versions retracted. The result is always an insert (+I) with the key and
 * the sequence number of the last version: a retraction is folded into the values, never kept as a delete, so a
 * key whose versions were all retracted stays, with its values folded back (a sum of 0, a count of 0, a cleared
 * last value). Because the result is an insert of the folded values, merging it again with later versions gives
 * the same as merging all versions at once; a delete result could not say what it had retracted.
 *
 * <p>A retraction fails as a whole, before any field changes, when a field's function cannot retract, naming the
 * fields and functions; with {@code ignore-delete} the factory skips retractions before they get here.
 */
public final class AggregateMergeFunction implements MergeFunction<BinaryRow, InternalRow> {
    private final RowType rowType;
    private final InternalRow.FieldGetter[] getters;
    private final FieldAggregator[] aggregators;
    private final List<FieldAggregator> cannotRetract = new ArrayList<>();
    private KeyValue<BinaryRow, InternalRow> latest;

    /** One aggregator per field of the row type, in order; the merge function owns them from now on. */
    public AggregateMergeFunction(RowType rowType, List<FieldAggregator> aggregators) {
        this.rowType = requireNonNull(rowType, "rowType is null");
        requireNonNull(aggregators, "aggregators is null");
        if (aggregators.size() != rowType.fieldCount()) {
            throw new IllegalArgumentException("Expected one aggregator per field of " + rowType.fieldNames()
                    + ", but got " + aggregators.size());
        }
        this.getters = MergeFunctions.fieldGetters(rowType);
        this.aggregators = aggregators.toArray(new FieldAggregator[0]);
        for (FieldAggregator aggregator : this.aggregators) {
            if (!aggregator.canRetract()) {
                cannotRetract.add(aggregator);
            }
        }
    }

    @Override
    public void reset() {
        for (FieldAggregator aggregator : aggregators) {
            aggregator.reset();
        }
        latest = null;
    }

    @Override
    public void add(KeyValue<BinaryRow, InternalRow> kv) {
        requireNonNull(kv, "kv is null");
        InternalRow value = kv.value();
        boolean retract = kv.kind().isRetract();
        if (retract && !cannotRetract.isEmpty()) {
            throw cannotRetract(kv);
        }
        for (int i = 0; i < aggregators.length; i++) {
            Object field = getters[i].getFieldOrNull(value);
            if (retract) {
                aggregators[i].retract(field);
            } else {
                aggregators[i].add(field);
            }
        }
        latest = kv;
    }

    @Override
    public KeyValue<BinaryRow, InternalRow> getResult() {
        if (latest == null) {
            return null;
        }
        Object[] fields = new Object[aggregators.length];
        for (int i = 0; i < fields.length; i++) {
            fields[i] = aggregators[i].result();
        }
        return new KeyValue<>(latest.key(), latest.sequenceNumber(), RowKind.INSERT,
                GenericRow.ofKind(RowKind.INSERT, fields));
    }

    private UnsupportedOperationException cannotRetract(KeyValue<BinaryRow, InternalRow> kv) {
        String fields = cannotRetract.stream()
                .map(a -> "'" + a.fieldName() + "' (" + a.function() + ")")
                .collect(Collectors.joining(", "));
        return new UnsupportedOperationException(String.format(
                "Merge engine 'aggregation' cannot apply %s row %s: the aggregate functions of fields %s cannot retract. "
                        + "Set 'ignore-delete' = 'true' to skip -U/-D rows, or give these fields a function that can "
                        + "retract (%s)",
                kv.kind().shortString(), InternalRows.toString(kv.value(), rowType), fields,
                AggregateFunction.retractableNames()));
    }
}
