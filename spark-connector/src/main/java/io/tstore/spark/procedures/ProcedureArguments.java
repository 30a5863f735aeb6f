package io.tstore.spark.procedures;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The arguments of one call of a {@link Procedure}, bound to its parameters by position and by name, each checked
 * against its parameter's type: errors name the procedure, the parameter and the value.
 */
public final class ProcedureArguments {
    private final String procedure;
    private final Map<String, Object> values;

    private ProcedureArguments(String procedure, Map<String, Object> values) {
        this.procedure = procedure;
        this.values = values;
    }

    /**
     * Binds positional arguments (first) and named ones to the procedure's parameters.
     *
     * @param positional values in parameter order
     * @param named values by parameter name (case-insensitive)
     */
    public static ProcedureArguments bind(Procedure procedure, List<Object> positional, Map<String, Object> named) {
        String name = procedure.fullName();
        List<ProcedureParameter> parameters = procedure.parameters();
        if (positional.size() > parameters.size()) {
            throw new IllegalArgumentException("Procedure " + name + " takes at most " + parameters.size()
                    + " arguments " + parameters + ", got " + positional.size());
        }
        Map<String, Object> values = new HashMap<>();
        for (int i = 0; i < positional.size(); i++) {
            ProcedureParameter parameter = parameters.get(i);
            values.put(parameter.name(), check(name, parameter, positional.get(i)));
        }
        Map<String, ProcedureParameter> byName = new LinkedHashMap<>();
        for (ProcedureParameter parameter : parameters) {
            byName.put(parameter.name().toLowerCase(Locale.ROOT), parameter);
        }
        for (Map.Entry<String, Object> argument : named.entrySet()) {
            ProcedureParameter parameter = byName.get(argument.getKey().toLowerCase(Locale.ROOT));
            if (parameter == null) {
                throw new IllegalArgumentException("Procedure " + name + " has no parameter '" + argument.getKey()
                        + "'; its parameters are " + parameters);
            }
            if (values.containsKey(parameter.name())) {
                throw new IllegalArgumentException("Procedure " + name + ": parameter '" + parameter.name()
                        + "' is given twice");
            }
            values.put(parameter.name(), check(name, parameter, argument.getValue()));
        }
        for (ProcedureParameter parameter : parameters) {
            if (parameter.required() && values.get(parameter.name()) == null) {
                throw new IllegalArgumentException("Procedure " + name + " needs parameter '" + parameter.name()
                        + "'; its parameters are " + parameters);
            }
        }
        return new ProcedureArguments(name, values);
    }

    private static Object check(String procedure, ProcedureParameter parameter, Object value) {
        if (value == null) {
            return null;
        }
        switch (parameter.type()) {
            case STRING -> {
                if (value instanceof String) {
                    return value;
                }
            }
            case LONG -> {
                if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
                    return ((Number) value).longValue();
                }
            }
            case TIMESTAMP -> {
                if (value instanceof Instant) {
                    return value;
                }
                if (value instanceof String text) {
                    try {
                        return LocalDateTime.parse(text.trim().replace(' ', 'T')).atZone(ZoneId.systemDefault()).toInstant();
                    } catch (DateTimeParseException e) {
                        throw new IllegalArgumentException("Procedure " + procedure + ": parameter '" + parameter.name()
                                + "' must be a timestamp ('yyyy-MM-dd HH:mm:ss'), got '" + text + "'", e);
                    }
                }
            }
            case SNAPSHOT_OR_TAG -> {
                if (value instanceof String) {
                    return value;
                }
                if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
                    return ((Number) value).longValue();
                }
            }
        }
        throw new IllegalArgumentException("Procedure " + procedure + ": parameter '" + parameter.name() + "' must be "
                + "of type " + parameter.type().name().toLowerCase(Locale.ROOT) + ", got " + value + " ("
                + value.getClass().getSimpleName() + ")");
    }

    /** The procedure's full name, for errors. */
    public String procedure() {
        return procedure;
    }

    public String string(String name) {
        return (String) values.get(name);
    }

    public Optional<String> optionalString(String name) {
        return Optional.ofNullable((String) values.get(name));
    }

    public Optional<Long> optionalLong(String name) {
        return Optional.ofNullable((Long) values.get(name));
    }

    public Optional<Instant> optionalTimestamp(String name) {
        return Optional.ofNullable((Instant) values.get(name));
    }

    /** A {@link ProcedureParameter.Type#SNAPSHOT_OR_TAG} value: a {@code Long} or a {@code String}. */
    public Object snapshotOrTag(String name) {
        return values.get(name);
    }
}
