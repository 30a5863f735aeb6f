package io.tstore.lsm.compact;

import io.tstore.lsm.file.LevelSortedRun;

import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Compacts level 0 as soon as it holds a file: the {@code lookup} changelog producer needs every new record merged
 * into level 1 or above, where its changelog is written, before the commit. Asks the wrapped strategy first; when it
 * picks nothing, picks every level-0 run, grown (like a universal pick) until the output level is above level 0
 * and below every run left out.
 *
 * <p>Every pick of either kind takes all level-0 files: a universal pick is a prefix of the runs, newest first,
 * that never writes to level 0, so it cannot stop inside level 0.
 */
public final class ForceLevel0Compaction implements CompactStrategy {
    private final CompactStrategy strategy;

    public ForceLevel0Compaction(CompactStrategy strategy) {
        this.strategy = requireNonNull(strategy, "strategy is null");
    }

    @Override
    public <K> Optional<CompactUnit<K>> pick(int numLevels, List<LevelSortedRun<K>> runs) {
        Optional<CompactUnit<K>> picked = strategy.pick(numLevels, runs);
        if (picked.isPresent()) {
            return picked;
        }
        int level0Runs = 0;
        while (level0Runs < runs.size() && runs.get(level0Runs).level() == 0) {
            level0Runs++;
        }
        if (level0Runs == 0) {
            return Optional.empty();
        }
        return Optional.of(UniversalCompaction.unitOfPrefix(numLevels - 1, runs, level0Runs));
    }

    @Override
    public String toString() {
        return "ForceLevel0Compaction{" + strategy + "}";
    }
}
