package io.tstore.core.types;

import java.util.Objects;

import static java.util.Objects.requireNonNull;

/**
 * A field of a {@link RowType}: a stable id, a name, a type and an optional description.
 *
 * <p>The id identifies the field across schema changes: data files match columns by id, never by name, so a
 * renamed field keeps its id and a dropped-then-re-added field gets a new one.
 */
public final class DataField {
    private final int id;
    private final String name;
    private final DataType type;
    private final String description;

    public DataField(int id, String name, DataType type, String description) {
        if (id < 0) {
            throw new IllegalArgumentException("Field id must not be negative, but was " + id + " for field '" + name + "'");
        }
        this.id = id;
        this.name = requireNonNull(name, "name is null");
        this.type = requireNonNull(type, "type is null");
        this.description = description;
        if (name.isEmpty()) {
            throw new IllegalArgumentException("Field name must not be empty (field id " + id + ", type " + type + ")");
        }
    }

    public DataField(int id, String name, DataType type) {
        this(id, name, type, null);
    }

    public int id() {
        return id;
    }

    public String name() {
        return name;
    }

    public DataType type() {
        return type;
    }

    /** The description, or null when the field has none. */
    public String description() {
        return description;
    }

    public DataField withName(String newName) {
        return new DataField(id, newName, type, description);
    }

    public DataField withType(DataType newType) {
        return new DataField(id, name, newType, description);
    }

    public DataField withDescription(String newDescription) {
        return new DataField(id, name, type, newDescription);
    }

    /** The field as it appears inside {@code ROW<...>}: {@code `name` TYPE 'description'}. */
    public String asSqlString() {
        String sql = quoteName(name) + " " + type.asSqlString();
        return description == null ? sql : sql + " '" + description.replace("'", "''") + "'";
    }

    /** Quotes a field name with backticks, doubling backticks inside it, so that any name parses back. */
    static String quoteName(String name) {
        return "`" + name.replace("`", "``") + "`";
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        return o instanceof DataField other
                && id == other.id
                && name.equals(other.name)
                && type.equals(other.type)
                && Objects.equals(description, other.description);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, name, type, description);
    }

    @Override
    public String toString() {
        return "#" + id + " " + asSqlString();
    }
}
