package io.tstore.core.log;

import io.tstore.core.data.InternalRow;

import java.io.IOException;
import java.util.Map;

/**
 * Sends the rows of one table writer to the table's log, and makes them visible together with the table commit.
 * Use it beside the table writer, in this order:
 *
 * <pre>{@code
 * write.write(row);  logWriter.write(row);                    // every row, to both
 * List<CommitMessage> messages = write.prepareCommit(...);
 * Map<Integer, Long> offsets = logWriter.prepareCommit();     // flushed; the next offset of each bucket written
 * logWriter.commit();                                         // the log first ...
 * tableCommit.commit(identifier, messages, offsets);          // ... then the table, with the offsets in the snapshot
 * }</pre>
 *
 * <p>With {@code log.consistency = transactional} the records of a commit are one log transaction per bucket,
 * visible to {@code read_committed} readers once {@link #commit} returns; {@link #abort} drops them. Committing
 * the log before the table means a crash between the two leaves the records visible in the log before the
 * snapshot that holds them: restoring the committable and committing the table again (commits are idempotent per
 * commit user and identifier) completes it, and a snapshot's offsets never point past records a reader cannot
 * read yet. See {@code docs/log-store.md} for every crash point.
 *
 * <p>With {@code eventual} the records are visible as soon as they are sent; {@link #commit} and {@link #abort}
 * do nothing, and a writer that restarts from its last commit sends some records again.
 *
 * <p>One commit is pending at a time: rows written between {@link #prepareCommit} and {@link #commit} (or
 * {@link #abort}) are held back and sent in the next transaction. Not thread-safe.
 */
public interface LogWriter extends AutoCloseable {

    /** Sends a row, with its row kind, to the log partition of its bucket. */
    void write(InternalRow row) throws IOException;

    /**
     * Waits until every row sent so far is acknowledged and returns, per bucket written since the last commit, the
     * offset after its last record: the {@code logOffsets} of the table commit that holds these rows.
     */
    Map<Integer, Long> prepareCommit() throws IOException;

    /**
     * Makes the prepared records visible to readers (transactional), before the table commit.
     *
     * <p>When it throws, the log may hold the records of some buckets and not of others (each bucket is its own
     * transaction). Make the table commit anyway, since the files hold every change, and restart the writer: readers
     * that start from that snapshot or later are exact; a reader already following the log may miss the changes of
     * the buckets that did not commit.
     */
    void commit() throws IOException;

    /** Drops the prepared records (transactional): {@code read_committed} readers never see them. */
    void abort() throws IOException;

    /** Closes the writer; records of a commit that was not committed are aborted. */
    @Override
    void close();
}
