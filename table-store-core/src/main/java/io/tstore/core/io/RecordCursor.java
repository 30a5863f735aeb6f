package io.tstore.core.io;

import io.tstore.core.data.BinaryRow;
import io.tstore.core.data.InternalRow;
import io.tstore.lsm.KeyValue;
import io.tstore.lsm.RecordReader;
import io.tstore.lsm.RowKind;
import io.tstore.lsm.buffer.NormalizedKey;

import java.io.IOException;

import static java.util.Objects.requireNonNull;

/** A {@link KeyValueCursor} over a reader of whole records: what is not cheap to read lazily is read at once. */
final class RecordCursor implements KeyValueCursor {
    private final RecordReader<KeyValue<BinaryRow, InternalRow>> records;
    private final NormalizedKey<BinaryRow> normalizedKey;
    private KeyValue<BinaryRow, InternalRow> current;
    private long prefix;

    RecordCursor(RecordReader<KeyValue<BinaryRow, InternalRow>> records, NormalizedKey<BinaryRow> normalizedKey) {
        this.records = requireNonNull(records, "records is null");
        this.normalizedKey = normalizedKey;
    }

    @Override
    public boolean next() throws IOException {
        current = records.read();
        if (current == null) {
            return false;
        }
        prefix = normalizedKey == null ? 0 : normalizedKey.prefix(current.key());
        return true;
    }

    private KeyValue<BinaryRow, InternalRow> current() {
        if (current == null) {
            throw new IllegalStateException("The cursor is not on a record");
        }
        return current;
    }

    @Override
    public long keyPrefix() {
        current();
        return prefix;
    }

    @Override
    public BinaryRow key() {
        return current().key();
    }

    @Override
    public long sequenceNumber() {
        return current().sequenceNumber();
    }

    @Override
    public RowKind kind() {
        return current().kind();
    }

    @Override
    public InternalRow value() {
        return current().value();
    }

    @Override
    public void close() throws IOException {
        records.close();
    }
}
