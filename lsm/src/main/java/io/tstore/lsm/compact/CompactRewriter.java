package io.tstore.lsm.compact;

import io.tstore.lsm.file.LsmFile;
import io.tstore.lsm.file.SortedRun;

import java.util.List;

/**
 * Rewrites the runs of a compaction into new files. The plain rewriter merges them; the changelog producers
 * plug in rewriters that also emit changelog files.
 */
public interface CompactRewriter<K, V> {

    /**
     * Merges key-disjoint sections, in key order, into files on the output level.
     *
     * @param dropDelete whether retractions may be dropped (the output is the highest non-empty level)
     * @param sections each section is a list of sorted runs whose key ranges overlap, newest data last not
     *     required: records are ordered by sequence number within a key
     */
    CompactResult<K> rewrite(int outputLevel, boolean dropDelete, List<List<SortedRun<K>>> sections) throws Exception;

    /** Moves a file to the output level without rewriting it. */
    default CompactResult<K> upgrade(int outputLevel, LsmFile<K> file) throws Exception {
        return new CompactResult<>(List.of(file), List.of(file.upgrade(outputLevel)));
    }
}
