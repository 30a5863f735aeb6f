package io.tstore.lsm.merge;

import io.tstore.lsm.KeyValue;

/**
 * Merges the versions of one key into its result. A reader calls {@link #reset()}, then {@link #add} for each
 * version of the key in ascending sequence order, then {@link #getResult()}. Not thread-safe: each reader
 * creates its own through a {@link MergeFunctionFactory}.
 */
public interface MergeFunction<K, V> {

    void reset();

    void add(KeyValue<K, V> kv);

    /**
     * The merged record of the key, or null when the versions merge to nothing. A result with a retract row kind
     * (-D) says the key is deleted; readers of the highest level drop such results.
     */
    KeyValue<K, V> getResult();
}
