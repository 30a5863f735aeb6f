package io.tstore.lsm.merge;

/** Creates a fresh {@link MergeFunction} for each reader or compaction. */
@FunctionalInterface
public interface MergeFunctionFactory<K, V> {

    MergeFunction<K, V> create();
}
