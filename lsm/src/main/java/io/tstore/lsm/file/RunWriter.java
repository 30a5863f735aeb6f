package io.tstore.lsm.file;

import io.tstore.lsm.KeyValue;

import java.io.IOException;
import java.util.List;

/**
 * Writes one sorted run: records arrive in key order with unique keys, and the writer rolls to a new file when
 * one reaches the target size. {@link #close()} finishes the files and returns their metadata;
 * {@link #abort()} deletes whatever was written.
 */
public interface RunWriter<K, V> {

    void write(KeyValue<K, V> record) throws IOException;

    /** Finishes the run and returns its files (none if no record was written). */
    List<LsmFile<K>> close() throws IOException;

    /** Deletes every file this writer wrote; never throws. */
    void abort();
}
