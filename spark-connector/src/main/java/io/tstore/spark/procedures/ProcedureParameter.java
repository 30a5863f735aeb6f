package io.tstore.spark.procedures;

import static java.util.Objects.requireNonNull;

/**
 * A parameter of a {@link Procedure}, or a column of its result: a name, a type and whether it must be given.
 * Engines hand arguments over as plain Java values: {@code String}, {@code Long} (any whole number),
 * {@code java.time.Instant} (a timestamp).
 */
public record ProcedureParameter(String name, Type type, boolean required) {

    /** The types of procedure arguments and results. */
    public enum Type {
        /** Text. */
        STRING,
        /** A whole number. */
        LONG,
        /** A point in time: a timestamp value, or text {@code yyyy-MM-dd HH:mm:ss[.fff]} in the local time zone. */
        TIMESTAMP,
        /** A snapshot id (a whole number) or a tag name (text). */
        SNAPSHOT_OR_TAG
    }

    public ProcedureParameter {
        requireNonNull(name, "name is null");
        requireNonNull(type, "type is null");
    }

    public static ProcedureParameter required(String name, Type type) {
        return new ProcedureParameter(name, type, true);
    }

    public static ProcedureParameter optional(String name, Type type) {
        return new ProcedureParameter(name, type, false);
    }

    @Override
    public String toString() {
        return name + " " + type.name().toLowerCase() + (required ? "" : " (optional)");
    }
}
