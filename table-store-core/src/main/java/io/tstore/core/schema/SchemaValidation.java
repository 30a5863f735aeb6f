package io.tstore.core.schema;

import io.tstore.core.mergetree.MergeFunctions;
import io.tstore.core.options.ChangelogOptions;
import io.tstore.core.options.ChangelogProducer;
import io.tstore.core.options.CoreOptions;
import io.tstore.core.options.MergeEngine;
import io.tstore.core.options.TableOptions;
import io.tstore.core.types.ArrayType;
import io.tstore.core.types.DataField;
import io.tstore.core.types.DataType;
import io.tstore.core.types.DataTypeRoot;
import io.tstore.core.types.MapType;
import io.tstore.core.types.RowType;
import io.tstore.options.ConfigOption;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The rules every {@link TableSchema} obeys; errors name the table, the column or option, and the bad value.
 *
 * <ul>
 *   <li>A table has at least one column. Names are unique within each row (the table's and every nested one),
 *       and two names may not differ only in case: Spark, Trino and Hive resolve names ignoring case and could
 *       not tell such columns apart. Lookups by name stay case-sensitive.</li>
 *   <li>Field ids are unique across the whole schema, nested rows included, and none is above
 *       {@code highestFieldId}.</li>
 *   <li>Partition keys and primary keys name existing columns, once each, of atomic types (no ARRAY, MAP or ROW:
 *       keys are compared and partition values become directory names). Primary key columns are NOT NULL.</li>
 *   <li>With a primary key, the partition keys are part of it, and it has at least one other column. All versions
 *       of a key then live in one partition, so an upsert or delete never has to reach into another partition, and
 *       each bucket's LSM tree is keyed by the rest (a key of partition columns alone would hold one row per
 *       partition).</li>
 *   <li>Options are known and parse (strict), or, when reading a file, those that are known parse.
 *       {@code bucket} is at least 1. {@code bucket-key} names existing columns, once each, within the primary key
 *       when there is one.</li>
 *   <li>The merge engines partial-update, aggregation and first-row need a primary key.
 *       {@code fields.<f>.aggregate-function} is for aggregation tables only and names a column outside the
 *       primary key and a known function that can fold the column's type. {@code sequence.field} names a column of
 *       an atomic type outside the primary key, and needs a primary key too.</li>
 *   <li>A {@code changelog-producer} other than none needs a primary key; {@code input} is the table's changelog
 *       only for merge-engine deduplicate without {@code sequence.field}. {@code full-compaction.delta-commits}
 *       is at least 1.</li>
 * </ul>
 */
final class SchemaValidation {
    private SchemaValidation() {}

    private static final String AGGREGATE_PREFIX = "fields.";
    private static final String AGGREGATE_SUFFIX = ".aggregate-function";

    private static final Set<DataTypeRoot> NUMERIC = EnumSet.of(DataTypeRoot.TINYINT, DataTypeRoot.SMALLINT,
            DataTypeRoot.INT, DataTypeRoot.BIGINT, DataTypeRoot.FLOAT, DataTypeRoot.DOUBLE, DataTypeRoot.DECIMAL);

    /** Each aggregate function, the types it folds and what it needs, for the error message. */
    private static final Map<String, AggregateFunction> AGGREGATE_FUNCTIONS = new LinkedHashMap<>();

    static {
        addFunction("sum", "a numeric column", root -> NUMERIC.contains(root));
        addFunction("min", "a column of an atomic type", root -> !root.isNested());
        addFunction("max", "a column of an atomic type", root -> !root.isNested());
        addFunction("count", "an INT or BIGINT column", root -> root == DataTypeRoot.INT || root == DataTypeRoot.BIGINT);
        addFunction("first_value", "any column", root -> true);
        addFunction("last_value", "any column", root -> true);
        addFunction("last_non_null_value", "any column", root -> true);
        addFunction("listagg", "a VARCHAR/STRING column", root -> root == DataTypeRoot.VARCHAR);
        addFunction("bool_and", "a BOOLEAN column", root -> root == DataTypeRoot.BOOLEAN);
        addFunction("bool_or", "a BOOLEAN column", root -> root == DataTypeRoot.BOOLEAN);
    }

    private record AggregateFunction(String name, String needs, Predicate<DataTypeRoot> accepts) {}

    private static void addFunction(String name, String needs, Predicate<DataTypeRoot> accepts) {
        AGGREGATE_FUNCTIONS.put(name, new AggregateFunction(name, needs, accepts));
    }

    /** The names of the aggregate functions, in the order the docs list them. */
    static List<String> aggregateFunctions() {
        return List.copyOf(AGGREGATE_FUNCTIONS.keySet());
    }

