package io.tstore.lsm.file;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Files whose key ranges do not overlap, in key order: read one after the other they give one sorted stream.
 */
public final class SortedRun<K> {
    private final List<LsmFile<K>> files;
    private final long totalSize;

    private SortedRun(List<LsmFile<K>> files) {
        this.files = List.copyOf(files);
        long size = 0;
        for (LsmFile<K> file : this.files) {
            size += file.fileSize();
        }
        this.totalSize = size;
    }

    public static <K> SortedRun<K> empty() {
        return new SortedRun<>(List.of());
    }

    public static <K> SortedRun<K> fromSingle(LsmFile<K> file) {
        return new SortedRun<>(List.of(file));
    }

    /** Files already in key order and disjoint. */
    public static <K> SortedRun<K> fromSorted(List<? extends LsmFile<K>> files) {
        return new SortedRun<>(new ArrayList<>(files));
    }

    /** Sorts files by min key and checks that their ranges do not overlap. */
    public static <K> SortedRun<K> fromUnsorted(List<? extends LsmFile<K>> files, Comparator<? super K> keyComparator) {
        List<LsmFile<K>> sorted = new ArrayList<>(files);
        sorted.sort((a, b) -> keyComparator.compare(a.minKey(), b.minKey()));
        SortedRun<K> run = new SortedRun<>(sorted);
        run.validate(keyComparator);
        return run;
    }

    public List<LsmFile<K>> files() {
        return files;
    }

    public boolean isEmpty() {
        return files.isEmpty();
    }

    public long totalSize() {
        return totalSize;
    }

    public long rowCount() {
        long rows = 0;
        for (LsmFile<K> file : files) {
            rows += file.rowCount();
        }
        return rows;
    }

    /** Throws when two adjacent files overlap in key range. */
    public void validate(Comparator<? super K> keyComparator) {
        for (int i = 1; i < files.size(); i++) {
            LsmFile<K> previous = files.get(i - 1);
            LsmFile<K> current = files.get(i);
            if (keyComparator.compare(previous.maxKey(), current.minKey()) >= 0) {
                throw new IllegalStateException(String.format(
                        "Files %s [%s, %s] and %s [%s, %s] of one sorted run overlap",
                        previous.fileName(), previous.minKey(), previous.maxKey(),
                        current.fileName(), current.minKey(), current.maxKey()));
            }
        }
    }

    @Override
    public String toString() {
        return "SortedRun" + files.stream().map(LsmFile::fileName).toList();
    }
}
