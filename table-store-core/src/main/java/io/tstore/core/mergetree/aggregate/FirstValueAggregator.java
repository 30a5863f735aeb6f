package io.tstore.core.mergetree.aggregate;

import io.tstore.core.types.DataType;

/**
 * Keeps the value of the first version, null included. Cannot retract: after the first value is retracted, the
 * next one would have to take its place, but a merged row keeps only the first.
 */
final class FirstValueAggregator extends FieldAggregator {
    private boolean seen;
    private Object value;

    FirstValueAggregator(String fieldName, DataType type) {
        super(fieldName, type, AggregateFunction.FIRST_VALUE);
    }

    @Override
    public void reset() {
        seen = false;
        value = null;
    }

    @Override
    public void add(Object input) {
        if (!seen) {
            seen = true;
            value = input;
        }
    }

    @Override
    public Object result() {
        return value;
    }
}