    /** "Table db.t", or "Table" when the name is not known: how every error message starts. */
    static String owner(String table) {
        return table == null ? "Table" : "Table " + table;
    }

    static IllegalArgumentException error(String table, String format, Object... args) {
        return new IllegalArgumentException(owner(table) + ": " + String.format(format, args));
    }

    /** The column names of a comma-separated option value such as {@code bucket-key}, trimmed. */
    static List<String> columnList(String value) {
        List<String> names = new ArrayList<>();
        for (String name : value.split(",", -1)) {
            names.add(name.trim());
        }
        return names;
    }

    /** The option key that holds the aggregate function of {@code column}. */
    static String aggregateFunctionKey(String column) {
        return AGGREGATE_PREFIX + column + AGGREGATE_SUFFIX;
    }

    static void validate(TableSchema schema, String table, boolean strictOptions) {
        if (schema.id() < 0) {
            throw error(table, "schema id must not be negative, but is %d", schema.id());
        }
        if (schema.fields().isEmpty()) {
            throw error(table, "a table needs at least one column");
        }
        Map<String, DataField> columns = new HashMap<>();
        for (DataField field : schema.fields()) {
            columns.put(field.name(), field);
        }
        checkNames(table, schema.fields(), "");
        checkIds(table, schema);

        List<String> columnNames = schema.fields().stream().map(DataField::name).toList();
        checkKeyColumns(table, "partition key", schema.partitionKeys(), columns, columnNames);
        checkKeyColumns(table, "primary key", schema.primaryKeys(), columns, columnNames);
        for (String key : schema.primaryKeys()) {
            if (columns.get(key).type().isNullable()) {
                throw error(table, "primary key column '%s' must be NOT NULL, but is %s (CREATE TABLE makes primary "
                        + "key columns NOT NULL)", key, columns.get(key).type());
            }
        }
        if (!schema.primaryKeys().isEmpty()) {
            for (String partitionKey : schema.partitionKeys()) {
                if (!schema.primaryKeys().contains(partitionKey)) {
                    throw error(table, "partition key '%s' must be part of the primary key %s, so that all versions of "
                            + "a key stay in one partition; add it to the primary key", partitionKey, schema.primaryKeys());
                }
            }
            if (schema.trimmedPrimaryKeys().isEmpty()) {
                throw error(table, "the primary key %s consists of partition keys only, which would keep a single row "
                        + "per partition; add a column that identifies rows within a partition", schema.primaryKeys());
            }
        }

        checkOptions(table, schema.optionsMap(), strictOptions);
        int bucket = schema.options().get(CoreOptions.BUCKET);
        if (bucket < 1) {
            throw error(table, "option '%s' must be at least 1, but is %d", CoreOptions.BUCKET.key(), bucket);
        }
        io.tstore.core.options.ExpireConfig.fromOptions(table, schema.options());
        checkBucketKey(table, schema, columns);
        checkMergeEngine(table, schema, columns);
        checkSequenceField(table, schema, columns);
        checkChangelogProducer(table, schema);
        if (!schema.primaryKeys().isEmpty()) {
            // The merge engine's options (aggregate functions and their field types, sequence.field) fail now
            // rather than at the first write, compaction or read; the checks above name the common mistakes first.
            try {
                MergeFunctions.factory(new RowType(schema.fields()), schema.primaryKeys(), schema.options());
            } catch (IllegalArgumentException e) {
                throw error(table, "%s", e.getMessage());
            }
        }
    }

    /** Names are non-empty (DataField checks that) and unique within each row, also ignoring case. */
    private static void checkNames(String table, List<DataField> fields, String prefix) {
        Map<String, String> byLowerCase = new HashMap<>();
        for (DataField field : fields) {
            String previous = byLowerCase.put(field.name().toLowerCase(Locale.ROOT), field.name());
            if (previous != null && previous.equals(field.name())) {
                throw error(table, "column '%s' appears more than once", prefix + field.name());
            }
            if (previous != null) {
                throw error(table, "columns '%s' and '%s' differ only in case; engines that ignore case (Spark, "
                        + "Trino, Hive) could not tell them apart, so rename one", prefix + previous, prefix + field.name());
            }
        }
        for (DataField field : fields) {
            forEachNestedRow(field.type(), nested -> checkNames(table, nested, prefix + field.name() + "."));
        }
    }

    private static void forEachNestedRow(DataType type, Consumer<List<DataField>> action) {
        switch (type.root()) {
            case ROW:
                action.accept(((RowType) type).fields());
                break;
            case ARRAY:
                forEachNestedRow(((ArrayType) type).elementType(), action);
                break;
            case MAP:
                forEachNestedRow(((MapType) type).keyType(), action);
                forEachNestedRow(((MapType) type).valueType(), action);
                break;
            default:
                break;
        }
    }

