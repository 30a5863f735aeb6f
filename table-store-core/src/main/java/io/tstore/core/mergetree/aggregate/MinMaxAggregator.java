package io.tstore.core.mergetree.aggregate;

import io.tstore.core.data.GenericRow;
import io.tstore.core.data.RowComparator;
import io.tstore.core.types.DataType;
import io.tstore.core.types.RowType;

/** Keeps the smallest or largest non-null value, in the order that keys use. Cannot retract: that needs every value. */
final class MinMaxAggregator extends FieldAggregator {
    /** Compares one-field rows, so that values order exactly as they do in keys. */
    private final RowComparator order;
    private final boolean max;
    private Object value;

    MinMaxAggregator(String fieldName, DataType type, AggregateFunction function) {
        super(fieldName, type, function);
        this.order = new RowComparator(RowType.builder().field(fieldName, type).build());
        this.max = function == AggregateFunction.MAX;
    }

    @Override
    public void reset() {
        value = null;
    }

    @Override
    public void add(Object input) {
        if (input == null) {
            return;
        }
        if (value == null) {
            value = input;
            return;
        }
        int c = order.compare(GenericRow.of(input), GenericRow.of(value));
        if (max ? c > 0 : c < 0) {
            value = input;
        }
    }

    @Override
    public Object result() {
        return value;
    }
}
