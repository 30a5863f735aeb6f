package io.tstore.lsm.file;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

import static java.util.Objects.requireNonNull;

/**
 * The shape of one LSM tree: level-0 files, each a sorted run of its own and ordered newest first, and levels
 * 1..n, each one sorted run. Owned by a single writer thread; compaction works on copies of its runs.
 */
public final class Levels<K> {
    private final Comparator<K> keyComparator;
    private final TreeSet<LsmFile<K>> level0;
    private final List<SortedRun<K>> levels;
    private final List<Consumer<LsmFile<K>>> dropFileCallbacks = new ArrayList<>();

    public Levels(Comparator<K> keyComparator, Collection<? extends LsmFile<K>> files, int numLevels) {
        this.keyComparator = requireNonNull(keyComparator, "keyComparator is null");
        if (numLevels < 2) {
            throw new IllegalArgumentException("numLevels must be at least 2, got " + numLevels);
        }
        // Newest first: a larger max sequence number means newer data; names break ties deterministically.
        this.level0 = new TreeSet<>(Comparator.<LsmFile<K>>comparingLong(LsmFile::maxSequenceNumber)
                .reversed()
                .thenComparing(LsmFile::fileName));
        this.levels = new ArrayList<>();
        for (int i = 1; i < numLevels; i++) {
            levels.add(SortedRun.empty());
        }
        int maxLevel = 0;
        for (LsmFile<K> file : files) {
            maxLevel = Math.max(maxLevel, file.level());
        }
        if (maxLevel >= numLevels) {
            throw new IllegalArgumentException(
                    "A file sits on level " + maxLevel + " but the tree has only " + numLevels + " levels");
        }
        update(List.of(), List.copyOf(files));
    }

    public Comparator<K> keyComparator() {
        return keyComparator;
    }

    /** Called with every file that leaves the tree (compacted away), for example to drop cached lookups. */
    public void addDropFileCallback(Consumer<LsmFile<K>> callback) {
        dropFileCallbacks.add(requireNonNull(callback, "callback is null"));
    }

    public int numberOfLevels() {
        return levels.size() + 1;
    }

    public int maxLevel() {
        return levels.size();
    }

    /** Level-0 files, newest first. */
    public List<LsmFile<K>> level0() {
        return List.copyOf(level0);
    }

    public SortedRun<K> runOfLevel(int level) {
        if (level <= 0 || level > levels.size()) {
            throw new IllegalArgumentException("level must be in [1, " + levels.size() + "], got " + level);
        }
        return levels.get(level - 1);
    }

    public int numberOfSortedRuns() {
        int runs = level0.size();
        for (SortedRun<K> run : levels) {
            if (!run.isEmpty()) {
                runs++;
            }
        }
        return runs;
    }

    /** The highest level that holds a file, or -1 when the tree is empty. */
    public int nonEmptyHighestLevel() {
        for (int i = levels.size() - 1; i >= 0; i--) {
            if (!levels.get(i).isEmpty()) {
                return i + 1;
            }
        }
        return level0.isEmpty() ? -1 : 0;
    }

    /** Every sorted run from newest to oldest: each level-0 file alone, then each non-empty level. */
    public List<LevelSortedRun<K>> levelSortedRuns() {
        List<LevelSortedRun<K>> runs = new ArrayList<>();
        for (LsmFile<K> file : level0) {
            runs.add(new LevelSortedRun<>(0, SortedRun.fromSingle(file)));
        }
        for (int i = 0; i < levels.size(); i++) {
            if (!levels.get(i).isEmpty()) {
                runs.add(new LevelSortedRun<>(i + 1, levels.get(i)));
            }
        }
        return runs;
    }

    public List<LsmFile<K>> allFiles() {
        List<LsmFile<K>> files = new ArrayList<>(level0);
        for (SortedRun<K> run : levels) {
            files.addAll(run.files());
        }
        return files;
    }

    public long totalFileSize() {
        long size = 0;
        for (LsmFile<K> file : allFiles()) {
            size += file.fileSize();
        }
        return size;
    }

    /** The largest sequence number of any file, or -1 when the tree is empty. */
    public long maxSequenceNumber() {
        long max = -1;
        for (LsmFile<K> file : allFiles()) {
            max = Math.max(max, file.maxSequenceNumber());
        }
        return max;
    }

    public void addLevel0File(LsmFile<K> file) {
        if (file.level() != 0) {
            throw new IllegalArgumentException("Not a level-0 file: " + file.fileName() + " on level " + file.level());
        }
        level0.add(file);
    }

    /**
     * Replaces files: removes {@code before} and adds {@code after}. A file in both (an upgrade keeps its name but
     * changes its level) is moved, not dropped.
     */
    public void update(List<? extends LsmFile<K>> before, List<? extends LsmFile<K>> after) {
        Set<String> afterNames = new HashSet<>();
        for (LsmFile<K> file : after) {
            afterNames.add(file.fileName());
        }
        List<List<LsmFile<K>>> removedByLevel = new ArrayList<>();
        List<List<LsmFile<K>>> addedByLevel = new ArrayList<>();
        for (int i = 0; i <= levels.size(); i++) {
            removedByLevel.add(new ArrayList<>());
            addedByLevel.add(new ArrayList<>());
        }
        for (LsmFile<K> file : before) {
            removedByLevel.get(file.level()).add(file);
        }
        for (LsmFile<K> file : after) {
            if (file.level() > levels.size()) {
                throw new IllegalArgumentException(
                        "File " + file.fileName() + " targets level " + file.level() + " beyond the max level " + levels.size());
            }
            addedByLevel.get(file.level()).add(file);
        }

        for (LsmFile<K> file : removedByLevel.get(0)) {
            if (!removeLevel0(file.fileName())) {
                throw new IllegalStateException("File " + file.fileName() + " is not on level 0");
            }
        }
        level0.addAll(addedByLevel.get(0));

        for (int level = 1; level <= levels.size(); level++) {
            List<LsmFile<K>> removed = removedByLevel.get(level);
            List<LsmFile<K>> added = addedByLevel.get(level);
            if (removed.isEmpty() && added.isEmpty()) {
                continue;
            }
            Set<String> removedNames = new HashSet<>();
            for (LsmFile<K> file : removed) {
                removedNames.add(file.fileName());
            }
            List<LsmFile<K>> files = new ArrayList<>();
            for (LsmFile<K> file : levels.get(level - 1).files()) {
                if (!removedNames.remove(file.fileName())) {
                    files.add(file);
                }
            }
            if (!removedNames.isEmpty()) {
                throw new IllegalStateException("Files " + removedNames + " are not on level " + level);
            }
            files.addAll(added);
            levels.set(level - 1, SortedRun.fromUnsorted(files, keyComparator));
        }

        for (LsmFile<K> file : before) {
            if (!afterNames.contains(file.fileName())) {
                for (Consumer<LsmFile<K>> callback : dropFileCallbacks) {
                    callback.accept(file);
                }
            }
        }
    }

    private boolean removeLevel0(String fileName) {
        return level0.removeIf(f -> f.fileName().equals(fileName));
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Levels{L0=").append(level0.size()).append(" files");
        for (int i = 0; i < levels.size(); i++) {
            if (!levels.get(i).isEmpty()) {
                sb.append(", L").append(i + 1).append('=').append(levels.get(i).files().size()).append(" files");
            }
        }
        return sb.append('}').toString();
    }
}
