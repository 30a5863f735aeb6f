package io.tstore.trino;

import io.airlift.slice.Slice;
import io.trino.spi.Page;
import io.trino.spi.TrinoException;
import io.trino.spi.block.Block;
import io.trino.spi.connector.ConnectorMergeSink;
import io.trino.spi.type.TinyintType;
import io.trino.spi.type.Type;
import io.tstore.core.data.GenericRow;
import io.tstore.core.options.CoreOptions;
import io.tstore.core.options.MergeEngine;
import io.tstore.core.table.FileStoreTable;
import io.tstore.core.types.RowType;
import io.tstore.lsm.RowKind;

import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static io.trino.spi.StandardErrorCode.NOT_SUPPORTED;
import static java.util.Objects.requireNonNull;

/**
 * One writer task of a DELETE, UPDATE or MERGE on a primary-key table. Trino's merge pages hold the table's
 * columns, the operation, the case number and the row id (the primary key as a row). Nothing is rewritten: a
 * delete is a -D record of the key, an insert or the new version of an updated row is an upsert (+I, +U) into the
 * key's LSM tree. The old version of an updated row needs no record: its key is the same (updating a key or
 * partition column is refused before the query runs), so the upsert replaces it.
 */
final class TStoreMergeSink implements ConnectorMergeSink {
    private final TStorePageSink writer;
    private final FileStoreTable table;
    private final int dataColumns;
    private final int[] keyFields;
    private final RowType keyType;
    private final Type keyTrinoType;

    TStoreMergeSink(TStorePageSink writer) {
        this.writer = requireNonNull(writer, "writer is null");
        this.table = writer.table();
        RowType rowType = table.rowType();
        this.dataColumns = rowType.fieldCount();
        List<String> keys = rowIdColumns(table);
        this.keyFields = new int[keys.size()];
        for (int i = 0; i < keyFields.length; i++) {
            keyFields[i] = rowType.fieldIndex(keys.get(i));
        }
        this.keyType = rowType.project(keys);
        this.keyTrinoType = TypeMapping.toTrinoType(keyType);
    }

    /**
     * The columns of the merge row id: the primary key, then the NOT NULL columns outside it. Trino gives a deleted
     * row's columns as nulls; the -D record takes its key, and the values a NOT NULL column must have, from the row
     * id. Its other columns are null: a changelog of deletes with their old values comes from the 'lookup' or
     * 'full-compaction' changelog producers.
     */
    static List<String> rowIdColumns(FileStoreTable table) {
        List<String> columns = new java.util.ArrayList<>(table.primaryKeys());
        for (io.tstore.core.types.DataField field : table.rowType().fields()) {
            if (!field.type().isNullable() && !columns.contains(field.name())) {
                columns.add(field.name());
            }
        }
        return columns;
    }

    @Override
    public void storeMergedRows(Page page) {
        Block operations = page.getBlock(dataColumns);
        Block rowIds = page.getBlock(dataColumns + 2);
        for (int position = 0; position < page.getPositionCount(); position++) {
            int operation = TinyintType.TINYINT.getByte(operations, position);
            switch (operation) {
                case INSERT_OPERATION_NUMBER -> writer.write(writer.row(page, position, RowKind.INSERT));
                case UPDATE_INSERT_OPERATION_NUMBER, UPDATE_OPERATION_NUMBER -> writer.write(writer.row(page, position, RowKind.UPDATE_AFTER));
                case UPDATE_DELETE_OPERATION_NUMBER -> {
                    // the UPDATE_INSERT of the same key replaces this version
                }
                case DELETE_OPERATION_NUMBER -> writer.write(deletion(page, position, rowIds));
                default -> throw new IllegalStateException("Unknown merge operation " + operation);
            }
        }
    }

    /** A -D record: its key and NOT NULL columns from the row id, its other columns null. */
    private GenericRow deletion(Page page, int position, Block rowIds) {
        MergeEngine engine = table.options().get(CoreOptions.MERGE_ENGINE);
        if (engine != MergeEngine.DEDUPLICATE || table.options().get(CoreOptions.IGNORE_DELETE)) {
            throw new TrinoException(NOT_SUPPORTED, "Cannot delete rows of table " + table.name() + ": its merge engine '" + engine + "'"
                    + (table.options().get(CoreOptions.IGNORE_DELETE) ? " with 'ignore-delete'" : "")
                    + " cannot honour deletes; only merge-engine 'deduplicate' (without 'ignore-delete') deletes rows");
        }
        GenericRow row = writer.row(page, position, RowKind.DELETE);
        GenericRow key = (GenericRow) TypeMapping.toCoreValue(keyType, keyTrinoType, rowIds, position);
        for (int i = 0; i < keyFields.length; i++) {
            row.setField(keyFields[i], key.getField(i));
        }
        return row;
    }

    @Override
    public CompletableFuture<Collection<Slice>> finish() {
        return writer.finish();
    }

    @Override
    public void abort() {
        writer.abort();
    }
}
