package io.tstore.core.mergetree;

import io.tstore.core.data.BinaryRow;
import io.tstore.core.data.InternalRow;
import io.tstore.core.mergetree.aggregate.AggregateFunction;
import io.tstore.core.mergetree.aggregate.FieldAggregator;
import io.tstore.core.mergetree.aggregate.VersionValueAggregator;
import io.tstore.core.options.CoreOptions;
import io.tstore.core.options.MergeEngine;
import io.tstore.core.types.DataField;
import io.tstore.core.types.RowType;
import io.tstore.lsm.merge.DeduplicateMergeFunction;
import io.tstore.lsm.merge.MergeFunctionFactory;
import io.tstore.options.ConfigOption;
import io.tstore.options.Options;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * Builds the merge engine of a primary-key table from its options. A record of the table's LSM tree is a
 * {@code KeyValue<BinaryRow, InternalRow>}: the primary key, and the full row (key fields included) as the value.
 * The engines merge the versions of one key, which a reader adds in ascending sequence number order:
 *
 * <ul>
 *   <li>{@code deduplicate}: the last version wins, deletes included (the LSM engine's
 *       {@link DeduplicateMergeFunction}).
 *   <li>{@code partial-update}: non-null fields of later versions overwrite earlier ones; the result is +I
 *       ({@link PartialUpdateMergeFunction}).
 *   <li>{@code aggregation}: each value field is folded by its {@code fields.<field>.aggregate-function}
 *       (default {@code last_non_null_value}; primary key fields keep the key); the result is +I
 *       ({@link AggregateMergeFunction}, functions in {@link AggregateFunction}).
 *   <li>{@code first-row}: the first version wins ({@link FirstRowMergeFunction}).
 * </ul>
 *
 * <p>Retractions (-U, -D): deduplicate applies them (the key is deleted); aggregation folds them into fields whose
 * function can take them (sum and count subtract, last_value clears, last_non_null_value keeps its value) and
 * keeps the key as +I; partial-update, first-row and the other aggregate functions fail with an error that names
 * the engine (and the fields) and suggests {@code ignore-delete}. With {@code ignore-delete} = true every engine
 * skips retractions ({@link IgnoreRetractMergeFunction}).
 *
 * <p>{@code sequence.field} orders the versions by that field (null first), then by sequence number: deduplicate
 * keeps the largest ({@link SequenceFieldDeduplicateMergeFunction}); partial-update and aggregation get the versions
 * sorted ({@link SequenceFieldSortedMergeFunction}); first-row, which keeps what was written first, rejects it.
 *
 * <p>The LSM tree merges runs that were merged before, so an engine is only correct if merging some versions first
 * and the result with the rest later gives the same as merging them all at once, retractions included (a
 * retraction often sits in a newer run than the row it retracts). Every engine here has that property, with one
 * exception documented on {@link SequenceFieldSortedMergeFunction}; the retractions that are refused are those
 * that could not keep it.
 */
public final class MergeFunctions {
    private MergeFunctions() {}

    /**
     * The merge engine of a table with this row type and primary key (all its fields, partition fields included),
     * configured by {@code merge-engine}, {@code ignore-delete}, {@code sequence.field} and
     * {@code fields.<field>.aggregate-function}. Fails, naming the option and its value, when they do not fit the
     * table; each merge function the factory creates is fresh and for one reader.
     */
    public static MergeFunctionFactory<BinaryRow, InternalRow> factory(
            RowType rowType, List<String> primaryKeys, Options options) {
        requireNonNull(rowType, "rowType is null");
        requireNonNull(primaryKeys, "primaryKeys is null");
        requireNonNull(options, "options is null");
        checkPrimaryKeys(rowType, primaryKeys);

        MergeEngine engine = options.get(CoreOptions.MERGE_ENGINE);
        boolean ignoreDelete = options.get(CoreOptions.IGNORE_DELETE);
        String sequenceField = options.get(CoreOptions.SEQUENCE_FIELD);
        SequenceFieldOrder order = sequenceField == null ? null : sequenceFieldOrder(rowType, sequenceField);
        checkAggregateFunctionOptions(rowType, primaryKeys, sequenceField, options, engine);

        MergeFunctionFactory<BinaryRow, InternalRow> engineFactory;
        switch (engine) {
            case DEDUPLICATE:
                engineFactory = order == null
                        ? DeduplicateMergeFunction.factory()
                        : () -> new SequenceFieldDeduplicateMergeFunction(order);
                break;
            case PARTIAL_UPDATE:
                engineFactory = sorted(order, () -> new PartialUpdateMergeFunction(rowType));
                break;
            case AGGREGATION: {
                List<AggregateFunction> functions = aggregateFunctions(rowType, primaryKeys, sequenceField, options);
                engineFactory = sorted(order, () -> new AggregateMergeFunction(rowType, aggregators(rowType, functions)));
                break;
            }
            case FIRST_ROW:
                if (order != null) {
                    throw new IllegalArgumentException(String.format(
                            "Option '%s' ('%s') cannot be used with merge-engine '%s', which keeps the first version "
                                    + "written; remove the option, or use merge-engine 'deduplicate' to keep the "
                                    + "version with the largest '%s'",
                            CoreOptions.SEQUENCE_FIELD.key(), sequenceField, engine, sequenceField));
                }
                engineFactory = () -> new FirstRowMergeFunction(rowType);
                break;
            default:
                throw new AssertionError(engine);
        }
        if (!ignoreDelete) {
            return engineFactory;
        }
        return () -> new IgnoreRetractMergeFunction<>(engineFactory.create());
    }

