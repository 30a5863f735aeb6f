package io.tstore.lsm;

import java.util.Objects;

import static java.util.Objects.requireNonNull;

/**
 * One record of an LSM tree: a key, the sequence number that orders its versions, its row kind and its value.
 * Keys and values are opaque to the engine; it compares keys with a comparator and serializes both with a
 * {@link io.tstore.lsm.io.KeyValueSerializer}.
 */
public final class KeyValue<K, V> {
    private final K key;
    private final long sequenceNumber;
    private final RowKind kind;
    private final V value;

    public KeyValue(K key, long sequenceNumber, RowKind kind, V value) {
        this.key = requireNonNull(key, "key is null");
        this.sequenceNumber = sequenceNumber;
        this.kind = requireNonNull(kind, "kind is null");
        this.value = value;
    }

    public K key() {
        return key;
    }

    public long sequenceNumber() {
        return sequenceNumber;
    }

    public RowKind kind() {
        return kind;
    }

    public V value() {
        return value;
    }

    public KeyValue<K, V> withKind(RowKind newKind) {
        return new KeyValue<>(key, sequenceNumber, newKind, value);
    }

    public KeyValue<K, V> withValue(RowKind newKind, V newValue) {
        return new KeyValue<>(key, sequenceNumber, newKind, newValue);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KeyValue<?, ?> other
                && sequenceNumber == other.sequenceNumber
                && kind == other.kind
                && key.equals(other.key)
                && Objects.equals(value, other.value);
    }

    @Override
    public int hashCode() {
        return Objects.hash(key, sequenceNumber, kind, value);
    }

    @Override
    public String toString() {
        return kind.shortString() + "[" + key + ", seq=" + sequenceNumber + ", " + value + "]";
    }
}
