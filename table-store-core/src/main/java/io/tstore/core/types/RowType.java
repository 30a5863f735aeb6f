package io.tstore.core.types;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

import static java.util.Objects.requireNonNull;

/**
 * ROW&lt;fields&gt;: a sequence of named, typed fields with ids; the type of a table's rows and of nested
 * structs. Held as {@code io.tstore.core.data.InternalRow}.
 *
 * <p>Names and ids are unique among the fields of one row. Field ids are part of {@link #equals}, but the SQL
 * form has no place for them: {@link DataTypes#parse} numbers the fields of each row 0, 1, 2... Schema files
 * use {@link DataTypeJson}, which keeps the ids of nested rows too.
 */
public final class RowType extends DataType {
    private final List<DataField> fields;
    private final Map<String, Integer> indexByName;
    private final Map<Integer, Integer> indexById;

    public RowType(boolean nullable, List<DataField> fields) {
        super(nullable, DataTypeRoot.ROW);
        this.fields = List.copyOf(requireNonNull(fields, "fields is null"));
        Map<String, Integer> byName = new HashMap<>();
        Map<Integer, Integer> byId = new HashMap<>();
        for (int i = 0; i < this.fields.size(); i++) {
            DataField field = this.fields.get(i);
            if (byName.put(field.name(), i) != null) {
                throw new IllegalArgumentException(
                        "Field name '" + field.name() + "' appears more than once in row " + describe(this.fields));
            }
            if (byId.put(field.id(), i) != null) {
                throw new IllegalArgumentException(
                        "Field id " + field.id() + " appears more than once in row " + describe(this.fields));
            }
        }
        this.indexByName = Collections.unmodifiableMap(byName);
        this.indexById = Collections.unmodifiableMap(byId);
    }

    public RowType(List<DataField> fields) {
        this(true, fields);
    }

    /** A builder that numbers fields 0, 1, 2... in the order they are added. */
    public static Builder builder() {
        return new Builder();
    }

    public List<DataField> fields() {
        return fields;
    }

    public int fieldCount() {
        return fields.size();
    }

    public List<String> fieldNames() {
        return fields.stream().map(DataField::name).collect(Collectors.toUnmodifiableList());
    }

    public List<DataType> fieldTypes() {
        return fields.stream().map(DataField::type).collect(Collectors.toUnmodifiableList());
    }

    /** The type of the field at a position. */
    public DataType typeAt(int pos) {
        return fields.get(pos).type();
    }

    /** The position of the field with this name, or -1 when there is none. */
    public int fieldIndex(String name) {
        Integer index = indexByName.get(name);
        return index == null ? -1 : index;
    }

    public boolean containsField(String name) {
        return indexByName.containsKey(name);
    }

    /** The field with this name; fails with the names that do exist. */
    public DataField field(String name) {
        return fields.get(requireFieldIndex(name));
    }

    private int requireFieldIndex(String name) {
        Integer index = indexByName.get(name);
        if (index == null) {
            throw new IllegalArgumentException("Field '" + name + "' not found; the row has fields " + fieldNames());
        }
        return index;
    }

    /** The position of the field with this id, or -1 when there is none. */
    public int fieldIndexById(int id) {
        Integer index = indexById.get(id);
        return index == null ? -1 : index;
    }

    /** The field with this id; fails with the ids that do exist. */
    public DataField fieldById(int id) {
        Integer index = indexById.get(id);
        if (index == null) {
            throw new IllegalArgumentException("Field id " + id + " not found; the row has fields " + describe(fields));
        }
        return fields.get(index);
    }

    /** The row of the fields at these positions, in this order, with their ids kept. */
    public RowType project(int[] positions) {
        requireNonNull(positions, "positions is null");
        List<DataField> projected = new ArrayList<>(positions.length);
        for (int pos : positions) {
            if (pos < 0 || pos >= fields.size()) {
                throw new IndexOutOfBoundsException(
                        "Cannot project position " + pos + " of a row with " + fields.size() + " fields " + fieldNames());
            }
            projected.add(fields.get(pos));
        }
        return new RowType(isNullable(), projected);
    }

    /** The row of the fields with these names, in this order, with their ids kept. */
    public RowType project(List<String> names) {
        requireNonNull(names, "names is null");
        return project(names.stream().mapToInt(this::requireFieldIndex).toArray());
    }

    @Override
    public RowType copy(boolean nullable) {
        return new RowType(nullable, fields);
    }

    @Override
    String sqlWithoutNullability() {
        return fields.stream().map(DataField::asSqlString).collect(Collectors.joining(", ", "ROW<", ">"));
    }

    @Override
    public <R> R accept(DataTypeVisitor<R> visitor) {
        return visitor.visit(this);
    }

    @Override
    public boolean equals(Object o) {
        return super.equals(o) && fields.equals(((RowType) o).fields);
    }

    @Override
    public int hashCode() {
        return Objects.hash(super.hashCode(), fields);
    }

    private static String describe(List<DataField> fields) {
        return fields.stream().map(DataField::toString).collect(Collectors.joining(", ", "[", "]"));
    }

    /** Collects fields for a {@link RowType}, giving them ids 0, 1, 2... */
    public static final class Builder {
        private final List<DataField> fields = new ArrayList<>();
        private boolean nullable = true;

        private Builder() {}

        public Builder field(String name, DataType type) {
            return field(name, type, null);
        }

        public Builder field(String name, DataType type, String description) {
            fields.add(new DataField(fields.size(), name, type, description));
            return this;
        }

        public Builder notNull() {
            this.nullable = false;
            return this;
        }

        public RowType build() {
            return new RowType(nullable, fields);
        }
    }
}
