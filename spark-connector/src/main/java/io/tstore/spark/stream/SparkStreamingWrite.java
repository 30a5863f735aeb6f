package io.tstore.spark.stream;

import io.tstore.core.commit.CommitMessage;
import io.tstore.core.connector.CommitHelper;
import io.tstore.core.connector.PendingCommit;
import io.tstore.core.table.FileStoreTable;
import io.tstore.spark.write.SparkCommitMessage;

import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.connector.write.DataWriter;
import org.apache.spark.sql.connector.write.DataWriterFactory;
import org.apache.spark.sql.connector.write.PhysicalWriteInfo;
import org.apache.spark.sql.connector.write.WriterCommitMessage;
import org.apache.spark.sql.connector.write.streaming.StreamingDataWriterFactory;
import org.apache.spark.sql.connector.write.streaming.StreamingWrite;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * A Structured Streaming sink: each micro-batch (epoch) is one commit through the core's {@code CommitHelper}, as
 * the commit user {@code spark-stream-<query id>} (Spark keeps a query's id in its checkpoint) with the epoch id as
 * the commit identifier. A micro-batch that Spark runs again after a restart (its commit landed, but Spark's own
 * commit log did not record it) is found committed by that identity: its new files are deleted and nothing is
 * written twice. Rows of primary-key tables are upserts; the writers are those of batch writes (one task per
 * bucket, sharing an executor's write resources).
 */
public final class SparkStreamingWrite implements StreamingWrite {
    private static final Logger LOG = LoggerFactory.getLogger(SparkStreamingWrite.class);

    private final FileStoreTable table;
    private final String commitUser;
    private final DataWriterFactory writers;

    /** @param writers the batch writer factory, writing as {@link #commitUser(String)} of the query */
    public SparkStreamingWrite(FileStoreTable table, String queryId, DataWriterFactory writers) {
        this.table = requireNonNull(table, "table is null");
        this.commitUser = commitUser(requireNonNull(queryId, "queryId is null"));
        this.writers = requireNonNull(writers, "writers is null");
    }

    /** The commit user of a streaming query: the same across the query's restarts from its checkpoint. */
    public static String commitUser(String queryId) {
        return "spark-stream-" + queryId;
    }

    @Override
    public StreamingDataWriterFactory createStreamingWriterFactory(PhysicalWriteInfo info) {
        return new Factory(writers);
    }

    @Override
    public void commit(long epochId, WriterCommitMessage[] messages) {
        List<CommitMessage> all = SparkCommitMessage.collect(messages);
        PendingCommit pending = PendingCommit.of(epochId, all);
        CommitHelper committer = new CommitHelper(table, commitUser);
        try {
            if (committer.filterCommitted(List.of(pending)).isEmpty()) {
                LOG.info("Table {}: micro-batch {} of commit user {} is committed already; deleting the {} files "
                        + "of its replay", table.name(), epochId, commitUser, all.size());
                committer.abort(all);
                return;
            }
            committer.commitOrAbort(pending);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot commit micro-batch " + epochId + " of a Spark stream to table "
                    + table.name() + "; its files are deleted", e);
        }
    }

    @Override
    public void abort(long epochId, WriterCommitMessage[] messages) {
        List<CommitMessage> all = SparkCommitMessage.collect(messages);
        LOG.info("Table {}: micro-batch {} failed; deleting the files of its {} commit messages", table.name(),
                epochId, all.size());
        new CommitHelper(table, commitUser).abort(all);
    }

    @Override
    public String toString() {
        return "tstore stream into " + table.name();
    }

    /** The batch writers, one per task of each epoch. */
    private record Factory(DataWriterFactory writers) implements StreamingDataWriterFactory {
        @Override
        public DataWriter<InternalRow> createWriter(int partitionId, long taskId, long epochId) {
            return writers.createWriter(partitionId, taskId);
        }
    }
}