    static InternalRow.FieldGetter[] fieldGetters(RowType rowType) {
        InternalRow.FieldGetter[] getters = new InternalRow.FieldGetter[rowType.fieldCount()];
        for (int i = 0; i < getters.length; i++) {
            getters[i] = InternalRow.createFieldGetter(rowType.typeAt(i), i);
        }
        return getters;
    }

    private static MergeFunctionFactory<BinaryRow, InternalRow> sorted(
            SequenceFieldOrder order, MergeFunctionFactory<BinaryRow, InternalRow> engine) {
        return order == null ? engine : () -> new SequenceFieldSortedMergeFunction(order, engine.create());
    }

    private static void checkPrimaryKeys(RowType rowType, List<String> primaryKeys) {
        if (primaryKeys.isEmpty()) {
            throw new IllegalArgumentException("A merge engine merges the versions of a primary key, but the table "
                    + "has no primary key; its fields are " + rowType.fieldNames());
        }
        for (String key : primaryKeys) {
            if (!rowType.containsField(key)) {
                throw new IllegalArgumentException("Primary key field '" + key + "' not found; the row has fields "
                        + rowType.fieldNames());
            }
        }
    }

    private static SequenceFieldOrder sequenceFieldOrder(RowType rowType, String sequenceField) {
        try {
            return new SequenceFieldOrder(rowType, sequenceField);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(String.format("Invalid value '%s' for option '%s': %s",
                    sequenceField, CoreOptions.SEQUENCE_FIELD.key(), e.getMessage()), e);
        }
    }

    /** Checks every {@code fields.<field>.aggregate-function} option, including those for fields that do not exist. */
    private static void checkAggregateFunctionOptions(
            RowType rowType, List<String> primaryKeys, String sequenceField, Options options, MergeEngine engine) {
        ConfigOption<String> template = CoreOptions.FIELD_AGGREGATE_FUNCTION;
        for (String key : options.toMap().keySet()) {
            if (!template.matches(key)) {
                continue;
            }
            String field = template.placeholderValue(key);
            if (engine != MergeEngine.AGGREGATION) {
                throw new IllegalArgumentException(String.format(
                        "Option '%s' applies only to merge-engine '%s', but the table's merge-engine is '%s'; "
                                + "remove the option or set 'merge-engine' = '%s'",
                        key, MergeEngine.AGGREGATION, engine, MergeEngine.AGGREGATION));
            }
            if (!rowType.containsField(field)) {
                throw new IllegalArgumentException(String.format(
                        "Option '%s' names field '%s', which the table does not have; its fields are %s",
                        key, field, rowType.fieldNames()));
            }
            if (primaryKeys.contains(field)) {
                throw new IllegalArgumentException(String.format(
                        "Option '%s' sets an aggregate function for primary key field '%s', which keeps the key's "
                                + "value; remove the option", key, field));
            }
            if (field.equals(sequenceField)) {
                throw new IllegalArgumentException(String.format(
                        "Option '%s' sets an aggregate function for the sequence field '%s', which keeps the largest "
                                + "sequence value of the versions; remove the option", key, field));
            }
        }
    }

    /** The function of each field, null for key and sequence fields; fails when a function does not fit its field. */
    private static List<AggregateFunction> aggregateFunctions(
            RowType rowType, List<String> primaryKeys, String sequenceField, Options options) {
        List<AggregateFunction> functions = new ArrayList<>();
        Set<String> keys = new HashSet<>(primaryKeys);
        for (DataField field : rowType.fields()) {
            if (keys.contains(field.name()) || field.name().equals(sequenceField)) {
                functions.add(null);
                continue;
            }
            ConfigOption<String> option = CoreOptions.FIELD_AGGREGATE_FUNCTION.resolve(field.name());
            String name = options.get(option);
            AggregateFunction function = name == null
                    ? AggregateFunction.DEFAULT
                    : AggregateFunction.fromName(name, field.name(), option.key());
            try {
                function.create(field.name(), field.type());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(String.format(
                        "Invalid value '%s' for option '%s': %s", name, option.key(), e.getMessage()), e);
            }
            functions.add(function);
        }
        return functions;
    }

    private static List<FieldAggregator> aggregators(RowType rowType, List<AggregateFunction> functions) {
        List<FieldAggregator> aggregators = new ArrayList<>(functions.size());
        for (int i = 0; i < functions.size(); i++) {
            DataField field = rowType.fields().get(i);
            AggregateFunction function = functions.get(i);
            aggregators.add(function == null
                    ? new VersionValueAggregator(field.name(), field.type())
                    : function.create(field.name(), field.type()));
        }
        return aggregators;
    }
}
