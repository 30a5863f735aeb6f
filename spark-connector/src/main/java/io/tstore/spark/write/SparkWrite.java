package io.tstore.spark.write;

import io.tstore.core.commit.CommitMessage;
import io.tstore.core.connector.CommitHelper;
import io.tstore.core.connector.PendingCommit;
import io.tstore.core.connector.TableHandle;
import io.tstore.core.options.CoreOptions;
import io.tstore.core.table.FileStoreTable;
import io.tstore.spark.stream.SparkStreamingWrite;

import org.apache.spark.sql.connector.distributions.Distribution;
import org.apache.spark.sql.connector.distributions.Distributions;
import org.apache.spark.sql.connector.expressions.Expression;
import org.apache.spark.sql.connector.expressions.SortOrder;
import org.apache.spark.sql.connector.write.BatchWrite;
import org.apache.spark.sql.connector.write.DataWriterFactory;
import org.apache.spark.sql.connector.write.PhysicalWriteInfo;
import org.apache.spark.sql.connector.write.RequiresDistributionAndOrdering;
import org.apache.spark.sql.connector.write.Write;
import org.apache.spark.sql.connector.write.WriterCommitMessage;
import org.apache.spark.sql.connector.write.streaming.StreamingWrite;
import org.apache.spark.sql.internal.SQLConf;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One Spark write job into a table: rows are clustered so that each (partition, bucket) has exactly one writer
 * task ({@link BucketOwnerFunction}), each task writes through the core's {@code TableWrite} and returns its commit
 * messages, and the driver commits them all in one atomic commit through the core's {@code CommitHelper} (one
 * snapshot, or an APPEND and a COMPACT snapshot), or, when the job or its commit fails, deletes the files its tasks
 * wrote.
 */
public final class SparkWrite implements Write, RequiresDistributionAndOrdering, BatchWrite {
    private static final Logger LOG = LoggerFactory.getLogger(SparkWrite.class);
    /** Every job commits as a user of its own, so its one commit has identifier 1. */
    private static final long COMMIT_IDENTIFIER = 1;

    /** How the job's rows change the table. */
    public enum Mode {
        APPEND,
        STATIC_OVERWRITE,
        DYNAMIC_OVERWRITE
    }

    private final FileStoreTable table;
    private final Mode mode;
    private final Map<String, String> staticPartition;
    private final String commitUser;
    private final String queryId;
    private final int tasks;

    SparkWrite(FileStoreTable table, String queryId, Mode mode, Map<String, String> staticPartition) {
        this.queryId = queryId;
        this.table = table;
        this.mode = mode;
        this.staticPartition = staticPartition;
        this.commitUser = "spark-" + queryId + "-" + UUID.randomUUID();
        this.tasks = tasks(table);
    }

    /** The writer tasks of a job: one per bucket of an unpartitioned table, else the session's shuffle partitions. */
    static int tasks(FileStoreTable table) {
        int buckets = table.options().get(CoreOptions.BUCKET);
        // An unpartitioned table has as many buckets as tasks can usefully write; a partitioned one spreads its
        // partitions' buckets over the session's shuffle partitions.
        return table.partitionKeys().isEmpty() ? buckets : Math.max(1, SQLConf.get().numShufflePartitions());
    }

    @Override
    public String description() {
        return "tstore " + mode.name().toLowerCase() + " into " + table.name()
                + (staticPartition == null || staticPartition.isEmpty() ? "" : " partition " + staticPartition);
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

    /** The commit user of the job, which its writer tasks write as. */
    String commitUser() {
        return commitUser;
    }

    @Override
    public BatchWrite toBatch() {
        return this;
    }

    @Override
    public StreamingWrite toStreaming() {
        if (mode != Mode.APPEND) {
            throw new UnsupportedOperationException("Table " + table.name() + " takes streaming writes in append "
                    + "output mode only (rows of primary-key tables are upserts), not as an overwrite (" + mode + ")");
        }
        String streamUser = SparkStreamingWrite.commitUser(queryId);
        return new SparkStreamingWrite(table, queryId, new SparkDataWriterFactory(TableHandle.of(table), false, streamUser));
    }

    @Override
    public DataWriterFactory createBatchWriterFactory(PhysicalWriteInfo info) {
        return new SparkDataWriterFactory(TableHandle.of(table), mode != Mode.APPEND, commitUser);
    }

    @Override
    public void commit(WriterCommitMessage[] messages) {
        PendingCommit pending = PendingCommit.of(COMMIT_IDENTIFIER, SparkCommitMessage.collect(messages));
        CommitHelper committer = new CommitHelper(table, commitUser);
        try {
            switch (mode) {
                case APPEND -> committer.commitOrAbort(pending);
                case STATIC_OVERWRITE -> committer.overwriteOrAbort(staticPartition, pending);
                case DYNAMIC_OVERWRITE -> committer.overwriteOrAbort(null, pending);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot commit a Spark write to table " + table.name()
                    + "; the files of the write are deleted", e);
        }
    }

    @Override
    public void abort(WriterCommitMessage[] messages) {
        List<CommitMessage> all = SparkCommitMessage.collect(messages);
        LOG.info("Table {}: a Spark write failed; deleting the files of its {} commit messages", table.name(), all.size());
        new CommitHelper(table, commitUser).abort(all);
    }
}