    private static void checkIds(String table, TableSchema schema) {
        Map<Integer, String> names = new HashMap<>();
        FieldIds.forEachField(schema.fields(), (field, depth) -> {
            String previous = names.put(field.id(), field.name());
            if (previous != null) {
                throw error(table, "field id %d is used by both '%s' and '%s'; field ids must be unique across the "
                        + "schema, nested fields included", field.id(), previous, field.name());
            }
            if (field.id() > schema.highestFieldId()) {
                throw error(table, "field '%s' has id %d, above the highest field id %d", field.name(), field.id(),
                        schema.highestFieldId());
            }
        });
    }

    private static void checkKeyColumns(
            String table, String kind, List<String> keys, Map<String, DataField> columns, List<String> columnNames) {
        Set<String> seen = new HashSet<>();
        for (String key : keys) {
            if (key == null || !columns.containsKey(key)) {
                throw error(table, "%s column '%s' does not exist; the columns are %s", kind, key, columnNames);
            }
            if (!seen.add(key)) {
                throw error(table, "%s column '%s' appears more than once in %s", kind, key, keys);
            }
            DataType type = columns.get(key).type();
            if (type.root().isNested()) {
                throw error(table, "%s column '%s' has type %s, but a %s must be of an atomic type (not ARRAY, MAP "
                        + "or ROW)", kind, key, type, kind);
            }
            if (kind.equals("partition key")
                    && (type.root() == DataTypeRoot.BINARY || type.root() == DataTypeRoot.VARBINARY)) {
                // A partition value names its directory (docs/spec.md), and bytes have no defined text there.
                throw error(table, "partition key column '%s' has type %s, but partition keys cannot be binary; "
                        + "partition by a column of another type", key, type);
            }
        }
    }

    private static void checkOptions(String table, Map<String, String> options, boolean strict) {
        for (Map.Entry<String, String> option : options.entrySet()) {
            if (option.getValue() == null) {
                throw error(table, "option '%s' has no value", option.getKey());
            }
        }
        if (strict) {
            TableOptions.validator().validate(options, owner(table));
            return;
        }
        for (Map.Entry<String, String> entry : options.entrySet()) {
            ConfigOption<?> option = TableOptions.validator().find(entry.getKey());
            if (option != null) {
                try {
                    option.parse(entry.getValue());
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(owner(table) + ": " + e.getMessage(), e);
                }
            }
        }
    }

    private static void checkBucketKey(String table, TableSchema schema, Map<String, DataField> columns) {
        String value = schema.optionsMap().get(CoreOptions.BUCKET_KEY.key());
        if (value == null) {
            return;
        }
        String key = CoreOptions.BUCKET_KEY.key();
        List<String> bucketKeys = columnList(value);
        Set<String> seen = new HashSet<>();
        for (String column : bucketKeys) {
            if (column.isEmpty()) {
                throw error(table, "option '%s' = '%s' has an empty column name", key, value);
            }
            if (!columns.containsKey(column)) {
                throw error(table, "option '%s' = '%s' names column '%s', which does not exist; the columns are %s",
                        key, value, column, schema.fields().stream().map(DataField::name).toList());
            }
            if (!seen.add(column)) {
                throw error(table, "option '%s' = '%s' names column '%s' more than once", key, value, column);
            }
            if (!schema.primaryKeys().isEmpty() && !schema.primaryKeys().contains(column)) {
                throw error(table, "option '%s' = '%s' names column '%s', which is not in the primary key %s; all "
                        + "versions of a key must land in one bucket", key, value, column, schema.primaryKeys());
            }
        }
    }

