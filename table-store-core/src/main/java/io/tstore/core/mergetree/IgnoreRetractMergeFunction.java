package io.tstore.core.mergetree;

import io.tstore.lsm.KeyValue;
import io.tstore.lsm.merge.MergeFunction;

import static java.util.Objects.requireNonNull;

/**
 * Applies {@code ignore-delete}: drops retractions (-U, -D) before they reach the merge engine. A key whose
 * versions are all retractions merges to nothing (null).
 */
public final class IgnoreRetractMergeFunction<K, V> implements MergeFunction<K, V> {
    private final MergeFunction<K, V> merge;
    private boolean added;

    public IgnoreRetractMergeFunction(MergeFunction<K, V> merge) {
        this.merge = requireNonNull(merge, "merge is null");
    }

    @Override
    public void reset() {
        merge.reset();
        added = false;
    }

    @Override
    public void add(KeyValue<K, V> kv) {
        if (kv.kind().isAdd()) {
            merge.add(kv);
            added = true;
        }
    }

    @Override
    public KeyValue<K, V> getResult() {
        return added ? merge.getResult() : null;
    }
}
