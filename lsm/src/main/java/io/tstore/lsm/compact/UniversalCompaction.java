package io.tstore.lsm.compact;

import io.tstore.lsm.file.LevelSortedRun;
import io.tstore.lsm.file.LsmFile;
import io.tstore.options.Options;

import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Universal compaction: a tiered picker that keeps the number of sorted runs near a trigger while bounding how
 * much space stale versions take. It looks only at run sizes and levels and does no I/O.
 *
 * <p>The runs are given newest first: each level-0 file as a run of its own, then levels 1..n. The max level is
 * {@code numLevels - 1}. Nothing is picked while there are fewer runs than the trigger
 * ({@code num-sorted-run.compaction-trigger}); otherwise the first rule that fires decides:
 *
 * <ol>
 *   <li><b>Size amplification.</b> The oldest run holds the bulk of the data; everything newer is, in the worst
 *       case, updates of it that a full compaction would fold away. When the newer runs together exceed
 *       {@code compaction.max-size-amplification-percent} percent of the oldest run, every run is compacted
 *       into the max level.
 *   <li><b>Size ratio.</b> Starting from the newest run, the next older run joins as long as it is not larger
 *       than the runs picked so far by more than {@code compaction.size-ratio} percent, that is while
 *       {@code picked * (100 + ratio) / 100 >= next}. Merging runs of similar size keeps the write
 *       amplification of each byte logarithmic. The rule fires only when it picks at least two runs.
 *   <li><b>Run count.</b> When there are more runs than the trigger, the newest {@code runs - trigger + 1} runs
 *       are compacted regardless of size, so that the result leaves exactly {@code trigger} runs; older runs
 *       still join them by the size-ratio rule.
 * </ol>
 *
 * <p>Only a prefix of the runs (the newest ones) is ever picked, so newer data stays above older data. A pick
 * of every run goes to the max level. Otherwise the output goes one level above the first run left out, so
 * every remaining run sits below the output. The output is never level 0, where each file must be a run of
 * its own: when the first run left out is on level 0 or 1, the pick grows until it has taken a run on level 1
 * or above and writes to that run's level (or to the max level, if it took every run).
 *
 * <p>Sizes are compared with exact 128-bit products and summed with saturation, so no input size overflows
 * the arithmetic.
 */
public final class UniversalCompaction implements CompactStrategy {
    private final int maxSizeAmplificationPercent;
    private final int sizeRatio;
    private final int numSortedRunCompactionTrigger;

    public UniversalCompaction(int maxSizeAmplificationPercent, int sizeRatio, int numSortedRunCompactionTrigger) {
        if (maxSizeAmplificationPercent < 0) {
            throw new IllegalArgumentException(String.format(
                    "Option '%s' must not be negative, got %d",
                    CompactionOptions.MAX_SIZE_AMPLIFICATION_PERCENT.key(), maxSizeAmplificationPercent));
        }
        if (sizeRatio < 0) {
            throw new IllegalArgumentException(String.format(
                    "Option '%s' must not be negative, got %d", CompactionOptions.SIZE_RATIO.key(), sizeRatio));
        }
        if (numSortedRunCompactionTrigger < 1) {
            throw new IllegalArgumentException(String.format(
                    "Option '%s' must be at least 1, got %d",
                    CompactionOptions.NUM_SORTED_RUN_COMPACTION_TRIGGER.key(), numSortedRunCompactionTrigger));
        }
        this.maxSizeAmplificationPercent = maxSizeAmplificationPercent;
        this.sizeRatio = sizeRatio;
        this.numSortedRunCompactionTrigger = numSortedRunCompactionTrigger;
    }

    /** Reads the amplification percent, the size ratio and the compaction trigger from table options. */
    public static UniversalCompaction fromOptions(Options options) {
        requireNonNull(options, "options is null");
        return new UniversalCompaction(
                options.get(CompactionOptions.MAX_SIZE_AMPLIFICATION_PERCENT),
                options.get(CompactionOptions.SIZE_RATIO),
                CompactionOptions.compactionTrigger(options));
    }

    public int maxSizeAmplificationPercent() {
        return maxSizeAmplificationPercent;
    }

    public int sizeRatio() {
        return sizeRatio;
    }

    public int numSortedRunCompactionTrigger() {
        return numSortedRunCompactionTrigger;
    }

    @Override
    public <K> Optional<CompactUnit<K>> pick(int numLevels, List<LevelSortedRun<K>> runs) {
        List<LevelSortedRun<K>> checked = checkRuns(numLevels, runs);
        int maxLevel = numLevels - 1;
        if (checked.size() < numSortedRunCompactionTrigger) {
            return Optional.empty();
        }

        if (exceedsSizeAmplification(checked)) {
            return Optional.of(CompactUnit.fromRuns(maxLevel, checked));
        }

        int bySizeRatio = extendBySizeRatio(checked, 1);
        if (bySizeRatio > 1) {
            return Optional.of(unitOfPrefix(maxLevel, checked, bySizeRatio));
        }

        if (checked.size() > numSortedRunCompactionTrigger) {
            int forced = checked.size() - numSortedRunCompactionTrigger + 1;
            return Optional.of(unitOfPrefix(maxLevel, checked, extendBySizeRatio(checked, forced)));
        }
        return Optional.empty();
    }

    /**
     * An explicit full compaction: every run into the max level. Nothing to do when there are no runs, or when
     * the only run already sits on the max level.
     */
    public static <K> Optional<CompactUnit<K>> pickFull(int numLevels, List<LevelSortedRun<K>> runs) {
        List<LevelSortedRun<K>> checked = checkRuns(numLevels, runs);
        int maxLevel = numLevels - 1;
        if (checked.isEmpty() || (checked.size() == 1 && checked.get(0).level() == maxLevel)) {
            return Optional.empty();
        }
        return Optional.of(CompactUnit.fromRuns(maxLevel, checked));
    }

