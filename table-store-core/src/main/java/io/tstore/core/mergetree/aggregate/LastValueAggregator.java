package io.tstore.core.mergetree.aggregate;

import io.tstore.core.types.DataType;

/**
 * Keeps the value of the last version (last_value, null included) or the last non-null value
 * (last_non_null_value).
 *
 * <p>Retractions are chosen so that every version decides the value without looking at the value before it, or
 * leaves it alone; only then does a merged run, added as one version, act like the versions it merged. last_value:
 * a retraction clears the value to null, whatever value it retracts (so a -U that arrives after its +U clears the
 * new value; changelogs send -U first). last_non_null_value: a retraction changes nothing, as a null does: the
 * field keeps the last non-null value added. Clearing it instead would not survive compaction: a run whose
 * retraction cleared the field merges to a null, and a null added later is skipped.
 */
final class LastValueAggregator extends FieldAggregator {
    private final boolean skipNulls;
    private Object value;

    LastValueAggregator(String fieldName, DataType type, boolean skipNulls) {
        super(fieldName, type, skipNulls ? AggregateFunction.LAST_NON_NULL_VALUE : AggregateFunction.LAST_VALUE);
        this.skipNulls = skipNulls;
    }

    @Override
    public void reset() {
        value = null;
    }

    @Override
    public void add(Object input) {
        if (input != null || !skipNulls) {
            value = input;
        }
    }

    @Override
    public void retract(Object input) {
        if (!skipNulls) {
            value = null;
        }
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
