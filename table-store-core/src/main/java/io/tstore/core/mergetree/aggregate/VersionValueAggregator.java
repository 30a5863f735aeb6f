package io.tstore.core.mergetree.aggregate;

import io.tstore.core.types.DataType;

/**
 * Takes the value of each version, added or retracted alike: for primary key fields, which every version of a
 * key shares, and for the sequence field, whose versions arrive in sequence order so that the last one is the
 * largest. Not an aggregate function a user can choose.
 */
public final class VersionValueAggregator extends FieldAggregator {
    private Object value;

    public VersionValueAggregator(String fieldName, DataType type) {
        super(fieldName, type, null);
    }

    @Override
    public void reset() {
        value = null;
    }

    @Override
    public void add(Object input) {
        value = input;
    }

    @Override
    public void retract(Object input) {
        value = input;
    }

    @Override
    public boolean canRetract() {
        return true;
    }

    @Override
    public Object result() {
        return value;
    }
}
