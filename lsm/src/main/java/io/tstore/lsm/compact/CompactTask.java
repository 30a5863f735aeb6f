package io.tstore.lsm.compact;

import io.tstore.lsm.file.LsmFile;
import io.tstore.lsm.file.RunFiles;
import io.tstore.lsm.file.SortedRun;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;

import static java.util.Objects.requireNonNull;

/**
 * Carries out one compaction unit: splits its files into key-disjoint sections, moves a file that overlaps
 * nothing up to the output level without rewriting it, and rewrites the other sections. Adjacent sections are
 * rewritten together so that they make few, full files; a rewrite is cut before a moved file, because a
 * written file must never span the key range of the moved one.
 */
public final class CompactTask<K, V> implements Callable<CompactResult<K>> {
    private final Comparator<K> keyComparator;
    private final CompactRewriter<K, V> rewriter;
    private final RunFiles<K, V> files;
    private final CompactUnit<K> unit;
    private final boolean dropDelete;
    private final long minFileSizeToMove;

    /**
     * @param dropDelete whether the output is the highest non-empty level, so retractions can be dropped
     * @param minFileSizeToMove a lone file smaller than this is rewritten with its neighbours rather than moved,
     *     so small files do not pile up on the higher levels
     */
    public CompactTask(
            Comparator<K> keyComparator,
            CompactRewriter<K, V> rewriter,
            RunFiles<K, V> files,
            CompactUnit<K> unit,
            boolean dropDelete,
            long minFileSizeToMove) {
        this.keyComparator = requireNonNull(keyComparator, "keyComparator is null");
        this.rewriter = requireNonNull(rewriter, "rewriter is null");
        this.files = requireNonNull(files, "files is null");
        this.unit = requireNonNull(unit, "unit is null");
        this.dropDelete = dropDelete;
        this.minFileSizeToMove = minFileSizeToMove;
    }

    @Override
    public CompactResult<K> call() throws Exception {
        CompactResult<K> result = new CompactResult<>();
        try {
            compact(result);
            return result;
        } catch (Throwable t) {
            // Files written by the sections that succeeded are referenced by nothing: remove them.
            result.deleteWrittenFiles(files);
            throw t;
        }
    }

    private void compact(CompactResult<K> result) throws Exception {
        int outputLevel = unit.outputLevel();
        List<List<SortedRun<K>>> pending = new ArrayList<>();
        for (List<SortedRun<K>> section : IntervalPartition.partition(unit.files(), keyComparator)) {
            if (section.size() == 1 && section.get(0).files().size() == 1) {
                LsmFile<K> file = section.get(0).files().get(0);
                boolean mustRewrite = dropDelete && file.deleteRowCount() > 0;
                if (!mustRewrite && file.fileSize() >= minFileSizeToMove) {
                    rewritePending(pending, result);
                    if (file.level() != outputLevel) {
                        result.merge(rewriter.upgrade(outputLevel, file));
                    }
                    continue;
                }
            }
            pending.add(section);
        }
        rewritePending(pending, result);
    }

    private void rewritePending(List<List<SortedRun<K>>> pending, CompactResult<K> result) throws Exception {
        if (pending.isEmpty()) {
            return;
        }
        result.merge(rewriter.rewrite(unit.outputLevel(), dropDelete, List.copyOf(pending)));
        pending.clear();
    }
}
