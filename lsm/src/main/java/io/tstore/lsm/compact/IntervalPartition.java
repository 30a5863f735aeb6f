package io.tstore.lsm.compact;

import io.tstore.lsm.file.LsmFile;
import io.tstore.lsm.file.SortedRun;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

import static java.util.Objects.requireNonNull;

/**
 * Cuts the files of a compaction into key-disjoint sections and packs each section into the fewest sorted runs.
 *
 * <p>Sections are independent: no key lives in two of them, so each can be merged alone, in key order, and a
 * merge reader only ever opens the runs of one section at a time. Inside a section the greedy packing gives as
 * many runs as the deepest point of the section (the largest number of files that share one key), which is the
 * fewest possible and so the narrowest merge.
 *
 * <p>A section of exactly one run holding one file overlaps no other file of the compaction, so compaction can
 * move that file to the output level without rewriting it.
 *
 * <p>Key ranges are inclusive: two files where one ends on the key the other starts with overlap.
 */
public final class IntervalPartition {

    private IntervalPartition() {}

    /**
     * Partitions files into sections in key order, each a list of sorted runs whose files are in key order.
     *
     * @param files the files to partition, in any order; the list is not modified
     * @param keyComparator the order of the keys
     */
    public static <K> List<List<SortedRun<K>>> partition(
            List<? extends LsmFile<K>> files, Comparator<? super K> keyComparator) {
        requireNonNull(files, "files is null");
        requireNonNull(keyComparator, "keyComparator is null");
        for (LsmFile<K> file : files) {
            requireNonNull(file, "files contains null");
            if (keyComparator.compare(file.minKey(), file.maxKey()) > 0) {
                throw new IllegalArgumentException(String.format(
                        "File %s has min key %s above its max key %s", file.fileName(), file.minKey(), file.maxKey()));
            }
        }

        List<LsmFile<K>> sorted = new ArrayList<>(files);
        sorted.sort(Comparator.<LsmFile<K>, K>comparing(LsmFile::minKey, keyComparator)
                .thenComparing(LsmFile::maxKey, keyComparator));

        List<List<SortedRun<K>>> sections = new ArrayList<>();
        int sectionStart = 0;
        K sectionMaxKey = null;
        for (int i = 0; i < sorted.size(); i++) {
            LsmFile<K> file = sorted.get(i);
            if (i == 0 || keyComparator.compare(file.minKey(), sectionMaxKey) > 0) {
                // No file so far reaches this file's min key, and files further on start no earlier: a cut here
                // splits no overlap.
                if (i > 0) {
                    sections.add(packRuns(sorted.subList(sectionStart, i), keyComparator));
                }
                sectionStart = i;
                sectionMaxKey = file.maxKey();
            } else if (keyComparator.compare(file.maxKey(), sectionMaxKey) > 0) {
                sectionMaxKey = file.maxKey();
            }
        }
        if (!sorted.isEmpty()) {
            sections.add(packRuns(sorted.subList(sectionStart, sorted.size()), keyComparator));
        }
        return List.copyOf(sections);
    }

    /**
     * Packs the files of one section, sorted by min key, into the fewest sorted runs: each file goes after the
     * run that ends first, if that run ends before the file starts, else it opens a new run. Taking files by min
     * key means that when no run can take a file, every run ends at or after its min key, so that key is shared
     * by one file of each run plus this one; hence no packing can use fewer runs.
     */
    private static <K> List<SortedRun<K>> packRuns(List<LsmFile<K>> section, Comparator<? super K> keyComparator) {
        List<List<LsmFile<K>>> runs = new ArrayList<>();
        // Ties on the last max key go to the older run so that the packing does not depend on heap internals.
        PriorityQueue<Integer> byLastMaxKey = new PriorityQueue<>(
                Comparator.<Integer, K>comparing(run -> lastMaxKey(runs.get(run)), keyComparator)
                        .thenComparing(Comparator.naturalOrder()));
        for (LsmFile<K> file : section) {
            Integer earliest = byLastMaxKey.peek();
            if (earliest != null && keyComparator.compare(lastMaxKey(runs.get(earliest)), file.minKey()) < 0) {
                byLastMaxKey.poll();
                runs.get(earliest).add(file);
                byLastMaxKey.add(earliest);
            } else {
                List<LsmFile<K>> run = new ArrayList<>();
                run.add(file);
                runs.add(run);
                byLastMaxKey.add(runs.size() - 1);
            }
        }

        List<SortedRun<K>> result = new ArrayList<>(runs.size());
        for (List<LsmFile<K>> run : runs) {
            result.add(SortedRun.fromSorted(run));
        }
        return List.copyOf(result);
    }

    private static <K> K lastMaxKey(List<LsmFile<K>> run) {
        return run.get(run.size() - 1).maxKey();
    }
}
