package io.tstore.lsm.compact;

import io.tstore.lsm.file.LevelSortedRun;
import io.tstore.lsm.file.LsmFile;

import java.util.ArrayList;
import java.util.List;

/** What one compaction reads: the files of the picked runs, and the level its output goes to. */
public record CompactUnit<K>(int outputLevel, List<LsmFile<K>> files) {

    public CompactUnit {
        files = List.copyOf(files);
        if (outputLevel < 0) {
            throw new IllegalArgumentException("outputLevel must not be negative: " + outputLevel);
        }
    }

    public static <K> CompactUnit<K> fromRuns(int outputLevel, List<LevelSortedRun<K>> runs) {
        List<LsmFile<K>> files = new ArrayList<>();
        for (LevelSortedRun<K> run : runs) {
            files.addAll(run.run().files());
        }
        return new CompactUnit<>(outputLevel, files);
    }
}
