package io.tstore.core.table;

import io.tstore.core.commit.CommitMessage;
import io.tstore.core.data.BinaryRow;
import io.tstore.core.data.InternalRow;

import java.io.IOException;
import java.util.List;

/**
 * Writes rows of one table: routes each row to its partition and bucket and writes it there. Rows carry their
 * row kind ({@link InternalRow#getRowKind()}): +I and +U upsert, -D and -U delete (on primary-key tables).
 * {@link #prepareCommit} flushes and returns the messages for the committer; nothing is visible before they are
 * committed. {@link #close} without a commit deletes what was written.
 */
public interface TableWrite extends AutoCloseable {

    void write(InternalRow row) throws IOException;

    /** Flushes and returns what changed since the last call, one message per touched bucket. */
    List<CommitMessage> prepareCommit(boolean waitCompaction) throws IOException;

    /** Compacts one bucket (fully, or as the compaction strategy picks); the result comes with a later commit. */
    void compact(BinaryRow partition, int bucket, boolean fullCompaction) throws IOException;

    @Override
    void close() throws IOException;
}
