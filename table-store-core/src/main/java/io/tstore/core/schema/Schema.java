package io.tstore.core.schema;

import io.tstore.core.types.DataField;
import io.tstore.core.types.DataType;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import static java.util.Objects.requireNonNull;

/**
 * What a user asks for when creating a table: columns, partition keys, primary key, options and a comment. It
 * becomes the table's first {@link TableSchema} through {@link TableSchema#create}, which validates it.
 *
 * <p>Every field has an id. The builder numbers columns given without ids 0, 1, 2... in order, and then the fields
 * of their nested rows from there on, depth-first, so that ids are unique across the whole schema. Columns given as
 * {@link DataField}s keep their ids, nested ones too (for a table re-created from another table's schema); a schema
 * takes either kind of column, not both.
 */
public final class Schema {
    private final List<DataField> fields;
    private final List<String> partitionKeys;
    private final List<String> primaryKeys;
    private final Map<String, String> options;
    private final String comment;

    public Schema(
            List<DataField> fields,
            List<String> partitionKeys,
            List<String> primaryKeys,
            Map<String, String> options,
            String comment) {
        this.fields = List.copyOf(requireNonNull(fields, "fields is null"));
        this.partitionKeys = List.copyOf(requireNonNull(partitionKeys, "partitionKeys is null"));
        this.primaryKeys = List.copyOf(requireNonNull(primaryKeys, "primaryKeys is null"));
        this.options = Collections.unmodifiableMap(new LinkedHashMap<>(requireNonNull(options, "options is null")));
        this.comment = comment;
    }

    public static Builder newBuilder() {
        return new Builder();
    }

    public List<DataField> fields() {
        return fields;
    }

    public List<String> partitionKeys() {
        return partitionKeys;
    }

    public List<String> primaryKeys() {
        return primaryKeys;
    }

    public Map<String, String> options() {
        return options;
    }

    /** The table's comment, or null. */
    public String comment() {
        return comment;
    }

    /** The same schema with other options. */
    public Schema withOptions(Map<String, String> newOptions) {
        return new Schema(fields, partitionKeys, primaryKeys, newOptions, comment);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Schema other
                && fields.equals(other.fields)
                && partitionKeys.equals(other.partitionKeys)
                && primaryKeys.equals(other.primaryKeys)
                && options.equals(other.options)
                && Objects.equals(comment, other.comment);
    }

    @Override
    public int hashCode() {
        return Objects.hash(fields, partitionKeys, primaryKeys, options, comment);
    }

    @Override
    public String toString() {
        return "Schema{fields=" + fields + ", partitionKeys=" + partitionKeys + ", primaryKeys=" + primaryKeys
                + ", options=" + options + ", comment=" + comment + "}";
    }

    /** Collects the parts of a {@link Schema}. */
    public static final class Builder {
        // A column without an id is held with a placeholder id until build() numbers it.
        private final List<DataField> columns = new ArrayList<>();
        private final List<Boolean> hasId = new ArrayList<>();
        private final List<String> partitionKeys = new ArrayList<>();
        private final List<String> primaryKeys = new ArrayList<>();
        private final Map<String, String> options = new LinkedHashMap<>();
        private String comment;

        private Builder() {}

        public Builder column(String name, DataType type) {
            return column(name, type, null);
        }

        public Builder column(String name, DataType type, String comment) {
            columns.add(new DataField(0, requireNonNull(name, "name is null"), requireNonNull(type, "type is null"), comment));
            hasId.add(false);
            return this;
        }

        /** A column with its id, and the ids of its nested rows, kept as they are. */
        public Builder column(DataField field) {
            columns.add(requireNonNull(field, "field is null"));
            hasId.add(true);
            return this;
        }

        public Builder primaryKey(String... columnNames) {
            return primaryKey(Arrays.asList(columnNames));
        }

        public Builder primaryKey(List<String> columnNames) {
            primaryKeys.clear();
            primaryKeys.addAll(requireNonNull(columnNames, "columnNames is null"));
            return this;
        }

        public Builder partitionKeys(String... columnNames) {
            return partitionKeys(Arrays.asList(columnNames));
        }

        public Builder partitionKeys(List<String> columnNames) {
            partitionKeys.clear();
            partitionKeys.addAll(requireNonNull(columnNames, "columnNames is null"));
            return this;
        }

        public Builder option(String key, String value) {
            options.put(requireNonNull(key, "key is null"), requireNonNull(value, "value of option '" + key + "' is null"));
            return this;
        }

        public Builder options(Map<String, String> values) {
            requireNonNull(values, "values is null").forEach(this::option);
            return this;
        }

        public Builder comment(String tableComment) {
            this.comment = tableComment;
            return this;
        }

        /** Builds the schema, numbering columns given without ids; checks only the ids, see the class comment. */
        public Schema build() {
            boolean anyWithId = hasId.contains(true);
            boolean anyWithoutId = hasId.contains(false);
            if (anyWithId && anyWithoutId) {
                throw new IllegalArgumentException("Columns must either all come with field ids or all without, but "
                        + names(true) + " have ids and " + names(false) + " do not");
            }
            List<DataField> fields = anyWithId ? columns : numbered(columns);
            return new Schema(fields, partitionKeys, primaryKeys, options, comment);
        }

        private List<String> names(boolean withId) {
            List<String> names = new ArrayList<>();
            for (int i = 0; i < columns.size(); i++) {
                if (hasId.get(i) == withId) {
                    names.add(columns.get(i).name());
                }
            }
            return names;
        }

        /** Columns get 0..n-1, then nested row fields n, n+1... depth-first, so flat tables have ids = positions. */
        private static List<DataField> numbered(List<DataField> columns) {
            int[] next = {columns.size()};
            List<DataField> numbered = new ArrayList<>(columns.size());
            for (int i = 0; i < columns.size(); i++) {
                DataField column = columns.get(i);
                DataType type = FieldIds.renumberNested(column.type(), () -> next[0]++);
                numbered.add(new DataField(i, column.name(), type, column.description()));
            }
            return numbered;
        }
    }
}
