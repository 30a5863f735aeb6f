package io.tstore.lsm.io;

import io.tstore.lsm.KeyValue;
import io.tstore.lsm.RowKind;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

import static java.util.Objects.requireNonNull;

/**
 * Writes and reads records in the engine's binary form: key, sequence number, row kind, value. Used by the
 * write buffer's pages, spill files, local run files and lookup files.
 */
public final class KeyValueSerializer<K, V> {
    private final Serializer<K> keySerializer;
    private final Serializer<V> valueSerializer;

    public KeyValueSerializer(Serializer<K> keySerializer, Serializer<V> valueSerializer) {
        this.keySerializer = requireNonNull(keySerializer, "keySerializer is null");
        this.valueSerializer = requireNonNull(valueSerializer, "valueSerializer is null");
    }

    public Serializer<K> keySerializer() {
        return keySerializer;
    }

    public Serializer<V> valueSerializer() {
        return valueSerializer;
    }

    public void write(KeyValue<K, V> kv, DataOutput out) throws IOException {
        keySerializer.write(kv.key(), out);
        out.writeLong(kv.sequenceNumber());
        out.writeByte(kv.kind().toByteValue());
        boolean hasValue = kv.value() != null;
        out.writeBoolean(hasValue);
        if (hasValue) {
            valueSerializer.write(kv.value(), out);
        }
    }

    public KeyValue<K, V> read(DataInput in) throws IOException {
        K key = keySerializer.read(in);
        return readAfterKey(key, in);
    }

    /** Reads the rest of a record whose key was already read with {@link #readKey}. */
    public KeyValue<K, V> readAfterKey(K key, DataInput in) throws IOException {
        long sequenceNumber = in.readLong();
        RowKind kind = RowKind.fromByteValue(in.readByte());
        V value = in.readBoolean() ? valueSerializer.read(in) : null;
        return new KeyValue<>(key, sequenceNumber, kind, value);
    }

    /** Reads only the key at the start of a record. */
    public K readKey(DataInput in) throws IOException {
        return keySerializer.read(in);
    }
}
