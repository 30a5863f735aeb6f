package io.tstore.spark.write;

import io.tstore.core.connector.RowLevelChanges;
import io.tstore.core.connector.TableHandle;
import io.tstore.core.table.FileStoreTable;

import org.apache.spark.sql.connector.distributions.Distribution;
import org.apache.spark.sql.connector.expressions.SortOrder;
import org.apache.spark.sql.connector.write.DeltaBatchWrite;
import org.apache.spark.sql.connector.write.DeltaWrite;
import org.apache.spark.sql.connector.write.DeltaWriterFactory;
import org.apache.spark.sql.connector.write.PhysicalWriteInfo;
import org.apache.spark.sql.connector.write.RequiresDistributionAndOrdering;
import org.apache.spark.sql.connector.write.RowLevelOperation;
import org.apache.spark.sql.connector.write.WriterCommitMessage;

/**
 * The write of a row-level statement's deltas, planned and committed as an append ({@link SparkWrite}): clustered as
 * {@code INSERT} is (one writer task per bucket, by {@link BucketOwnerFunction} of the primary key, which every
 * delete, update and insert carries), each task writes deletes and upserts through the core's {@code TableWrite},
 * and the driver commits all tasks' messages in one atomic APPEND commit through {@code CommitHelper}, or deletes
 * their files when the job or the commit fails.
 */
final class SparkDeltaWrite implements DeltaWrite, DeltaBatchWrite, RequiresDistributionAndOrdering {
    private final FileStoreTable table;
    private final RowLevelOperation.Command command;
    private final SparkWrite append;

    SparkDeltaWrite(FileStoreTable table, String queryId, RowLevelOperation.Command command) {
        this.table = table;
        this.command = command;
        this.append = new SparkWrite(table, queryId, SparkWrite.Mode.APPEND, null);
    }

    @Override
    public String description() {
        return "tstore " + command + " of " + table.name();
    }

    @Override
    public Distribution requiredDistribution() {
        return append.requiredDistribution();
    }

    @Override
    public int requiredNumPartitions() {
        return append.requiredNumPartitions();
    }

    @Override
    public SortOrder[] requiredOrdering() {
        return append.requiredOrdering();
    }

    @Override
    public DeltaBatchWrite toBatch() {
        return this;
    }

    @Override
    public DeltaWriterFactory createBatchWriterFactory(PhysicalWriteInfo info) {
        return new SparkDeltaWriterFactory(TableHandle.of(table), append.commitUser(), RowLevelChanges.canDelete(table),
                command.toString());
    }

    /** Commits the tasks' changes, or, when a task refused one (a delete the table cannot take), deletes them all. */
    @Override
    public void commit(WriterCommitMessage[] messages) {
        for (WriterCommitMessage message : messages) {
            if (message instanceof SparkDeltaWriterFactory.Refusal refusal) {
                append.abort(messages);
                throw new UnsupportedOperationException(refusal.reason);
            }
        }
        append.commit(messages);
    }

    @Override
    public void abort(WriterCommitMessage[] messages) {
        append.abort(messages);
    }
}
