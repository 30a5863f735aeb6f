package io.tstore.lsm.compact;

import io.tstore.lsm.KeyValue;
import io.tstore.lsm.file.RunFiles;
import io.tstore.lsm.lookup.LookupLevels;
import io.tstore.lsm.merge.MergeFunctionFactory;

import java.io.IOException;
import java.util.Comparator;
import java.util.List;
import java.util.function.BiPredicate;

import static java.util.Objects.requireNonNull;

/**
 * The rewriter of the {@code lookup} changelog producer: records on level 0 are new, records on levels 1 and above
 * are in the changelog. A compaction that takes level-0 files (with {@link ForceLevel0Compaction}, every level-0
 * file before each commit) finds the old version of each of their keys on the levels above its output through the
 * {@link LookupLevels} and their local cache, and writes the changelog of the key.
 *
 * <p>For a merge engine whose latest version is the row ({@code latestWins}: deduplicate without a sequence field)
 * one lookup, and none when the inputs hold an older version of the key, is enough; other engines fold every
 * version, so every level above the output is looked up.
 *
 * <p>Lookups run on the compaction thread and read only levels above the output, which the writer thread does
 * not change while the compaction runs (it only adds level-0 files).
 */
public final class LookupChangelogRewriter<K, V> extends ChangelogCompactRewriter<K, V> {
    private final LookupLevels<K, V> lookupLevels;
    private final boolean latestWins;

    public LookupChangelogRewriter(
            RunFiles<K, V> files,
            Comparator<K> keyComparator,
            MergeFunctionFactory<K, V> mergeFunctionFactory,
            LookupLevels<K, V> lookupLevels,
            boolean latestWins,
            BiPredicate<V, V> equalValues) {
        super(files, keyComparator, mergeFunctionFactory, equalValues);
        this.lookupLevels = requireNonNull(lookupLevels, "lookupLevels is null");
        this.latestWins = latestWins;
    }

    @Override
    protected boolean producesChangelog(int outputLevel) {
        return true;
    }

    @Override
    protected boolean isChangelogged(int level) {
        return level > 0;
    }

    @Override
    protected List<KeyValue<K, V>> olderVersions(K key, int outputLevel, boolean hasChangeloggedInput) throws IOException {
        if (!latestWins) {
            return lookupLevels.lookupAll(key, outputLevel + 1);
        }
        if (hasChangeloggedInput) {
            return List.of();
        }
        KeyValue<K, V> latest = lookupLevels.lookup(key, outputLevel + 1);
        return latest == null ? List.of() : List.of(latest);
    }
}
