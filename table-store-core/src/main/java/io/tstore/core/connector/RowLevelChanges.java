package io.tstore.core.connector;

import io.tstore.core.data.GenericRow;
import io.tstore.core.options.ChangelogOptions;
import io.tstore.core.options.ChangelogProducer;
import io.tstore.core.options.CoreOptions;
import io.tstore.core.options.MergeEngine;
import io.tstore.core.table.FileStoreTable;
import io.tstore.core.types.DataField;
import io.tstore.core.types.RowType;
import io.tstore.lsm.RowKind;

import java.util.ArrayList;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * Row-level changes of SQL {@code DELETE}, {@code UPDATE} and {@code MERGE INTO} written as deltas into a
 * primary-key table: a delete record ({@code -D}) of the key of each deleted row and an upsert ({@code +U}) of each
 * updated row, keyed by the primary key, never rewriting files. Whether a table can take them is a pure decision of
 * its options, made before anything is written:
 *
 * <ul>
 *   <li>a table without primary key has no row to key a delta by;
 *   <li>deletes need a merge engine that removes the row: {@code deduplicate} without {@code ignore-delete} and
 *       without {@code sequence.field} (a delete record carries no value of that field, so it would order before the
 *       row it deletes), and nullable non-key columns (the record holds the key only);
 *   <li>updates need a merge engine that takes a new version of a row as the row: {@code deduplicate}, or
 *       {@code partial-update} (where a column set to NULL keeps its old value, as for any write);
 *       {@code aggregation} would fold the new row into the old one and {@code first-row} would keep the old one;
 *   <li>neither with {@code changelog-producer = input}: its changelog is the records written, and a delta carries
 *       neither the values of a deleted row nor the old values of an updated one.
 * </ul>
 */
public final class RowLevelChanges {
    private RowLevelChanges() {}

    /** Fails, naming the table and what stands in the way, when {@code statement} cannot delete rows of the table. */
    public static void checkDeletes(FileStoreTable table, String statement) {
        checkCommon(table, statement);
        MergeEngine engine = table.options().get(CoreOptions.MERGE_ENGINE);
        if (engine != MergeEngine.DEDUPLICATE) {
            throw new UnsupportedOperationException(String.format(
                    "Table %s cannot delete rows (%s): its merge-engine '%s' does not remove a row on a delete; only "
                            + "merge-engine 'deduplicate' does", table.name(), statement, engine));
        }
        if (table.options().get(CoreOptions.IGNORE_DELETE)) {
            throw new UnsupportedOperationException(String.format(
                    "Table %s cannot delete rows (%s): it has '%s' = 'true', which ignores deletes",
                    table.name(), statement, CoreOptions.IGNORE_DELETE.key()));
        }
        String sequenceField = table.options().get(CoreOptions.SEQUENCE_FIELD);
        if (sequenceField != null) {
            throw new UnsupportedOperationException(String.format(
                    "Table %s cannot delete rows (%s): it orders versions by '%s' = '%s', and a delete carries only "
                            + "the primary key", table.name(), statement, CoreOptions.SEQUENCE_FIELD.key(), sequenceField));
        }
        for (DataField field : table.rowType().fields()) {
            if (!field.type().isNullable() && !table.primaryKeys().contains(field.name())) {
                throw new UnsupportedOperationException(String.format(
                        "Table %s cannot delete rows (%s): column '%s' is NOT NULL and not part of the primary key %s, "
                                + "and a delete carries only the primary key; "
                                + "ALTER the column to DROP NOT NULL first", table.name(), statement, field.name(),
                        table.primaryKeys()));
            }
        }
    }

    /** Fails, naming the table and what stands in the way, when {@code statement} cannot update rows of the table. */
    public static void checkUpdates(FileStoreTable table, String statement) {
        checkCommon(table, statement);
        MergeEngine engine = table.options().get(CoreOptions.MERGE_ENGINE);
        if (engine != MergeEngine.DEDUPLICATE && engine != MergeEngine.PARTIAL_UPDATE) {
            throw new UnsupportedOperationException(String.format(
                    "Table %s cannot update rows (%s): its merge-engine '%s' %s; only merge-engines 'deduplicate' and "
                            + "'partial-update' take a new version of a row as the row",
                    table.name(), statement, engine,
                    engine == MergeEngine.AGGREGATION ? "would fold the new row into the old one"
                            : "would keep the old row"));
        }
    }

    /** Whether {@link #checkDeletes} passes. */
    public static boolean canDelete(FileStoreTable table) {
        try {
            checkDeletes(table, "DELETE");
            return true;
        } catch (UnsupportedOperationException e) {
            return false;
        }
    }

    /**
     * The delete record of the row whose primary key values are {@code key} (in primary key order): the key
     * columns set, the others null.
     */
    public static GenericRow deleteOf(FileStoreTable table, Object[] key) {
        requireNonNull(key, "key is null");
        List<String> primaryKeys = table.primaryKeys();
        if (key.length != primaryKeys.size()) {
            throw new IllegalArgumentException("Table " + table.name() + " has primary key " + primaryKeys
                    + ", but a delete has " + key.length + " key values");
        }
        RowType rowType = table.rowType();
        GenericRow row = new GenericRow(rowType.fieldCount());
        row.setRowKind(RowKind.DELETE);
        for (int i = 0; i < key.length; i++) {
            row.setField(rowType.fieldIndex(primaryKeys.get(i)), key[i]);
        }
        return row;
    }

    /** The positions of the primary key columns in the table's rows, in primary key order. */
    public static int[] keyPositions(FileStoreTable table) {
        List<Integer> positions = new ArrayList<>();
        for (String key : table.primaryKeys()) {
            positions.add(table.rowType().fieldIndex(key));
        }
        return positions.stream().mapToInt(Integer::intValue).toArray();
    }

    private static void checkCommon(FileStoreTable table, String statement) {
        requireNonNull(table, "table is null");
        requireNonNull(statement, "statement is null");
        if (table.primaryKeys().isEmpty()) {
            throw new UnsupportedOperationException(String.format(
                    "Table %s has no primary key: %s changes rows by their primary key, so it works on primary-key "
                            + "tables only; rewrite the table with INSERT OVERWRITE instead", table.name(), statement));
        }
        if (table.options().get(ChangelogOptions.CHANGELOG_PRODUCER) == ChangelogProducer.INPUT) {
            throw new UnsupportedOperationException(String.format(
                    "Table %s cannot take %s: with '%s' = 'input' its changelog is the records written, and a "
                            + "row-level change carries neither the values of a deleted row nor the old values of an "
                            + "updated one; use changelog-producer 'lookup' or 'full-compaction'",
                    table.name(), statement, ChangelogOptions.CHANGELOG_PRODUCER.key()));
        }
    }
}
