package io.tstore.core.log;

import io.tstore.core.data.InternalRow;

import java.io.IOException;

/**
 * Sends the rows of one table writer to the log, for engines that commit after a checkpoint (two-phase commit):
 * the log commit is prepared before the checkpoint, kept in the checkpoint, and committed once the checkpoint is
 * complete, by this writer or, after a failure, by the writer that restores the checkpoint
 * ({@link LogStore#newTwoPhaseWriter}).
 *
 * <pre>{@code
 * logWriter.write(row);                                      // every row, beside the table writer
 * PreparedLogCommit prepared = logWriter.prepare(checkpointId);  // before the checkpoint: into its state,
 *                                                            // offsets into the table committable
 * logWriter.commitUpTo(checkpointId);                        // when the checkpoint is complete
 * }</pre>
 *
 * <p>Rows written after a {@link #prepare} belong to the next prepared commit, so several prepared commits can be
 * open at once (a checkpoint that begins before the previous one was reported complete). With
 * {@code log.consistency = eventual} records are visible when they are sent; {@link #prepare} flushes them and
 * {@link #commitUpTo} does nothing. Not thread-safe.
 */
public interface TwoPhaseLogWriter extends AutoCloseable {

    /** Sends a row, with its row kind, to the log partition of its bucket. */
    void write(InternalRow row) throws IOException;

    /**
     * Flushes the rows written since the previous prepare and ends them as one prepared commit with this id (ids
     * increase from call to call); the next rows begin the next one.
     */
    PreparedLogCommit prepare(long id) throws IOException;

    /**
     * Commits the prepared commits with ids up to {@code id}, in order: their records become visible to
     * {@code read_committed} readers. Call it when the engine's state that holds them is durable.
     */
    void commitUpTo(long id) throws IOException;

    /**
     * Closes the writer: the rows not yet prepared are dropped, prepared commits stay open for the writer that
     * restores them.
     */
    @Override
    void close();
}
