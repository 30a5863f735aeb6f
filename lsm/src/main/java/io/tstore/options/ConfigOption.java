package io.tstore.options;

import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;

import static java.util.Objects.requireNonNull;

/**
 * A typed option: a key, a type, a default value (possibly none) and a description.
 *
 * <p>Options are declared as constants in classes grouped by concern and read from {@link Options}.
 * The reference page of options is generated from these declarations.
 */
public final class ConfigOption<T> {
    private final String key;
    private final Class<T> type;
    private final T defaultValue;
    private final String description;
    private final Function<String, T> parser;

    private ConfigOption(String key, Class<T> type, T defaultValue, String description, Function<String, T> parser) {
        this.key = requireNonNull(key, "key is null");
        this.type = requireNonNull(type, "type is null");
        this.defaultValue = defaultValue;
        this.description = requireNonNull(description, "description is null");
        this.parser = requireNonNull(parser, "parser is null");
    }

    public static Builder key(String key) {
        return new Builder(key);
    }

    public String key() {
        return key;
    }

    public Class<T> type() {
        return type;
    }

    /** The default value, or null when the option has none. */
    public T defaultValue() {
        return defaultValue;
    }

    public boolean hasDefaultValue() {
        return defaultValue != null;
    }

    public String description() {
        return description;
    }

    /**
     * Whether the key is a template with a placeholder such as {@code fields.<field>.aggregate-function}; read it
     * through {@link #resolve(String)}.
     */
    public boolean isTemplate() {
        return key.indexOf('<') >= 0;
    }

    /** The option for one value of the template's placeholder, e.g. the field name. */
    public ConfigOption<T> resolve(String placeholderValue) {
        requireNonNull(placeholderValue, "placeholderValue is null");
        if (!isTemplate()) {
            throw new IllegalStateException("Option '" + key + "' is not a template");
        }
        String resolved = key.replaceFirst("<[^>]+>", java.util.regex.Matcher.quoteReplacement(placeholderValue));
        return new ConfigOption<>(resolved, type, defaultValue, description, parser);
    }

    /** Whether a concrete key is this option's key, or an instance of this template. */
    public boolean matches(String candidate) {
        if (!isTemplate()) {
            return key.equals(candidate);
        }
        int open = key.indexOf('<');
        int close = key.indexOf('>', open);
        String prefix = key.substring(0, open);
        String suffix = key.substring(close + 1);
        return candidate.length() > prefix.length() + suffix.length()
                && candidate.startsWith(prefix)
                && candidate.endsWith(suffix);
    }

    /** The placeholder's value in a key this template {@link #matches}. */
    public String placeholderValue(String candidate) {
        int open = key.indexOf('<');
        int close = key.indexOf('>', open);
        return candidate.substring(open, candidate.length() - (key.length() - close - 1));
    }

    /** Parses a string value of this option; errors name the option and the value. */
    public T parse(String value) {
        requireNonNull(value, "value is null");
        try {
            return parser.apply(value.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    String.format("Invalid value '%s' for option '%s' (%s): %s", value, key, typeName(), e.getMessage()), e);
        }
    }

    /** Formats a value the way {@link #parse} reads it back. */
    public String format(T value) {
        if (value instanceof Duration d) {
            return Durations.format(d);
        }
        if (value instanceof Enum<?> e) {
            return e.toString();
        }
        return String.valueOf(value);
    }

    /** A short name of the option's type for documentation and errors. */
    public String typeName() {
        if (type.isEnum()) {
            StringBuilder values = new StringBuilder();
            for (T constant : type.getEnumConstants()) {
                values.append(values.isEmpty() ? "" : ", ").append(constant);
            }
            return "Enum (" + values + ")";
        }
        return type.getSimpleName();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ConfigOption<?> other && key.equals(other.key) && type.equals(other.type);
    }

    @Override
    public int hashCode() {
        return Objects.hash(key, type);
    }

    @Override
    public String toString() {
        return key;
    }

    /** Picks the type of an option. */
    public static final class Builder {
        private final String key;

        private Builder(String key) {
            this.key = requireNonNull(key, "key is null");
        }

        public TypedBuilder<Boolean> booleanType() {
            return new TypedBuilder<>(key, Boolean.class, Builder::parseBoolean);
        }

        public TypedBuilder<Integer> intType() {
            return new TypedBuilder<>(key, Integer.class, Integer::parseInt);
        }

        public TypedBuilder<Long> longType() {
            return new TypedBuilder<>(key, Long.class, Long::parseLong);
        }

        public TypedBuilder<Double> doubleType() {
            return new TypedBuilder<>(key, Double.class, Double::parseDouble);
        }

        public TypedBuilder<String> stringType() {
            return new TypedBuilder<>(key, String.class, s -> s);
        }

        public TypedBuilder<MemorySize> memoryType() {
            return new TypedBuilder<>(key, MemorySize.class, MemorySize::parse);
        }

        public TypedBuilder<Duration> durationType() {
            return new TypedBuilder<>(key, Duration.class, Durations::parse);
        }

        public <E extends Enum<E>> TypedBuilder<E> enumType(Class<E> enumClass) {
            return new TypedBuilder<>(key, enumClass, s -> parseEnum(enumClass, s));
        }

        private static Boolean parseBoolean(String s) {
            if (s.equalsIgnoreCase("true")) {
                return true;
            }
            if (s.equalsIgnoreCase("false")) {
                return false;
            }
            throw new IllegalArgumentException("expected true or false");
        }

        private static <E extends Enum<E>> E parseEnum(Class<E> enumClass, String s) {
            for (E constant : enumClass.getEnumConstants()) {
                if (constant.toString().equalsIgnoreCase(s) || constant.name().equalsIgnoreCase(s)) {
                    return constant;
                }
            }
            throw new IllegalArgumentException("expected one of " + Arrays.toString(enumClass.getEnumConstants()).toLowerCase(Locale.ROOT));
        }
    }

    /** Sets the default value and description of an option of a known type. */
    public static final class TypedBuilder<T> {
        private final String key;
        private final Class<T> type;
        private final Function<String, T> parser;
        private T defaultValue;

        private TypedBuilder(String key, Class<T> type, Function<String, T> parser) {
            this.key = key;
            this.type = type;
            this.parser = parser;
        }

        public TypedBuilder<T> defaultValue(T value) {
            this.defaultValue = requireNonNull(value, "value is null");
            return this;
        }

        public TypedBuilder<T> noDefaultValue() {
            this.defaultValue = null;
            return this;
        }

        public ConfigOption<T> description(String description) {
            return new ConfigOption<>(key, type, defaultValue, description, parser);
        }
    }
}