    private static void checkMergeEngine(String table, TableSchema schema, Map<String, DataField> columns) {
        MergeEngine engine = schema.options().get(CoreOptions.MERGE_ENGINE);
        if (engine != MergeEngine.DEDUPLICATE && schema.primaryKeys().isEmpty()) {
            throw error(table, "option '%s' = '%s' needs a primary key: it merges the versions of a key; declare a "
                    + "primary key or leave the option out", CoreOptions.MERGE_ENGINE.key(), engine);
        }
        for (Map.Entry<String, String> option : schema.optionsMap().entrySet()) {
            if (!CoreOptions.FIELD_AGGREGATE_FUNCTION.matches(option.getKey())) {
                continue;
            }
            String key = option.getKey();
            String column = CoreOptions.FIELD_AGGREGATE_FUNCTION.placeholderValue(key);
            String value = option.getValue();
            if (engine != MergeEngine.AGGREGATION) {
                throw error(table, "option '%s' = '%s' only applies to option '%s' = '%s', but the merge engine is "
                        + "'%s'", key, value, CoreOptions.MERGE_ENGINE.key(), MergeEngine.AGGREGATION, engine);
            }
            DataField field = columns.get(column);
            if (field == null) {
                throw error(table, "option '%s' = '%s' names column '%s', which does not exist; the columns are %s",
                        key, value, column, schema.fields().stream().map(DataField::name).toList());
            }
            if (schema.primaryKeys().contains(column)) {
                throw error(table, "option '%s' = '%s' names primary key column '%s'; only value columns are "
                        + "aggregated", key, value, column);
            }
            AggregateFunction function = AGGREGATE_FUNCTIONS.get(value.trim().toLowerCase(Locale.ROOT));
            if (function == null) {
                throw error(table, "option '%s' = '%s' is not an aggregate function; the functions are %s",
                        key, value, aggregateFunctions());
            }
            if (!function.accepts().test(field.type().root())) {
                throw error(table, "option '%s' = '%s' cannot aggregate column '%s' of type %s: %s needs %s",
                        key, value, column, field.type(), function.name(), function.needs());
            }
        }
    }

    private static void checkSequenceField(String table, TableSchema schema, Map<String, DataField> columns) {
        String value = schema.optionsMap().get(CoreOptions.SEQUENCE_FIELD.key());
        if (value == null) {
            return;
        }
        String key = CoreOptions.SEQUENCE_FIELD.key();
        if (schema.primaryKeys().isEmpty()) {
            throw error(table, "option '%s' = '%s' needs a primary key: it orders the versions of a key; declare a "
                    + "primary key or leave the option out", key, value);
        }
        DataField field = columns.get(value.trim());
        if (field == null) {
            throw error(table, "option '%s' = '%s' names a column that does not exist; the columns are %s",
                    key, value, schema.fields().stream().map(DataField::name).toList());
        }
        if (schema.primaryKeys().contains(field.name())) {
            throw error(table, "option '%s' = '%s' names primary key column '%s', which is the same in every "
                    + "version of a key and cannot order them", key, value, field.name());
        }
        if (field.type().root().isNested()) {
            throw error(table, "option '%s' = '%s' names column '%s' of type %s, but versions can only be ordered "
                    + "by an atomic type", key, value, field.name(), field.type());
        }
    }

    private static void checkChangelogProducer(String table, TableSchema schema) {
        String key = ChangelogOptions.CHANGELOG_PRODUCER.key();
        ChangelogProducer producer = schema.options().get(ChangelogOptions.CHANGELOG_PRODUCER);
        if (producer != ChangelogProducer.NONE && schema.primaryKeys().isEmpty()) {
            throw error(table, "option '%s' = '%s' needs a primary key: a table without one has no old rows to "
                    + "retract, and followers read its new files; declare a primary key or leave the option out",
                    key, producer);
        }
        if (producer == ChangelogProducer.INPUT) {
            MergeEngine engine = schema.options().get(CoreOptions.MERGE_ENGINE);
            if (engine != MergeEngine.DEDUPLICATE) {
                throw error(table, "option '%s' = '%s' writes the records as written, which are the table's changelog "
                        + "only with merge-engine '%s', but the merge engine is '%s'; use '%s' = '%s' or '%s'",
                        key, producer, MergeEngine.DEDUPLICATE, engine, key, ChangelogProducer.LOOKUP,
                        ChangelogProducer.FULL_COMPACTION);
            }
            String sequenceField = schema.optionsMap().get(CoreOptions.SEQUENCE_FIELD.key());
            if (sequenceField != null) {
                throw error(table, "option '%s' = '%s' writes the records as written, but with option '%s' = '%s' a "
                        + "record that arrives late may change nothing; use '%s' = '%s' or '%s'",
                        key, producer, CoreOptions.SEQUENCE_FIELD.key(), sequenceField, key, ChangelogProducer.LOOKUP,
                        ChangelogProducer.FULL_COMPACTION);
            }
        }
        java.util.Optional<Integer> flushThreads = schema.options().getOptional(CoreOptions.WRITE_FLUSH_THREADS);
        if (flushThreads.isPresent() && flushThreads.get() < 1) {
            throw error(table, "option '%s' must be at least 1, but is %d", CoreOptions.WRITE_FLUSH_THREADS.key(), flushThreads.get());
        }
        int deltaCommits = schema.options().get(ChangelogOptions.FULL_COMPACTION_DELTA_COMMITS);
        if (deltaCommits < 1) {
            throw error(table, "option '%s' must be at least 1, but is %d",
                    ChangelogOptions.FULL_COMPACTION_DELTA_COMMITS.key(), deltaCommits);
        }
    }
}
