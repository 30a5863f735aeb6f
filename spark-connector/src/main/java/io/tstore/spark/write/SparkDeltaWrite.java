package io.tstore.spark.write;

import io.tstore.core.connector.CommitHelper;
import io.tstore.core.connector.PendingCommit;
import io.tstore.core.connector.RowLevelChanges;
import io.tstore.core.connector.TableHandle;
import io.tstore.core.table.FileStoreTable;

import org.apache.spark.sql.connector.distributions.Distribution;
import org.apache.spark.sql.connector.distributions.Distributions;
import org.apache.spark.sql.connector.expressions.Expression;
import org.apache.spark.sql.connector.expressions.SortOrder;
import org.apache.spark.sql.connector.write.DeltaBatchWrite;
import org.apache.spark.sql.connector.write.DeltaWrite;
import org.apache.spark.sql.connector.write.DeltaWriterFactory;
import org.apache.spark.sql.connector.write.PhysicalWriteInfo;
import org.apache.spark.sql.connector.write.RequiresDistributionAndOrdering;
import org.apache.spark.sql.connector.write.RowLevelOperation;
import org.apache.spark.sql.connector.write.WriterCommitMessage;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.UUID;

/**
 * The write of a row-level statement's deltas: clustered as {@code INSERT} is (one writer task per bucket, by
 * {@link BucketOwnerFunction} of the primary key, which every delete, update and insert carries), each task writes
 * deletes and upserts through the core's {@code TableWrite}, and the driver commits all tasks' messages in one atomic
 * APPEND commit through {@code CommitHelper}, or deletes their files when the job or the commit fails.
 */
final class SparkDeltaWrite implements DeltaWrite, DeltaBatchWrite, RequiresDistributionAndOrdering {
    private static final Logger LOG = LoggerFactory.getLogger(SparkDeltaWrite.class);
    private static final long COMMIT_IDENTIFIER = 1;

    private final FileStoreTable table;
    private final RowLevelOperation.Command command;
    private final String commitUser;
    private final int tasks;

    SparkDeltaWrite(FileStoreTable table, String queryId, RowLevelOperation.Command command) {
        this.table = table;
        this.command = command;
        this.commitUser = "spark-" + queryId + "-" + UUID.randomUUID();
        this.tasks = SparkWrite.tasks(table);
    }

    @Override
    public String description() {
        return "tstore " + command + " of " + table.name();
    }

    @Override
    public Distribution requiredDistribution() {
        Expression owner = BucketOwnerFunction.clustering(table, tasks);
        return Distributions.clustered(new Expression[] {owner});
    }

    @Override
    public int requiredNumPartitions() {
        return tasks;
    }

    @Override
    public SortOrder[] requiredOrdering() {
        return new SortOrder[0];
    }

    @Override
    public DeltaBatchWrite toBatch() {
        return this;
    }

    @Override
    public DeltaWriterFactory createBatchWriterFactory(PhysicalWriteInfo info) {
        return new SparkDeltaWriterFactory(TableHandle.of(table), commitUser, RowLevelChanges.canDelete(table),
                command.toString());
    }

    @Override
    public void commit(WriterCommitMessage[] messages) {
        try {
            new CommitHelper(table, commitUser).commitOrAbort(PendingCommit.of(COMMIT_IDENTIFIER, SparkWrite.collect(messages)));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot commit the " + command + " of table " + table.name()
                    + "; the files of the write are deleted", e);
        }
    }

    @Override
    public void abort(WriterCommitMessage[] messages) {
        LOG.info("Table {}: a Spark {} failed; deleting the files of its tasks", table.name(), command);
        new CommitHelper(table, commitUser).abort(SparkWrite.collect(messages));
    }
}
