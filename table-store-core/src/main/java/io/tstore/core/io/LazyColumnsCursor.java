package io.tstore.core.io;

import io.tstore.core.data.BinaryRow;
import io.tstore.core.data.InternalRow;
import io.tstore.core.data.RowProjection;
import io.tstore.core.format.LazyColumnsReader;
import io.tstore.core.types.DataTypeRoot;
import io.tstore.core.types.RowType;
import io.tstore.lsm.RowKind;
import io.tstore.lsm.buffer.NormalizedKey;

import java.io.IOException;
import java.util.EnumSet;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * A {@link KeyValueCursor} over a data file read with its key, sequence number and row kind columns eager and its
 * value columns lazy: the value of a record is decoded only when asked for. The key's prefix comes straight from
 * the column when the first key field is integral; otherwise from the key row.
 */
final class LazyColumnsCursor implements KeyValueCursor {
    /** The types whose prefix (NormalizedKeys) is the field's value, which ORC-like readers give as a long. */
    private static final Set<DataTypeRoot> INTEGRAL_PREFIX = EnumSet.of(
            DataTypeRoot.TINYINT, DataTypeRoot.SMALLINT, DataTypeRoot.INT, DataTypeRoot.BIGINT,
            DataTypeRoot.DATE, DataTypeRoot.TIME);

    private final LazyColumnsReader reader;
    private final NormalizedKey<BinaryRow> normalizedKey;
    private final boolean integralPrefix;
    private final int keyArity;
    private final RowProjection keyProjection;
    private BinaryRow key;

    LazyColumnsCursor(LazyColumnsReader reader, KeyValueFileSchema schema, NormalizedKey<BinaryRow> normalizedKey) {
        this.reader = requireNonNull(reader, "reader is null");
        this.normalizedKey = normalizedKey;
        this.keyArity = schema.keyArity();
        RowType keyType = schema.keyType();
        this.integralPrefix = normalizedKey != null && INTEGRAL_PREFIX.contains(keyType.typeAt(0).root());
        int[] eager = new int[schema.valueOffset()];
        int[] keyPositions = new int[keyArity];
        for (int i = 0; i < eager.length; i++) {
            eager[i] = i;
        }
        for (int i = 0; i < keyArity; i++) {
            keyPositions[i] = i;
        }
        this.keyProjection = new RowProjection(schema.fileType().project(eager), keyPositions);
    }

    @Override
    public boolean next() throws IOException {
        key = null;
        return reader.next();
    }

    @Override
    public long keyPrefix() {
        if (integralPrefix) {
            // As NormalizedKeys: nulls first, then the value.
            return reader.isNullAt(0) ? Long.MIN_VALUE : reader.getLong(0);
        }
        return normalizedKey == null ? 0 : normalizedKey.prefix(key());
    }

    @Override
    public BinaryRow key() {
        if (key == null) {
            key = keyProjection.apply(reader.eagerRow());
        }
        return key;
    }

    @Override
    public long sequenceNumber() {
        return reader.getLong(keyArity);
    }

    @Override
    public RowKind kind() {
        return RowKind.fromByteValue((byte) reader.getLong(keyArity + 1));
    }

    @Override
    public InternalRow value() throws IOException {
        InternalRow value = reader.lazyRow();
        value.setRowKind(kind());
        return value;
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }

    @Override
    public String toString() {
        return "LazyColumnsCursor(" + reader + ")";
    }
}
