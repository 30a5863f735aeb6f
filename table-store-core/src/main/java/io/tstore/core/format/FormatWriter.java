package io.tstore.core.format;

import io.tstore.core.data.InternalRow;

import java.io.IOException;

/**
 * Writes rows of one row type into one data file, and reports the file's statistics when it is finished.
 *
 * <p>The writer does not keep references to a row after {@link #addRow} returns, so callers may reuse row objects.
 * It is not {@link java.io.Closeable} on purpose: finishing a file has a result, and giving one up is a different
 * step ({@link #abort}) that error paths must choose.
 *
 * <p>Not thread-safe: one thread writes a file.
 */
public interface FormatWriter {

    /**
     * Adds a row of the writer's row type; fails, naming the column, on a null in a NOT NULL column. After a failure
     * the file may hold part of the row: {@link #abort} it.
     */
    void addRow(InternalRow row) throws IOException;

    /** The number of rows added so far. */
    long rowCount();

    /**
     * An estimate of the size the file would have if it were finished now, for deciding when to roll to a new
     * file: the bytes written so far plus what the format still buffers (counted before compression, so the
     * estimate errs high).
     */
    long length() throws IOException;

    /**
     * Finishes the file (writes the footer, flushes) and returns the row count, the bytes written and the statistics
     * of each column. Calling it again returns the same result. After a failure the file is incomplete: abort.
     */
    FileStats close() throws IOException;

    /**
     * Gives up the file after an error: releases what the writer holds without finishing the file, and never throws.
     * The file is left incomplete; a writer that created it through a {@link io.tstore.core.fs.FileIO} deletes it.
     * Does nothing after {@link #close} succeeded.
     */
    void abort();
}
