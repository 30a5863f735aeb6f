package io.tstore.lsm.merge;

import io.tstore.lsm.KeyValue;

/** Keeps the version with the highest sequence number: the last write of a key wins, deletes included. */
public final class DeduplicateMergeFunction<K, V> implements MergeFunction<K, V> {
    private KeyValue<K, V> latest;

    public static <K, V> MergeFunctionFactory<K, V> factory() {
        return DeduplicateMergeFunction::new;
    }

    @Override
    public void reset() {
        latest = null;
    }

    @Override
    public void add(KeyValue<K, V> kv) {
        latest = kv;
    }

    @Override
    public KeyValue<K, V> getResult() {
        return latest;
    }
}
