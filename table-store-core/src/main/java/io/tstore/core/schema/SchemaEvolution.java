package io.tstore.core.schema;

import io.tstore.core.options.CoreOptions;
import io.tstore.core.options.TableOptions;
import io.tstore.core.types.DataField;
import io.tstore.core.types.DataType;
import io.tstore.core.types.DataTypeCasts;
import io.tstore.options.ConfigOption;
import io.tstore.options.Options;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * Applies {@link SchemaChange}s to a schema: a pure function from a schema and a list of changes to the next schema
 * (id + 1), which is validated like any other. The changes apply in order, each to the result of the ones before;
 * if one fails, none applies. The time of the new schema is an argument, so that the function reads no clock.
 *
 * <p>What may change, and why not otherwise. Data files are never rewritten by a schema change, so every change
 * must keep every existing file readable with the same meaning:
 * <ul>
 *   <li>Added columns are nullable (old rows read them as null) and get new field ids above
 *       {@code highestFieldId}, nested row fields too; ids are never reused, so a column dropped and added again
 *       does not resurrect the old values.</li>
 *   <li>Primary and partition key columns cannot be dropped, renamed or retyped: they define where each row is
 *       and how files are sorted. Nor can columns of an explicit {@code bucket-key} (dropped or retyped), or the
 *       {@code sequence.field} column (dropped). The last column cannot be dropped.</li>
 *   <li>Renames keep the field id, and carry the column's {@code fields.<name>.*} options, {@code bucket-key} and
 *       {@code sequence.field} along to the new name. Dropping a column drops its {@code fields.<name>.*}
 *       options.</li>
 *   <li>Types only widen ({@link DataTypeCasts#canWiden}); nullability only relaxes from NOT NULL to nullable,
 *       never on a primary key column.</li>
 *   <li>Options must be known. {@code bucket} is fixed: rows live in the bucket their hash modulo {@code bucket}
 *       picked, so changing it needs an overwrite of the whole table. {@code bucket-key} is fixed for the same
 *       reason, and {@code merge-engine} and {@code sequence.field} because files already merged under the old
 *       rule cannot be merged again under a new one. Setting one of these to the value it has is allowed. Other
 *       options, {@code file.format} among them, may change: each data file records its own format.</li>
 * </ul>
 */
public final class SchemaEvolution {
    private SchemaEvolution() {}

    /** The options that can only be given when the table is created; see the class comment. */
    private static final Set<String> FIXED_OPTIONS = Set.of(
            CoreOptions.BUCKET.key(),
            CoreOptions.BUCKET_KEY.key(),
            CoreOptions.MERGE_ENGINE.key(),
            CoreOptions.SEQUENCE_FIELD.key());

    /** The next schema of an unnamed table; errors start with "Table". */
    public static TableSchema apply(TableSchema base, List<SchemaChange> changes, long timeMillis) {
        return apply(null, base, changes, timeMillis);
    }

    /** The next schema of table {@code table} (null when unnamed), made at {@code timeMillis}. */
    public static TableSchema apply(String table, TableSchema base, List<SchemaChange> changes, long timeMillis) {
        requireNonNull(base, "base is null");
        requireNonNull(changes, "changes is null");
        Draft draft = new Draft(table, base);
        for (SchemaChange change : changes) {
            draft.apply(requireNonNull(change, "change is null"));
        }
        return TableSchema.of(table, base.id() + 1, draft.fields, draft.highestFieldId, base.partitionKeys(),
                base.primaryKeys(), draft.options, draft.comment, timeMillis);
    }

    /** The schema being changed. */
    private static final class Draft {
        private final String table;
        private final TableSchema base;
        private final List<DataField> fields;
        private final Map<String, String> options;
        private int highestFieldId;
        private String comment;

        Draft(String table, TableSchema base) {
            this.table = table;
            this.base = base;
            this.fields = new ArrayList<>(base.fields());
            this.options = new HashMap<>(base.optionsMap());
            this.highestFieldId = base.highestFieldId();
            this.comment = base.comment();
        }

        void apply(SchemaChange change) {
            if (change instanceof SchemaChange.SetOption c) {
                setOption(c);
            } else if (change instanceof SchemaChange.RemoveOption c) {
                removeOption(c);
            } else if (change instanceof SchemaChange.AddColumn c) {
                addColumn(c);
            } else if (change instanceof SchemaChange.RenameColumn c) {
                renameColumn(c);
            } else if (change instanceof SchemaChange.DropColumn c) {
                dropColumn(c);
            } else if (change instanceof SchemaChange.UpdateColumnType c) {
                updateColumnType(c);
            } else if (change instanceof SchemaChange.UpdateColumnNullability c) {
                updateColumnNullability(c);
            } else if (change instanceof SchemaChange.UpdateColumnComment c) {
                int index = requireColumn(c.name(), "change the comment of");
                fields.set(index, fields.get(index).withDescription(c.comment()));
            } else if (change instanceof SchemaChange.UpdateComment c) {
                comment = c.comment();
            } else {
                throw new IllegalArgumentException("Unknown schema change " + change);
            }
        }

        private void setOption(SchemaChange.SetOption change) {
            String key = change.key();
            ConfigOption<?> option = TableOptions.validator().find(key);
            if (option == null) {
                throw error("cannot set option '%s' to '%s': there is no such option. See docs/options.md for the "
                        + "options a table takes.", key, change.value());
            }
            try {
                option.parse(change.value());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(SchemaValidation.owner(table) + ": " + e.getMessage(), e);
            }
            Map<String, String> changed = new HashMap<>(options);
            changed.put(key, change.value());
            checkFixedOption(key, changed, "set option '" + key + "' to '" + change.value() + "'");
            options.put(key, change.value());
        }

        private void removeOption(SchemaChange.RemoveOption change) {
            String key = change.key();
            if (!options.containsKey(key)) {
                if (TableOptions.validator().find(key) == null) {
                    throw error("cannot remove option '%s': there is no such option", key);
                }
                return;
            }
            Map<String, String> changed = new HashMap<>(options);
            changed.remove(key);
            checkFixedOption(key, changed, "remove option '" + key + "' (value '" + options.get(key) + "')");
            options.remove(key);
        }

        /** Fails when {@code changed} gives a fixed option another effective value than the current options. */
        private void checkFixedOption(String key, Map<String, String> changed, String what) {
            if (!FIXED_OPTIONS.contains(key)) {
                return;
            }
            Object before = effectiveValue(key, options);
            Object after = effectiveValue(key, changed);
            if (Objects.equals(before, after)) {
                return;
            }
            String why;
            if (key.equals(CoreOptions.BUCKET.key())) {
                why = "rows are placed in buckets by hash modulo the bucket count, so changing the number of buckets "
                        + "needs an overwrite of the whole table; create a new table with the new bucket count and "
                        + "copy the data into it";
            } else if (key.equals(CoreOptions.BUCKET_KEY.key())) {
                why = "rows are placed in buckets by the hash of the bucket key, so changing it needs an overwrite of "
                        + "the whole table";
            } else {
                why = "data files already merged under the current rule cannot be merged again under another, so it "
                        + "is fixed when the table is created";
            }
            throw error("cannot %s: %s (%s)", what, why, currentValue(key));
        }

        private String currentValue(String key) {
            if (options.containsKey(key)) {
                return "current value '" + options.get(key) + "'";
            }
            Object defaultValue = TableOptions.validator().find(key).defaultValue();
            return defaultValue == null ? "currently not set" : "currently the default '" + defaultValue + "'";
        }

        /** The value a fixed option has in {@code values}; columns are compared by field id, so renames are no change. */
        private Object effectiveValue(String key, Map<String, String> values) {
            Options parsed = new Options(values);
            if (key.equals(CoreOptions.BUCKET.key())) {
                return parsed.get(CoreOptions.BUCKET);
            }
            if (key.equals(CoreOptions.MERGE_ENGINE.key())) {
                return parsed.get(CoreOptions.MERGE_ENGINE);
            }
            String value = values.get(key);
            if (value == null) {
                return null;
            }
            List<Object> columns = new ArrayList<>();
            for (String name : SchemaValidation.columnList(value)) {
                int index = indexOf(name);
                columns.add(index < 0 ? name : (Object) fields.get(index).id());
            }
            return columns;
        }

        private void addColumn(SchemaChange.AddColumn change) {
            String name = change.name();
            checkNewName(name, -1, "add column '" + name + "'");
            if (!change.type().isNullable()) {
                throw error("cannot add column '%s' of type %s: rows written before have no value for it and read it "
                        + "as null, so an added column must be nullable", name, change.type());
            }
            int id = ++highestFieldId;
            DataType type = FieldIds.renumberNested(change.type(), () -> ++highestFieldId);
            DataField field = new DataField(id, name, type, change.comment());
            ColumnPosition position = change.position();
            if (position instanceof ColumnPosition.First) {
                fields.add(0, field);
            } else if (position instanceof ColumnPosition.After after) {
                fields.add(requireColumn(after.column(), "add column '" + name + "' after") + 1, field);
            } else {
                fields.add(field);
            }
        }

        private void renameColumn(SchemaChange.RenameColumn change) {
            String oldName = change.oldName();
            String newName = change.newName();
            int index = requireColumn(oldName, "rename");
            if (oldName.equals(newName)) {
                return;
            }
            checkNotKey(oldName, "rename");
            checkNewName(newName, index, "rename column '" + oldName + "' to '" + newName + "'");
            fields.set(index, fields.get(index).withName(newName));

            // Options that name the column follow it to its new name.
            Map<String, String> renamed = new HashMap<>();
            for (Map.Entry<String, String> option : options.entrySet()) {
                String key = option.getKey();
                String value = option.getValue();
                ConfigOption<?> template = fieldTemplate(key, oldName);
                if (template != null) {
                    key = template.resolve(newName).key();
                } else if (key.equals(CoreOptions.SEQUENCE_FIELD.key()) && value.trim().equals(oldName)) {
                    value = newName;
                } else if (key.equals(CoreOptions.BUCKET_KEY.key())) {
                    List<String> columns = new ArrayList<>(SchemaValidation.columnList(value));
                    columns.replaceAll(column -> column.equals(oldName) ? newName : column);
                    value = String.join(",", columns);
                }
                renamed.put(key, value);
            }
            options.clear();
            options.putAll(renamed);
        }

        private void dropColumn(SchemaChange.DropColumn change) {
            String name = change.name();
            int index = requireColumn(name, "drop");
            checkNotKey(name, "drop");
            if (fields.size() == 1) {
                throw error("cannot drop column '%s': it is the last column, and a table needs at least one", name);
            }
            String sequenceField = options.get(CoreOptions.SEQUENCE_FIELD.key());
            if (sequenceField != null && sequenceField.trim().equals(name)) {
                throw error("cannot drop column '%s': it is the sequence field (option '%s' = '%s') that orders the "
                        + "versions of each key", name, CoreOptions.SEQUENCE_FIELD.key(), sequenceField);
            }
            checkNotBucketKey(name, "drop");
            fields.remove(index);
            options.keySet().removeIf(key -> fieldTemplate(key, name) != null);
        }

        private void updateColumnType(SchemaChange.UpdateColumnType change) {
            String name = change.name();
            int index = requireColumn(name, "change the type of");
            checkNotKey(name, "change the type of");
            checkNotBucketKey(name, "change the type of");
            DataField field = fields.get(index);
            DataType newType = FieldIds.alignNested(field.type(), change.newType()).copy(field.type().isNullable());
            if (!DataTypeCasts.canWiden(field.type(), newType)) {
                throw error("cannot change the type of column '%s' from %s to %s: a type can only widen, so that "
                        + "every value written before reads back unchanged (TINYINT < SMALLINT < INT < BIGINT, FLOAT "
                        + "to DOUBLE, DECIMAL to a larger precision of the same scale, longer CHAR, VARCHAR, BINARY or "
                        + "VARBINARY, and nested types whose parts widen)", name, field.type(), newType);
            }
            fields.set(index, field.withType(newType));
        }

        private void updateColumnNullability(SchemaChange.UpdateColumnNullability change) {
            String name = change.name();
            int index = requireColumn(name, "change the nullability of");
            if (base.primaryKeys().contains(name)) {
                throw error("cannot change the nullability of column '%s': it is part of the primary key %s, and "
                        + "primary key columns are always NOT NULL", name, base.primaryKeys());
            }
            DataField field = fields.get(index);
            if (change.nullable()) {
                fields.set(index, field.withType(field.type().nullable()));
            } else if (field.type().isNullable()) {
                throw error("cannot make column '%s' NOT NULL: rows written before may hold nulls in it; only NOT NULL "
                        + "to nullable is allowed", name);
            }
        }

        /** The template option ({@code fields.<field>.…}) that {@code key} instantiates for {@code column}, or null. */
        private static ConfigOption<?> fieldTemplate(String key, String column) {
            for (ConfigOption<?> option : TableOptions.all()) {
                if (option.isTemplate() && option.matches(key) && option.placeholderValue(key).equals(column)) {
                    return option;
                }
            }
            return null;
        }

        private void checkNotKey(String name, String action) {
            if (base.primaryKeys().contains(name)) {
                throw error("cannot %s column '%s': it is part of the primary key %s, which identifies rows in every "
                        + "data file", action, name, base.primaryKeys());
            }
            if (base.partitionKeys().contains(name)) {
                throw error("cannot %s column '%s': it is a partition key %s, which places rows in directories",
                        action, name, base.partitionKeys());
            }
        }

        private void checkNotBucketKey(String name, String action) {
            String bucketKey = options.get(CoreOptions.BUCKET_KEY.key());
            if (bucketKey != null && SchemaValidation.columnList(bucketKey).contains(name)) {
                throw error("cannot %s column '%s': it is part of the bucket key (option '%s' = '%s'), whose hash "
                        + "placed every row in its bucket", action, name, CoreOptions.BUCKET_KEY.key(), bucketKey);
            }
        }

        /** A new name is not empty and clashes with no other column, also ignoring case. */
        private void checkNewName(String name, int exceptIndex, String what) {
            if (name.isEmpty()) {
                throw error("cannot %s: a column name must not be empty", what);
            }
            for (int i = 0; i < fields.size(); i++) {
                String existing = fields.get(i).name();
                if (i != exceptIndex && existing.toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))) {
                    throw error(existing.equals(name)
                            ? "cannot %s: column '%s' already exists"
                            : "cannot %s: it differs only in case from column '%s', and engines that ignore case "
                                    + "could not tell them apart", what, existing);
                }
            }
        }

        private int indexOf(String name) {
            for (int i = 0; i < fields.size(); i++) {
                if (fields.get(i).name().equals(name)) {
                    return i;
                }
            }
            return -1;
        }

        private int requireColumn(String name, String action) {
            int index = indexOf(name);
            if (index < 0) {
                throw error("cannot %s column '%s': there is no such column; the columns are %s", action, name,
                        fields.stream().map(DataField::name).toList());
            }
            return index;
        }

        private IllegalArgumentException error(String format, Object... args) {
            return SchemaValidation.error(table, format, args);
        }
    }
}
