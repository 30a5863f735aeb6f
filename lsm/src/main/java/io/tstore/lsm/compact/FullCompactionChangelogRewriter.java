package io.tstore.lsm.compact;

import io.tstore.lsm.KeyValue;
import io.tstore.lsm.file.RunFiles;
import io.tstore.lsm.merge.MergeFunctionFactory;

import java.util.Comparator;
import java.util.List;
import java.util.function.BiPredicate;

/**
 * The rewriter of the {@code full-compaction} changelog producer: records on the max level are in the changelog,
 * all others are not yet. Only a compaction of every sorted run writes to the max level (see
 * {@link UniversalCompaction}), so such a compaction reads every version of each key: it compares the key's old
 * record on the max level with its new merged record and writes the difference. Compactions into lower levels
 * write no changelog.
 */
public final class FullCompactionChangelogRewriter<K, V> extends ChangelogCompactRewriter<K, V> {
    private final int maxLevel;

    public FullCompactionChangelogRewriter(
            RunFiles<K, V> files,
            Comparator<K> keyComparator,
            MergeFunctionFactory<K, V> mergeFunctionFactory,
            int numLevels,
            BiPredicate<V, V> equalValues) {
        super(files, keyComparator, mergeFunctionFactory, equalValues);
        if (numLevels < 2) {
            throw new IllegalArgumentException("numLevels must be at least 2, got " + numLevels);
        }
        this.maxLevel = numLevels - 1;
    }

    @Override
    protected boolean producesChangelog(int outputLevel) {
        return outputLevel == maxLevel;
    }

    @Override
    protected boolean isChangelogged(int level) {
        return level == maxLevel;
    }

    @Override
    protected List<KeyValue<K, V>> olderVersions(K key, int outputLevel, boolean hasChangeloggedInput) {
        return List.of();
    }
}
