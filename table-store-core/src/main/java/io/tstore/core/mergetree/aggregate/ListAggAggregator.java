package io.tstore.core.mergetree.aggregate;

import io.tstore.core.data.BinaryString;
import io.tstore.core.types.DataType;

/**
 * Joins the non-null strings with ',' in version order. Cannot retract: the joined string does not say which
 * part came from which version.
 */
final class ListAggAggregator extends FieldAggregator {
    private static final byte DELIMITER = ',';

    private BinaryString value;

    ListAggAggregator(String fieldName, DataType type) {
        super(fieldName, type, AggregateFunction.LISTAGG);
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
        BinaryString s = (BinaryString) input;
        if (value == null) {
            value = s;
            return;
        }
        byte[] joined = new byte[value.numBytes() + 1 + s.numBytes()];
        value.copyTo(joined, 0);
        joined[value.numBytes()] = DELIMITER;
        s.copyTo(joined, value.numBytes() + 1);
        value = BinaryString.fromBytes(joined);
    }

    @Override
    public Object result() {
        return value;
    }
}