    /** Whether the runs newer than the oldest one take more than the allowed percentage of its size. */
    private <K> boolean exceedsSizeAmplification(List<LevelSortedRun<K>> runs) {
        int last = runs.size() - 1;
        long newerSize = totalSize(runs, last);
        long oldestSize = runSize(runs.get(last));
        return compareProducts(newerSize, 100, maxSizeAmplificationPercent, oldestSize) > 0;
    }

    /**
     * Starting from the newest {@code count} runs, adds older runs while each is at most the size ratio larger
     * than the runs taken so far; returns how many runs were taken.
     */
    private <K> int extendBySizeRatio(List<LevelSortedRun<K>> runs, int count) {
        long candidateSize = totalSize(runs, count);
        int taken = count;
        while (taken < runs.size()) {
            long nextSize = runSize(runs.get(taken));
            // floor(candidate * (100 + ratio) / 100) >= next is the same as candidate * (100 + ratio) >= next * 100
            // for whole numbers, and the products are compared exactly.
            if (compareProducts(candidateSize, 100L + sizeRatio, nextSize, 100) < 0) {
                break;
            }
            candidateSize = saturatedAdd(candidateSize, nextSize);
            taken++;
        }
        return taken;
    }

    /** A unit of the newest {@code count} runs, grown if needed so that it does not write to level 0. */
    static <K> CompactUnit<K> unitOfPrefix(int maxLevel, List<LevelSortedRun<K>> runs, int count) {
        int taken = count;
        int outputLevel = taken < runs.size() ? runs.get(taken).level() - 1 : maxLevel;
        if (outputLevel <= 0) {
            // The first run left out is on level 0 or 1, so there is no free level between it and the pick. Take
            // runs until one on level 1 or above is in: its level then receives the output, and every run after
            // it sits on a higher level.
            while (taken < runs.size()) {
                LevelSortedRun<K> next = runs.get(taken);
                taken++;
                if (next.level() > 0) {
                    outputLevel = next.level();
                    break;
                }
            }
        }
        if (taken == runs.size()) {
            return CompactUnit.fromRuns(maxLevel, runs);
        }
        return CompactUnit.fromRuns(outputLevel, runs.subList(0, taken));
    }

    /**
     * Checks the arguments that every rule relies on: the runs are newest first (level-0 runs, then strictly
     * increasing levels), no run is beyond the max level and no file has a negative size. A run list in another order would make the picker
     * place newer data below older data.
     */
    private static <K> List<LevelSortedRun<K>> checkRuns(int numLevels, List<LevelSortedRun<K>> runs) {
        requireNonNull(runs, "runs is null");
        if (numLevels < 2) {
            // With a single level the output would be level 0, where each file must stay a run of its own.
            throw new IllegalArgumentException("numLevels must be at least 2, got " + numLevels);
        }
        int previousLevel = 0;
        for (int i = 0; i < runs.size(); i++) {
            LevelSortedRun<K> run = requireNonNull(runs.get(i), "runs contains null");
            int level = run.level();
            if (level < 0 || level >= numLevels) {
                throw new IllegalArgumentException(String.format(
                        "Run %d %s is on level %d, outside [0, %d]", i, run.run(), level, numLevels - 1));
            }
            if (level < previousLevel || (level > 0 && level == previousLevel)) {
                throw new IllegalArgumentException(String.format(
                        "Runs must be newest first (level-0 runs, then increasing levels), but run %d %s on level %d"
                                + " follows a run on level %d",
                        i, run.run(), level, previousLevel));
            }
            previousLevel = level;
            for (LsmFile<K> file : run.run().files()) {
                if (file.fileSize() < 0) {
                    throw new IllegalArgumentException(String.format(
                            "File %s on level %d has a negative size: %d", file.fileName(), level, file.fileSize()));
                }
            }
        }
        return runs;
    }

    /** The saturated total size of the first {@code count} runs. */
    private static <K> long totalSize(List<LevelSortedRun<K>> runs, int count) {
        long size = 0;
        for (int i = 0; i < count; i++) {
            size = saturatedAdd(size, runSize(runs.get(i)));
        }
        return size;
    }

    /**
     * The saturated size of a run, summed here rather than taken from {@link LevelSortedRun#totalSize()} so that
     * a sum past {@link Long#MAX_VALUE} cannot wrap around to a small number.
     */
    private static <K> long runSize(LevelSortedRun<K> run) {
        long size = 0;
        for (LsmFile<K> file : run.run().files()) {
            size = saturatedAdd(size, file.fileSize());
        }
        return size;
    }

    private static long saturatedAdd(long a, long b) {
        long sum = a + b;
        // Both operands are non-negative, so an overflow shows as a negative sum.
        return sum < 0 ? Long.MAX_VALUE : sum;
    }

    /** Compares {@code a * b} with {@code c * d} exactly, for non-negative operands. */
    static int compareProducts(long a, long b, long c, long d) {
        long highLeft = Math.multiplyHigh(a, b);
        long highRight = Math.multiplyHigh(c, d);
        if (highLeft != highRight) {
            return Long.compare(highLeft, highRight);
        }
        return Long.compareUnsigned(a * b, c * d);
    }

    @Override
    public String toString() {
        return "UniversalCompaction{maxSizeAmplificationPercent=" + maxSizeAmplificationPercent
                + ", sizeRatio=" + sizeRatio
                + ", numSortedRunCompactionTrigger=" + numSortedRunCompactionTrigger + "}";
    }
}
