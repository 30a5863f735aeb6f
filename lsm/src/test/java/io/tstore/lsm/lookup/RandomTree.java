package io.tstore.lsm.lookup;

import io.tstore.lsm.KeyValue;
import io.tstore.lsm.RowKind;
import io.tstore.lsm.file.Levels;
import io.tstore.lsm.file.LsmFile;
import io.tstore.lsm.file.RunFiles;
import io.tstore.lsm.file.RunWriter;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;

/**
 * A random LSM tree of {@code Long} keys and values together with its model: for every level, the newest record
 * of every key on it. Lower levels are written later than higher ones, so they hold newer versions, as in a real
 * tree. Some records are DELETEs, with or without a value.
 */
final class RandomTree {
    final int numLevels;
    final int keySpace;
    private final Random random;
    private final RunFiles<Long, Long> runFiles;
    private final List<TreeMap<Long, KeyValue<Long, Long>>> newestByLevel = new ArrayList<>();
    private final List<LsmFile<Long>> initialFiles = new ArrayList<>();
    private long lastSequence;

    RandomTree(Random random, RunFiles<Long, Long> runFiles, int numLevels, int keySpace, int level0Files)
            throws IOException {
        this.random = random;
        this.runFiles = runFiles;
        this.numLevels = numLevels;
        this.keySpace = keySpace;
        for (int level = 0; level < numLevels; level++) {
            newestByLevel.add(new TreeMap<>());
        }
        for (int level = numLevels - 1; level >= 1; level--) {
            initialFiles.addAll(writeRun(level, 0.3));
        }
        for (int i = 0; i < level0Files; i++) {
            initialFiles.addAll(writeRun(0, 0.1));
        }
    }

    List<LsmFile<Long>> initialFiles() {
        return initialFiles;
    }

    Levels<Long> newLevels() {
        return new Levels<>(Long::compare, initialFiles, numLevels);
    }

    /** The newest record of {@code key} on levels {@code startLevel} and up, by sequence number; or null. */
    KeyValue<Long, Long> expected(long key, int startLevel) {
        KeyValue<Long, Long> newest = null;
        for (int level = startLevel; level < numLevels; level++) {
            KeyValue<Long, Long> record = newestByLevel.get(level).get(key);
            if (record != null && (newest == null || record.sequenceNumber() > newest.sequenceNumber())) {
                newest = record;
            }
        }
        return newest;
    }

    /** The records of {@code key} on levels {@code startLevel} (at least 1) and up, the highest level's first. */
    List<KeyValue<Long, Long>> expectedAll(long key, int startLevel) {
        List<KeyValue<Long, Long>> records = new ArrayList<>();
        for (int level = numLevels - 1; level >= startLevel; level--) {
            KeyValue<Long, Long> record = newestByLevel.get(level).get(key);
            if (record != null) {
                records.add(record);
            }
        }
        return records;
    }

    /** The lowest level at or above {@code startLevel} that holds {@code key}, or -1. */
    int levelOf(long key, int startLevel) {
        for (int level = startLevel; level < numLevels; level++) {
            if (newestByLevel.get(level).containsKey(key)) {
                return level;
            }
        }
        return -1;
    }

    /** Writes a new batch of level-0 files, with newer sequence numbers than anything before, and adds them. */
    List<LsmFile<Long>> flushLevel0(Levels<Long> levels) throws IOException {
        List<LsmFile<Long>> files = writeRun(0, 0.1);
        for (LsmFile<Long> file : files) {
            levels.addLevel0File(file);
        }
        return files;
    }

    /**
     * Merges levels 0 to {@code outputLevel} into {@code outputLevel}, the newest record of each key winning, like
     * a universal compaction; retractions are dropped when asked (only right when nothing lies below). Returns
     * the files that left the tree.
     */
    List<LsmFile<Long>> compact(Levels<Long> levels, int outputLevel, boolean dropRetractions) throws IOException {
        List<LsmFile<Long>> before = new ArrayList<>(levels.level0());
        for (int level = 1; level <= outputLevel; level++) {
            before.addAll(levels.runOfLevel(level).files());
        }
        TreeMap<Long, KeyValue<Long, Long>> merged = new TreeMap<>();
        for (int level = outputLevel; level >= 0; level--) {
            for (KeyValue<Long, Long> record : newestByLevel.get(level).values()) {
                merged.merge(record.key(), record, (a, b) -> a.sequenceNumber() >= b.sequenceNumber() ? a : b);
            }
            newestByLevel.get(level).clear();
        }
        if (dropRetractions) {
            merged.values().removeIf(record -> record.kind().isRetract());
        }
        RunWriter<Long, Long> writer = runFiles.newWriter(outputLevel);
        for (KeyValue<Long, Long> record : merged.values()) {
            writer.write(record);
        }
        List<LsmFile<Long>> after = writer.close();
        newestByLevel.get(outputLevel).putAll(merged);
        levels.update(before, after);
        return before;
    }

    private List<LsmFile<Long>> writeRun(int level, double keyProbability) throws IOException {
        RunWriter<Long, Long> writer = runFiles.newWriter(level);
        for (long key = 0; key < keySpace; key++) {
            if (random.nextDouble() >= keyProbability) {
                continue;
            }
            KeyValue<Long, Long> record = randomRecord(key);
            writer.write(record);
            newestByLevel.get(level).put(key, record);
        }
        return writer.close();
    }

    private KeyValue<Long, Long> randomRecord(long key) {
        long sequence = ++lastSequence;
        int dice = random.nextInt(10);
        if (dice < 2) {
            return new KeyValue<>(key, sequence, RowKind.DELETE, random.nextBoolean() ? null : random.nextLong());
        }
        RowKind kind = dice < 6 ? RowKind.INSERT : RowKind.UPDATE_AFTER;
        return new KeyValue<>(key, sequence, kind, random.nextLong());
    }
}
