package io.tstore.core.schema;

import static java.util.Objects.requireNonNull;

/** Where {@link SchemaChange.AddColumn} puts a new column: first, right after another column, or last. */
public sealed interface ColumnPosition {

    static ColumnPosition first() {
        return First.INSTANCE;
    }

    static ColumnPosition after(String column) {
        return new After(column);
    }

    static ColumnPosition last() {
        return Last.INSTANCE;
    }

    /** Before every other column. */
    record First() implements ColumnPosition {
        static final First INSTANCE = new First();

        @Override
        public String toString() {
            return "FIRST";
        }
    }

    /** Right after {@code column}. */
    record After(String column) implements ColumnPosition {
        public After {
            requireNonNull(column, "column is null");
        }

        @Override
        public String toString() {
            return "AFTER " + column;
        }
    }

    /** After every other column: the default. */
    record Last() implements ColumnPosition {
        static final Last INSTANCE = new Last();

        @Override
        public String toString() {
            return "LAST";
        }
    }
}
