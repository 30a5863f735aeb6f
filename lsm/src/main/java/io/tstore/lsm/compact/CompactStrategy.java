package io.tstore.lsm.compact;

import io.tstore.lsm.file.LevelSortedRun;

import java.util.List;
import java.util.Optional;

/** Decides which sorted runs to compact next. A pure function of the runs; it does no I/O. */
public interface CompactStrategy {

    /**
     * Picks runs to compact, or nothing.
     *
     * @param numLevels the number of levels of the tree (the max level is {@code numLevels - 1})
     * @param runs every sorted run, newest first, as {@link io.tstore.lsm.file.Levels#levelSortedRuns()} lists them
     */
    <K> Optional<CompactUnit<K>> pick(int numLevels, List<LevelSortedRun<K>> runs);
}
