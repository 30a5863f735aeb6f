package io.tstore.core.mergetree.aggregate;

import io.tstore.core.types.DataType;

/** bool_and and bool_or of the non-null values. Cannot retract: that needs the number of true and false values. */
final class BoolAggregator extends FieldAggregator {
    private final boolean and;
    private Boolean value;

    BoolAggregator(String fieldName, DataType type, AggregateFunction function) {
        super(fieldName, type, function);
        this.and = function == AggregateFunction.BOOL_AND;
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
        boolean b = (Boolean) input;
        value = value == null ? b : (and ? value && b : value || b);
    }

    @Override
    public Object result() {
        return value;
    }
}
