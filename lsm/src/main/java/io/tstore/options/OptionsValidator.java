package io.tstore.options;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * Checks a set of options against the options a component knows: every key must be known (or an instance of a
 * known template) and every value must parse. Errors name the owner (a table, a catalog), the key and the value.
 */
public final class OptionsValidator {
    private final List<ConfigOption<?>> known;

    public OptionsValidator(Collection<ConfigOption<?>> known) {
        this.known = List.copyOf(requireNonNull(known, "known is null"));
    }

    public List<ConfigOption<?>> knownOptions() {
        return known;
    }

    /** Returns the option a key belongs to, or null when no known option matches it. */
    public ConfigOption<?> find(String key) {
        for (ConfigOption<?> option : known) {
            if (option.matches(key)) {
                return option;
            }
        }
        return null;
    }

    /**
     * @param owner what the options belong to, for the error message: "table db.t", "catalog tstore"
     * @throws IllegalArgumentException naming every unknown key, or the first bad value
     */
    public void validate(Map<String, String> options, String owner) {
        List<String> unknown = new ArrayList<>();
        for (Map.Entry<String, String> entry : options.entrySet()) {
            ConfigOption<?> option = find(entry.getKey());
            if (option == null) {
                unknown.add(entry.getKey());
                continue;
            }
            try {
                option.parse(entry.getValue());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(owner + ": " + e.getMessage(), e);
            }
        }
        if (!unknown.isEmpty()) {
            unknown.sort(null);
            throw new IllegalArgumentException(String.format(
                    "%s: unknown option%s %s. See docs/options.md for the options a table takes.",
                    owner, unknown.size() == 1 ? "" : "s", unknown.stream().map(k -> "'" + k + "'").toList()));
        }
    }

    /** Every public static ConfigOption constant of the given classes, in declaration order. */
    public static List<ConfigOption<?>> optionsOf(Class<?>... holders) {
        List<ConfigOption<?>> options = new ArrayList<>();
        for (Class<?> holder : holders) {
            for (java.lang.reflect.Field field : holder.getFields()) {
                if (java.lang.reflect.Modifier.isStatic(field.getModifiers()) && field.getType() == ConfigOption.class) {
                    try {
                        options.add((ConfigOption<?>) field.get(null));
                    } catch (IllegalAccessException e) {
                        throw new IllegalStateException(e);
                    }
                }
            }
        }
        return options;
    }
}
