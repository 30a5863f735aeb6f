package io.tstore.lsm.file;

import io.tstore.lsm.KeyValue;
import io.tstore.lsm.RecordReader;

import java.io.IOException;

/**
 * How an LSM tree reads, writes and deletes its data files: the seam between the engine and a file format.
 * The table format implements it with ORC and Parquet files; {@link io.tstore.lsm.io.LocalRunFiles} with a
 * simple local binary format.
 */
public interface RunFiles<K, V> {

    /** Reads every record of a file in key order. */
    RecordReader<KeyValue<K, V>> read(LsmFile<K> file) throws IOException;

    /** A writer of data files on the given level. */
    RunWriter<K, V> newWriter(int level);

    /**
     * A writer of changelog files: records in the order they are written, keys not necessarily unique. Only the
     * changelog producers use it.
     */
    default RunWriter<K, V> newChangelogWriter() {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " does not write changelog files");
    }

    /** Deletes a file that no committed state refers to; never throws. */
    void delete(LsmFile<K> file);
}
