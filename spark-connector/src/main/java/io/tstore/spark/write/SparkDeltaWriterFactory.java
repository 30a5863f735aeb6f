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
 * column cannot be updated), an insert a {@code +I}. A change the table cannot take does not fail the task (the
 * files of tasks that finished meanwhile could be left behind): the task deletes its files and reports a
 * {@link Refusal}, and the driver deletes every task's files and fails the statement with its reason.
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
        /** Why the statement cannot delete a row it was asked to, once asked. */
        private String refusal;

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
            if (refusal != null) {
                return; // the statement fails: nothing more to write
            }
            if (!canDelete) {
                // A MERGE's WHEN ... THEN DELETE: the statement was only checked for updates when Spark planned it.
                // The task does not fail (a failed task can leave the files of tasks that finished meanwhile): it
                // reports the refusal, and the driver deletes every task's files and fails the statement.
                try {
                    RowLevelChanges.checkDeletes(table, statement);
                } catch (UnsupportedOperationException e) {
                    refuse(e.getMessage());
                }
                return;
            }
            writer.writeCore(RowLevelChanges.deleteOf(table, key(id)));
        }

        @Override
        public void update(InternalRow metadata, InternalRow id, InternalRow row) throws IOException {
            if (refusal != null) {
                return; // the statement fails: nothing more to write
            }
            GenericRow converted = ToCore.row(row, fields);
            Object[] oldKey = key(id);
            for (int i = 0; i < keyPositions.length; i++) {
                Object newValue = converted.getField(keyPositions[i]);
                if (!Arrays.deepEquals(new Object[] {oldKey[i]}, new Object[] {newValue})) {
                    String column = table.rowType().fieldNames().get(keyPositions[i]);
                    refuse(String.format(
                            "Table %s: %s cannot change primary key column '%s' (from %s to %s)%s; delete the row "
                                    + "and insert the new one instead", table.name(), statement, column, oldKey[i],
                            newValue, table.partitionKeys().contains(column) ? ", a partition key" : ""));
                    return;
                }
            }
            converted.setRowKind(RowKind.UPDATE_AFTER);
            writer.writeCore(converted);
        }

        /** Keeps the first change the table cannot take, for the driver; the task writes on and is deleted. */
        private void refuse(String reason) {
            if (refusal == null) {
                refusal = reason;
            }
        }

        @Override
        public void insert(InternalRow row) throws IOException {
            if (refusal != null) {
                return; // the statement fails: nothing more to write
            }
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
            if (refusal != null) {
                writer.abort();
                return new Refusal(refusal);
            }
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

    /** A task's report that the statement asked for a change the table cannot take; the task wrote no file. */
    static final class Refusal implements WriterCommitMessage {
        private static final long serialVersionUID = 1L;
        final String reason;

        Refusal(String reason) {
            this.reason = reason;
        }
    }
}
