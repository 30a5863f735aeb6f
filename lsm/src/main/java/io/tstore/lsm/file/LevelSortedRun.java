package io.tstore.lsm.file;

import static java.util.Objects.requireNonNull;

/** A sorted run together with the level it sits on. */
public record LevelSortedRun<K>(int level, SortedRun<K> run) {

    public LevelSortedRun {
        requireNonNull(run, "run is null");
    }

    public long totalSize() {
        return run.totalSize();
    }
}
