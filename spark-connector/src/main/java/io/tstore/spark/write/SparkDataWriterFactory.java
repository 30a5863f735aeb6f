package io.tstore.spark.write;

import io.tstore.core.commit.CommitMessage;
import io.tstore.core.connector.TableHandle;
import io.tstore.core.table.FileStoreTable;
import io.tstore.core.table.TableWrite;
import io.tstore.spark.data.ToCore;

import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.connector.write.DataWriter;
import org.apache.spark.sql.connector.write.DataWriterFactory;
import org.apache.spark.sql.connector.write.WriterCommitMessage;

import java.io.IOException;
import java.util.List;

/**
 * Makes the writer of each task on executors: a core {@code TableWrite} of the table reopened from its handle.
 * Rows of primary-key tables are upserts.
 */
public final class SparkDataWriterFactory implements DataWriterFactory {
    private static final long serialVersionUID = 1L;

    private final TableHandle handle;
    private final boolean overwrite;

    SparkDataWriterFactory(TableHandle handle, boolean overwrite) {
        this.handle = handle;
        this.overwrite = overwrite;
    }

    @Override
    public DataWriter<InternalRow> createWriter(int partitionId, long taskId) {
        FileStoreTable table = handle.loadDataTable();
        return new Writer(table.newWrite(overwrite), ToCore.fields(table.rowType()));
    }

    private static final class Writer implements DataWriter<InternalRow> {
        private final TableWrite write;
        private final ToCore[] fields;
        private boolean closed;

        Writer(TableWrite write, ToCore[] fields) {
            this.write = write;
            this.fields = fields;
        }

        @Override
        public void write(InternalRow row) throws IOException {
            write.write(ToCore.row(row, fields));
        }

        @Override
        public WriterCommitMessage commit() throws IOException {
            List<CommitMessage> messages = write.prepareCommit(true);
            return new SparkCommitMessage(messages);
        }

        /** Deletes what this task wrote: closing a core writer without a commit does. */
        @Override
        public void abort() throws IOException {
            close();
        }

        @Override
        public void close() throws IOException {
            if (!closed) {
                closed = true;
                write.close();
            }
        }
    }
}
