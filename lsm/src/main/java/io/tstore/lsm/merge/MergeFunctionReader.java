package io.tstore.lsm.merge;

import io.tstore.lsm.KeyValue;
import io.tstore.lsm.RecordReader;

import java.io.IOException;
import java.util.Comparator;

import static java.util.Objects.requireNonNull;

/**
 * Reads records sorted by key and sequence number and merges the versions of each key through a merge function,
 * returning one record per key. With {@code dropDelete}, keys that merge to a retraction are left out: only
 * correct when nothing older lies below the data being read.
 */
public final class MergeFunctionReader<K, V> implements RecordReader<KeyValue<K, V>> {
    private final RecordReader<KeyValue<K, V>> sorted;
    private final Comparator<? super K> keyComparator;
    private final MergeFunction<K, V> mergeFunction;
    private final boolean dropDelete;
    private KeyValue<K, V> pending;
    private boolean started;

    public MergeFunctionReader(
            RecordReader<KeyValue<K, V>> sorted,
            Comparator<? super K> keyComparator,
            MergeFunction<K, V> mergeFunction,
            boolean dropDelete) {
        this.sorted = requireNonNull(sorted, "sorted is null");
        this.keyComparator = requireNonNull(keyComparator, "keyComparator is null");
        this.mergeFunction = requireNonNull(mergeFunction, "mergeFunction is null");
        this.dropDelete = dropDelete;
    }

    @Override
    public KeyValue<K, V> read() throws IOException {
        if (!started) {
            pending = sorted.read();
            started = true;
        }
        while (pending != null) {
            K key = pending.key();
            mergeFunction.reset();
            do {
                mergeFunction.add(pending);
                pending = sorted.read();
            } while (pending != null && keyComparator.compare(pending.key(), key) == 0);
            KeyValue<K, V> result = mergeFunction.getResult();
            if (result != null && !(dropDelete && result.kind().isRetract())) {
                return result;
            }
        }
        return null;
    }

    @Override
    public void close() throws IOException {
        sorted.close();
    }
}
