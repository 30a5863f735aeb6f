package io.tstore.spark.write;

import io.tstore.core.commit.CommitMessage;
import io.tstore.core.connector.CommitHelper;
import io.tstore.core.connector.TableHandle;
import io.tstore.core.connector.WriteBuilder;
import io.tstore.core.table.FileStoreTable;
import io.tstore.core.table.TableWrite;
import io.tstore.spark.data.ToCore;

import org.apache.spark.TaskContext;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.connector.write.DataWriter;
import org.apache.spark.sql.connector.write.DataWriterFactory;
import org.apache.spark.sql.connector.write.WriterCommitMessage;
import org.apache.spark.util.TaskCompletionListener;

import java.io.IOException;
import java.util.List;

/**
 * Makes the writer of each task on executors: a core {@code TableWrite} of the table reopened from its handle, built
 * by the core's {@code WriteBuilder} on the executor's shared {@link ExecutorWriteResources}. Rows of primary-key
 * tables are upserts.
 */
public final class SparkDataWriterFactory implements DataWriterFactory {
    private static final long serialVersionUID = 1L;

    private final TableHandle handle;
    private final boolean overwrite;
    private final String commitUser;

    SparkDataWriterFactory(TableHandle handle, boolean overwrite, String commitUser) {
        this.handle = handle;
        this.overwrite = overwrite;
        this.commitUser = commitUser;
    }

    @Override
    public DataWriter<InternalRow> createWriter(int partitionId, long taskId) {
        return open(handle.loadDataTable(), overwrite, commitUser);
    }

    /** A task's writer of the table, on the executor's shared write resources. */
    static Writer open(FileStoreTable table, boolean overwrite, String commitUser) {
        TableWrite write = WriteBuilder.of(table)
                .withOverwrite(overwrite)
                .withResources(ExecutorWriteResources.get(table.options()))
                .build();
        return new Writer(new CommitHelper(table, commitUser), table.name(), write, ToCore.fields(table.rowType()));
    }

    /** One task's writer: a core {@code TableWrite}, its commit messages handed to the driver once. */
    static class Writer implements DataWriter<InternalRow> {
        private final CommitHelper committer;
        private final String tableName;
        private final TableWrite write;
        private final ToCore[] fields;
        private boolean closed;

        Writer(CommitHelper committer, String tableName, TableWrite write, ToCore[] fields) {
            this.committer = committer;
            this.tableName = tableName;
            this.write = write;
            this.fields = fields;
        }

        @Override
        public void write(InternalRow row) throws IOException {
            write.write(ToCore.row(row, fields));
        }

        /** Writes a row of the core's form (its row kind says upsert or delete). */
        void writeCore(io.tstore.core.data.InternalRow row) throws IOException {
            write.write(row);
        }

        @Override
        public WriterCommitMessage commit() throws IOException {
            List<CommitMessage> messages = write.prepareCommit(true);
            // A task killed now (its job failed, or it lost a speculative race) has its result dropped, and the
            // driver never learns of these files: the task deletes them itself. Spark marks a task interrupted
            // before it interrupts the thread, so a kill before the end of the task is seen here or by the listener.
            TaskContext context = TaskContext.get();
            if (context != null) {
                if (context.isInterrupted()) {
                    committer.abort(messages);
                    throw new IOException("Writer task of table " + tableName + " was killed; its files are deleted");
                }
                context.addTaskCompletionListener((TaskCompletionListener) done -> {
                    if (done.isInterrupted() || done.isFailed()) {
                        committer.abort(messages);
                    }
                });
            }
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
