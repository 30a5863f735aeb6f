package io.tstore.core.data;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

import static java.util.Objects.requireNonNull;

/**
 * A map of Java objects in their internal forms (see {@link GenericRow}), as parallel arrays of keys and values.
 *
 * <p>Entries keep the order they were given in. Equality is that of maps: the same keys with the same values,
 * in any order, comparing byte arrays by content. The binary form of a map does depend on the entry order.
 */
public final class GenericMap implements InternalMap {
    private final Object[] keys;
    private final Object[] values;

    /** A map of these entries, the i-th key to the i-th value; keeps the arrays (not copied). */
    public GenericMap(Object[] keys, Object[] values) {
        this.keys = requireNonNull(keys, "keys is null");
        this.values = requireNonNull(values, "values is null");
        if (keys.length != values.length) {
            throw new IllegalArgumentException(
                    "A map needs as many values as keys, but has " + keys.length + " keys and " + values.length + " values");
        }
    }

    /** A map of the entries of a Java map, in its iteration order. */
    public static GenericMap of(Map<?, ?> map) {
        requireNonNull(map, "map is null");
        Object[] keys = new Object[map.size()];
        Object[] values = new Object[map.size()];
        int i = 0;
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            keys[i] = entry.getKey();
            values[i] = entry.getValue();
            i++;
        }
        return new GenericMap(keys, values);
    }

    @Override
    public int size() {
        return keys.length;
    }

    @Override
    public InternalArray keyArray() {
        return new GenericArray(keys);
    }

    @Override
    public InternalArray valueArray() {
        return new GenericArray(values);
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof GenericMap other) || keys.length != other.keys.length) {
            return false;
        }
        if (Arrays.deepEquals(keys, other.keys)) {
            return Arrays.deepEquals(values, other.values);
        }
        Map<DeepKey, DeepKey> entries = new HashMap<>();
        for (int i = 0; i < other.keys.length; i++) {
            entries.put(new DeepKey(other.keys[i]), new DeepKey(other.values[i]));
        }
        for (int i = 0; i < keys.length; i++) {
            DeepKey key = new DeepKey(keys[i]);
            if (!entries.containsKey(key) || !entries.get(key).equals(new DeepKey(values[i]))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        // A sum over entries does not depend on their order, as map equality requires.
        int hash = 0;
        for (int i = 0; i < keys.length; i++) {
            hash += new DeepKey(keys[i]).hashCode() ^ new DeepKey(values[i]).hashCode();
        }
        return hash;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("{");
        for (int i = 0; i < keys.length; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(new DeepKey(keys[i])).append('=').append(new DeepKey(values[i]));
        }
        return sb.append('}').toString();
    }

    /** An object compared by content even when it is an array. */
    private record DeepKey(Object value) {
        @Override
        public boolean equals(Object o) {
            return o instanceof DeepKey other && Objects.deepEquals(value, other.value);
        }

        @Override
        public int hashCode() {
            return Arrays.deepHashCode(new Object[] {value});
        }

        @Override
        public String toString() {
            return value instanceof byte[] bytes ? Arrays.toString(bytes) : String.valueOf(value);
        }
    }
}
