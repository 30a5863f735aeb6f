package io.tstore.core.format.orc;

import io.tstore.core.data.BinaryString;
import io.tstore.core.data.Decimal;
import io.tstore.core.data.InternalArray;
import io.tstore.core.data.InternalMap;
import io.tstore.core.data.InternalRow;
import io.tstore.core.data.SliceableRow;
import io.tstore.core.data.Timestamp;
import io.tstore.lsm.RowKind;
import org.apache.hadoop.hive.ql.exec.vector.ColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.DoubleColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.LongColumnVector;

import java.util.Arrays;

import static java.util.Objects.requireNonNull;

/**
 * One row of an ORC batch, read field by field when asked: numbers straight from their vectors, other values
 * converted by {@link OrcVectorReaders} on first access and kept. The batch belongs to the rows made from it:
 * {@link OrcRowReader} reads every batch into new vectors, so the row never changes and may be kept.
 *
 * <p>Decoding on access is what makes a merge of sorted runs cheap: it reads the key, sequence number and kind of
 * every record, but the value of only the record that wins, and the rest of the fields of the others are never
 * converted.
 */
final class OrcRowView implements SliceableRow {
    private static final Object NOT_READ = new Object();

    /** The vector of each field of the (unsliced) row, indexed by field. */
    private final ColumnVector[] vectors;
    private final OrcVectorReaders.VectorReader[] readers;
    private final int slot;
    private final int offset;
    private final int arity;
    private Object[] values;
    private RowKind kind = RowKind.INSERT;

    OrcRowView(ColumnVector[] vectors, OrcVectorReaders.VectorReader[] readers, int slot, int offset, int arity) {
        this.vectors = vectors;
        this.readers = readers;
        this.slot = slot;
        this.offset = offset;
        this.arity = arity;
    }

    @Override
    public OrcRowView slice(int from, int to) {
        if (from < 0 || to > arity || from > to) {
            throw new IndexOutOfBoundsException("Fields [" + from + ", " + to + ") of a row of " + arity);
        }
        return new OrcRowView(vectors, readers, slot, offset + from, to - from);
    }

    @Override
    public int getFieldCount() {
        return arity;
    }

    @Override
    public RowKind getRowKind() {
        return kind;
    }

    @Override
    public void setRowKind(RowKind kind) {
        this.kind = requireNonNull(kind, "kind is null");
    }

    private ColumnVector vector(int pos) {
        if (pos < 0 || pos >= arity) {
            throw new IndexOutOfBoundsException("Field " + pos + " of a row with " + arity + " fields");
        }
        return vectors[offset + pos];
    }

    private int index(ColumnVector vector) {
        return vector.isRepeating ? 0 : slot;
    }

    @Override
    public boolean isNullAt(int pos) {
        ColumnVector vector = vector(pos);
        return !vector.noNulls && vector.isNull[index(vector)];
    }

    private long longValue(int pos) {
        LongColumnVector vector = (LongColumnVector) vector(pos);
        return vector.vector[index(vector)];
    }

    private double doubleValue(int pos) {
        DoubleColumnVector vector = (DoubleColumnVector) vector(pos);
        return vector.vector[index(vector)];
    }

    /** The value in its internal form, converted on first access. */
    private Object value(int pos) {
        vector(pos);
        if (values == null) {
            values = new Object[arity];
            Arrays.fill(values, NOT_READ);
        }
        Object value = values[pos];
        if (value == NOT_READ) {
            value = readers[offset + pos].read(vectors[offset + pos], slot);
            values[pos] = value;
        }
        return value;
    }

    @Override
    public boolean getBoolean(int pos) {
        return longValue(pos) != 0;
    }

    @Override
    public byte getByte(int pos) {
        return (byte) longValue(pos);
    }

    @Override
    public short getShort(int pos) {
        return (short) longValue(pos);
    }

    @Override
    public int getInt(int pos) {
        return (int) longValue(pos);
    }

    @Override
    public long getLong(int pos) {
        return longValue(pos);
    }

    @Override
    public float getFloat(int pos) {
        return (float) doubleValue(pos);
    }

    @Override
    public double getDouble(int pos) {
        return doubleValue(pos);
    }

    @Override
    public BinaryString getString(int pos) {
        return (BinaryString) value(pos);
    }

    @Override
    public Decimal getDecimal(int pos, int precision, int scale) {
        return (Decimal) value(pos);
    }

    @Override
    public Timestamp getTimestamp(int pos, int precision) {
        return (Timestamp) value(pos);
    }

    @Override
    public byte[] getBinary(int pos) {
        return (byte[]) value(pos);
    }

    @Override
    public InternalArray getArray(int pos) {
        return (InternalArray) value(pos);
    }

    @Override
    public InternalMap getMap(int pos) {
        return (InternalMap) value(pos);
    }

    @Override
    public InternalRow getRow(int pos, int numFields) {
        return (InternalRow) value(pos);
    }

    /** The kind and the fields, as {@link io.tstore.core.data.GenericRow#toString()} shows them. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(kind.shortString()).append('(');
        for (int i = 0; i < arity; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            Object field = readers[offset + i].read(vectors[offset + i], slot);
            sb.append(field instanceof byte[] bytes ? Arrays.toString(bytes) : String.valueOf(field));
        }
        return sb.append(')').toString();
    }
}
