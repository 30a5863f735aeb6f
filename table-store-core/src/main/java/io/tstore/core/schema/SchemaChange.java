package io.tstore.core.schema;

import io.tstore.core.types.DataType;

import static java.util.Objects.requireNonNull;

/**
 * One change to a table's schema, as ALTER TABLE states it. {@link SchemaEvolution#apply} applies a list of them,
 * in order, to make the next schema; its class comment says which changes are allowed and why.
 *
 * <p>Columns are named by their top-level names. Changes never touch data files: a column keeps its field id
 * through renames and type changes, and readers resolve old files by field id.
 */
public sealed interface SchemaChange {

    static SchemaChange setOption(String key, String value) {
        return new SetOption(key, value);
    }

    static SchemaChange removeOption(String key) {
        return new RemoveOption(key);
    }

    static SchemaChange addColumn(String name, DataType type) {
        return new AddColumn(name, type, null, ColumnPosition.last());
    }

    static SchemaChange addColumn(String name, DataType type, String comment, ColumnPosition position) {
        return new AddColumn(name, type, comment, position);
    }

    static SchemaChange renameColumn(String oldName, String newName) {
        return new RenameColumn(oldName, newName);
    }

    static SchemaChange dropColumn(String name) {
        return new DropColumn(name);
    }

    static SchemaChange updateColumnType(String name, DataType newType) {
        return new UpdateColumnType(name, newType);
    }

    static SchemaChange updateColumnNullability(String name, boolean nullable) {
        return new UpdateColumnNullability(name, nullable);
    }

    static SchemaChange updateColumnComment(String name, String comment) {
        return new UpdateColumnComment(name, comment);
    }

    static SchemaChange updateComment(String comment) {
        return new UpdateComment(comment);
    }

    /** Sets a table option; {@code bucket}, {@code bucket-key}, {@code merge-engine} and {@code sequence.field} are fixed. */
    record SetOption(String key, String value) implements SchemaChange {
        public SetOption {
            requireNonNull(key, "key is null");
            requireNonNull(value, "value of option '" + key + "' is null");
        }
    }

    /** Removes a table option, so that its default applies again. */
    record RemoveOption(String key) implements SchemaChange {
        public RemoveOption {
            requireNonNull(key, "key is null");
        }
    }

    /** Adds a nullable column with a new field id; {@code comment} may be null. */
    record AddColumn(String name, DataType type, String comment, ColumnPosition position) implements SchemaChange {
        public AddColumn {
            requireNonNull(name, "name is null");
            requireNonNull(type, "type is null");
            requireNonNull(position, "position is null");
        }
    }

    record RenameColumn(String oldName, String newName) implements SchemaChange {
        public RenameColumn {
            requireNonNull(oldName, "oldName is null");
            requireNonNull(newName, "newName is null");
        }
    }

    record DropColumn(String name) implements SchemaChange {
        public DropColumn {
            requireNonNull(name, "name is null");
        }
    }

    /**
     * Widens a column's type (see {@code DataTypeCasts.canWiden}). The column keeps its nullability, whatever the
     * nullability of {@code newType}: that changes only through {@link UpdateColumnNullability}. Fields of nested
     * rows keep their ids.
     */
    record UpdateColumnType(String name, DataType newType) implements SchemaChange {
        public UpdateColumnType {
            requireNonNull(name, "name is null");
            requireNonNull(newType, "newType is null");
        }
    }

    /** Makes a NOT NULL column nullable; the reverse is not allowed. */
    record UpdateColumnNullability(String name, boolean nullable) implements SchemaChange {
        public UpdateColumnNullability {
            requireNonNull(name, "name is null");
        }
    }

    /** Sets a column's comment; null removes it. */
    record UpdateColumnComment(String name, String comment) implements SchemaChange {
        public UpdateColumnComment {
            requireNonNull(name, "name is null");
        }
    }

    /** Sets the table's comment; null removes it. */
    record UpdateComment(String comment) implements SchemaChange {}
}
