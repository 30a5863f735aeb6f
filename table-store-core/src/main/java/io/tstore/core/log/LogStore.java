package io.tstore.core.log;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntPredicate;

/**
 * The log of one table: one log partition per bucket, carrying the rows that writers write, with their row kinds,
 * in the order each bucket's writer wrote them. Offsets are per bucket; a table commit records the next offset of
 * each bucket in its snapshot ({@code Snapshot.logOffsets}), so that a reader of a snapshot's files can continue
 * from the log exactly where the files end.
 *
 * <p>A log store holds clients (an admin client) and must be closed.
 */
public interface LogStore extends AutoCloseable {

    /** What and where the log is, for messages: e.g. {@code Kafka topic 'tstore.shop.orders'}. */
    String describe();

    /**
     * Creates the log with one partition per bucket when it does not exist, or checks that the existing one has one
     * partition per bucket. The hook a catalog calls when it creates a table.
     *
     * @throws IllegalStateException naming the table, the log and both counts when the partition count is wrong
     */
    void createLog() throws IOException;

    /** Deletes the log when it exists. The hook a catalog calls when it drops a table. */
    void dropLog() throws IOException;

    /**
     * A writer that sends rows to the log for one table writer.
     *
     * @param commitUser the commit user of the table commits the log writes go with; with
     *     {@code log.consistency = transactional} the log transactions are named after it and the bucket, so two
     *     jobs (two commit users) never fence each other
     * @param ownedBuckets the buckets this writer writes and no other writer of the same commit user does (all of
     *     them for a single writer; a share for one of several parallel writers). A writer opens the log of these
     *     buckets at once, which ends the transactions that a crashed predecessor left open.
     */
    LogWriter newWriter(String commitUser, IntPredicate ownedBuckets) throws IOException;

    /**
     * A writer for an engine that commits after checkpoints (two-phase commit), restoring a previous writer's state.
     * Before it returns, it commits the prepared commits in {@code restored} of the buckets it owns (they were in a
     * checkpoint that completed), and ends every other open log transaction of these buckets and this commit user
     * (those of rows that were not in a completed checkpoint), so that nothing is visible twice and nothing holds
     * back readers.
     *
     * @param commitUser as for {@link #newWriter}
     * @param ownedBuckets the buckets this writer writes and no other writer of the same commit user does
     * @param restored the prepared commits in the restored checkpoint, of any writer (each writer picks those of
     *     its buckets); empty for a new job
     */
    TwoPhaseLogWriter newTwoPhaseWriter(String commitUser, IntPredicate ownedBuckets, List<PreparedLogCommit> restored) throws IOException;

    /**
     * A reader of the log from these offsets per bucket; a bucket without an offset is read from the log's start.
     * With {@code log.consistency = transactional} it reads committed records only.
     */
    LogReader newReader(Map<Integer, Long> startOffsets) throws IOException;

    /**
     * A reader of some of the log's buckets only, each from its offset in {@code startOffsets} (from the log's start
     * when it has none): the share of one of several parallel readers. Log systems that cannot read a subset read
     * every bucket ({@link #newReader(Map)}) when asked for all of them, and fail otherwise.
     *
     * @throws UnsupportedOperationException when this log system cannot read a subset of the buckets
     */
    default LogReader newReader(Map<Integer, Long> startOffsets, Set<Integer> buckets) throws IOException {
        if (buckets.containsAll(earliestOffsets().keySet())) {
            return newReader(startOffsets);
        }
        throw new UnsupportedOperationException(describe() + " cannot be read for some buckets only (" + buckets + ")");
    }

    /** The first offset the log still holds, per bucket (retention deletes older records). */
    Map<Integer, Long> earliestOffsets() throws IOException;

    /** The offset after the last readable record, per bucket. */
    Map<Integer, Long> latestOffsets() throws IOException;

    /**
     * Per bucket, the first offset whose record has a timestamp at or after {@code timestampMillis}, or the latest
     * offset when there is none: the start of a read "from timestamp", through the log's timestamp index.
     */
    Map<Integer, Long> offsetsForTimestamp(long timestampMillis) throws IOException;

    @Override
    void close();
}
