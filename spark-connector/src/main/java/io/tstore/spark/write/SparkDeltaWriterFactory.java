package io.tstore.spark.write;

import io.tstore.core.connector.RowLevelChanges;
import io.tstore.core.connector.TableHandle;
import io.tstore.core.data.GenericRow;
import io.tstore.core.table.FileStoreTable;
import io.tstore.core.types.RowType;
import io.tstore.lsm.RowKind;
import io.tstore.spark.data.ToCore;

import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.connector.write.DeltaWriter;
import org.apache.spark.sql.connector.write.DeltaWriterFactory;
import org.apache.spark.sql.connector.write.WriterCommitMessage;

import java.io.IOException;
import java.util.Arrays;

/**
 * Makes each task's writer of a row-level statement's deltas: a delete becomes a {@code -D} record of the row's
 * primary key, an update a {@code +U} of the new row (whose primary key must be the row id's: a key or partition
 * column cannot be updated), an insert a {@code +I}.
 */
final class SparkDeltaWriterFactory implements DeltaWriterFactory {
    private static final long serialVersionUID = 1L;

    private final TableHandle handle;
    private final String commitUser;
    private final boolean canDelete;
    private final String statement;

    SparkDeltaWriterFactory(TableHandle handle, String commitUser, boolean canDelete, String statement) {
        this.handle = handle;
        this.commitUser = commitUser;
        this.canDelete = canDelete;
        this.statement = statement;
    }

    @Override
    public DeltaWriter<InternalRow> createWriter(int partitionId, long taskId) {
        FileStoreTable table = handle.loadDataTable();
        return new Writer(table, SparkDataWriterFactory.open(table, false, commitUser), canDelete, statement);
    }

    private static final class Writer implements DeltaWriter<InternalRow> {
        private final FileStoreTable table;
        private final SparkDataWriterFactory.Writer writer;
        private final boolean canDelete;
        private final String statement;
        private final ToCore[] fields;
        private final int[] keyPositions;
        private final ToCore[] keyFields;

        Writer(FileStoreTable table, SparkDataWriterFactory.Writer writer, boolean canDelete, String statement) {
            this.table = table;
            this.writer = writer;
            this.canDelete = canDelete;
            this.statement = statement;
            RowType rowType = table.rowType();
            this.fields = ToCore.fields(rowType);
            this.keyPositions = RowLevelChanges.keyPositions(table);
            this.keyFields = new ToCore[keyPositions.length];
            for (int i = 0; i < keyPositions.length; i++) {
                keyFields[i] = fields[keyPositions[i]];
            }
        }

        @Override
        public void delete(InternalRow metadata, InternalRow id) throws IOException {
            if (!canDelete) {
                // A MERGE's WHEN ... THEN DELETE: the statement was only checked for updates when Spark planned it.
                RowLevelChanges.checkDeletes(table, statement);
            }
            writer.writeCore(RowLevelChanges.deleteOf(table, key(id)));
        }

        @Override
        public void update(InternalRow metadata, InternalRow id, InternalRow row) throws IOException {
            GenericRow converted = ToCore.row(row, fields);
            Object[] oldKey = key(id);
            for (int i = 0; i < keyPositions.length; i++) {
                Object newValue = converted.getField(keyPositions[i]);
                if (!Arrays.deepEquals(new Object[] {oldKey[i]}, new Object[] {newValue})) {
                    String column = table.rowType().fieldNames().get(keyPositions[i]);
                    throw new UnsupportedOperationException(String.format(
                            "Table %s: %s cannot change primary key column '%s' (from %s to %s)%s; delete the row "
                                    + "and insert the new one instead", table.name(), statement, column, oldKey[i],
                            newValue, table.partitionKeys().contains(column) ? ", a partition key" : ""));
                }
            }
            converted.setRowKind(RowKind.UPDATE_AFTER);
            writer.writeCore(converted);
        }

        @Override
        public void insert(InternalRow row) throws IOException {
            writer.write(row);
        }

        private Object[] key(InternalRow id) {
            Object[] key = new Object[keyFields.length];
            for (int i = 0; i < key.length; i++) {
                key[i] = keyFields[i].convert(id, i);
            }
            return key;
        }

        @Override
        public WriterCommitMessage commit() throws IOException {
            return writer.commit();
        }

        @Override
        public void abort() throws IOException {
            writer.abort();
        }

        @Override
        public void close() throws IOException {
            writer.close();
        }
    }
}
