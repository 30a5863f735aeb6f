package io.tstore.options;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import static java.util.Objects.requireNonNull;

/**
 * Option values by key, read through typed {@link ConfigOption}s. Immutable: {@link #with} returns a copy.
 */
public final class Options {
    private final Map<String, String> values;

    public Options(Map<String, String> values) {
        requireNonNull(values, "values is null");
        this.values = Collections.unmodifiableMap(new TreeMap<>(values));
    }

    public static Options empty() {
        return new Options(Map.of());
    }

    public static Options of(String... keyValues) {
        if (keyValues.length % 2 != 0) {
            throw new IllegalArgumentException("expected key/value pairs");
        }
        Map<String, String> map = new HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put(keyValues[i], keyValues[i + 1]);
        }
        return new Options(map);
    }

    /** The value of an option, or its default (null when it has none). */
    public <T> T get(ConfigOption<T> option) {
        String value = values.get(option.key());
        return value == null ? option.defaultValue() : option.parse(value);
    }

    public <T> Optional<T> getOptional(ConfigOption<T> option) {
        return Optional.ofNullable(get(option));
    }

    public boolean contains(ConfigOption<?> option) {
        return values.containsKey(option.key());
    }

    public <T> Options with(ConfigOption<T> option, T value) {
        return with(option.key(), option.format(value));
    }

    public Options with(String key, String value) {
        Map<String, String> copy = new HashMap<>(values);
        copy.put(key, value);
        return new Options(copy);
    }

    public Map<String, String> toMap() {
        return values;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Options other && values.equals(other.values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
