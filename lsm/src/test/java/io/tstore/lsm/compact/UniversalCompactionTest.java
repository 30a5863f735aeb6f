package io.tstore.lsm.compact;

import io.tstore.lsm.file.LevelSortedRun;
import io.tstore.lsm.file.LsmFile;
import io.tstore.lsm.file.LsmFileMeta;
import io.tstore.lsm.file.SortedRun;
import io.tstore.options.Options;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UniversalCompactionTest {
    private static final int NUM_LEVELS = 6;
    private static final int MAX_LEVEL = NUM_LEVELS - 1;

    private int nextFile;

    // ---------------------------------------------------------------- trigger

    @Test
    void picksNothingBelowTheTriggerEvenWhenEveryRuleWouldFire() {
        // Newer runs are 300x the oldest and of equal size: size amplification and size ratio would both fire.
        List<LevelSortedRun<Long>> runs = List.of(l0(100), l0(100), l0(100), run(5, 1));

        assertThat(strategy(200, 1, 5).pick(NUM_LEVELS, runs)).isEmpty();
        assertThat(strategy(200, 1, 4).pick(NUM_LEVELS, runs)).isPresent();
    }

    @Test
    void picksNothingWithoutRuns() {
        assertThat(strategy(200, 1, 1).pick(NUM_LEVELS, List.<LevelSortedRun<Long>>of())).isEmpty();
    }

    @Test
    void picksNothingForASingleRunWithTriggerOne() {
        assertThat(strategy(200, 1, 1).pick(NUM_LEVELS, List.of(l0(100)))).isEmpty();
        assertThat(strategy(0, 1, 1).pick(NUM_LEVELS, List.of(run(3, 100)))).isEmpty();
    }

    @Test
    void picksNothingAtTheTriggerWhenNoSizeRuleFires() {
        // Three runs with trigger 3: the run-count rule needs more runs than the trigger.
        List<LevelSortedRun<Long>> runs = List.of(l0(1), run(2, 100), run(5, 10_000));

        assertThat(strategy(200, 1, 3).pick(NUM_LEVELS, runs)).isEmpty();
    }

    // ---------------------------------------------------------------- size amplification

    @Test
    void sizeAmplificationCompactsEveryRunToTheMaxLevel() {
        // 310 above 100: over 200%. The size ratio rule would not fire (10 vs 300) and the count is at the trigger.
        List<LevelSortedRun<Long>> runs = List.of(l0(10), run(2, 300), run(3, 100));

        Optional<CompactUnit<Long>> unit = strategy(200, 1, 3).pick(NUM_LEVELS, runs);

        assertUnit(unit, MAX_LEVEL, runs);
    }

    @Test
    void sizeAmplificationExactlyAtTheLimitDoesNotFire() {
        List<LevelSortedRun<Long>> atLimit = List.of(l0(10), run(2, 190), run(5, 100));
        List<LevelSortedRun<Long>> overLimit = List.of(l0(10), run(2, 191), run(5, 100));

        assertThat(strategy(200, 1, 3).pick(NUM_LEVELS, atLimit)).isEmpty();
        assertUnit(strategy(200, 1, 3).pick(NUM_LEVELS, overLimit), MAX_LEVEL, overLimit);
    }

    @Test
    void sizeAmplificationFollowsThePercentOption() {
        List<LevelSortedRun<Long>> runs = List.of(l0(1), run(3, 50), run(5, 100));

        // 51% of the oldest run: over 50%, not over 51%.
        assertUnit(strategy(50, 1, 3).pick(NUM_LEVELS, runs), MAX_LEVEL, runs);
        assertThat(strategy(51, 1, 3).pick(NUM_LEVELS, runs)).isEmpty();
    }

    @Test
    void zeroSizeAmplificationCompactsAnyNewerData() {
        List<LevelSortedRun<Long>> runs = List.of(l0(1), run(5, 1_000_000));

        assertUnit(strategy(0, 1, 2).pick(NUM_LEVELS, runs), MAX_LEVEL, runs);
    }

    @Test
    void sizeAmplificationAgainstAnEmptyOldestRunFires() {
        List<LevelSortedRun<Long>> runs = List.of(l0(1), run(5, 0));

        assertUnit(strategy(200, 1, 2).pick(NUM_LEVELS, runs), MAX_LEVEL, runs);
    }

    // ---------------------------------------------------------------- size ratio

    @Test
    void sizeRatioPicksNewestRunsOfSimilarSize() {
        // 1 takes 1 (2), 2 takes 2 (4), 4 * 1.01 < 5 stops. Size amplification: 9 is far below 200% of 100.
        List<LevelSortedRun<Long>> runs = List.of(l0(1), l0(1), l0(2), run(3, 5), run(5, 100));

        Optional<CompactUnit<Long>> unit = strategy(200, 1, 3).pick(NUM_LEVELS, runs);

        assertUnit(unit, 2, runs.subList(0, 3));
    }

    @Test
    void sizeRatioStopsAtTheFirstLargerRun() {
        // The run of 10 stops the pick; the small runs after it are not taken. Count equals the trigger.
        List<LevelSortedRun<Long>> runs = List.of(l0(1), l0(10), l0(1), l0(1), run(5, 1000));

        assertThat(strategy(200, 1, 5).pick(NUM_LEVELS, runs)).isEmpty();
    }

    @Test
    void sizeRatioBoundaryIsInclusive() {
        // 150 * 101 / 100 = 151.5: a run of 151 joins, a run of 152 does not.
        List<LevelSortedRun<Long>> joins = List.of(l0(150), run(3, 151), run(5, 100_000));
        List<LevelSortedRun<Long>> stops = List.of(l0(150), run(3, 152), run(5, 100_000));

        assertUnit(strategy(200, 1, 3).pick(NUM_LEVELS, joins), 4, joins.subList(0, 2));
        assertThat(strategy(200, 1, 3).pick(NUM_LEVELS, stops)).isEmpty();
    }

    @Test
    void sizeRatioFollowsTheRatioOption() {
        List<LevelSortedRun<Long>> runs = List.of(l0(10), run(3, 20), run(5, 100_000));

        assertUnit(strategy(200, 100, 3).pick(NUM_LEVELS, runs), 4, runs.subList(0, 2));
        assertThat(strategy(200, 99, 3).pick(NUM_LEVELS, runs)).isEmpty();
        assertThat(strategy(200, 0, 3).pick(NUM_LEVELS, List.of(l0(10), run(3, 10), run(5, 100_000))))
                .hasValueSatisfying(unit -> assertThat(unit.outputLevel()).isEqualTo(4));
    }

    @Test
    void sizeRatioThatTakesEveryRunGoesToTheMaxLevel() {
        // Sizes double with ratio 100, so every run joins; the last one sits on level 2, not the max level.
        List<LevelSortedRun<Long>> runs = List.of(l0(1), l0(1), run(1, 2), run(2, 4));

        assertUnit(strategy(1000, 100, 4).pick(NUM_LEVELS, runs), MAX_LEVEL, runs);
    }

    @Test
    void sizeRatioCountsEveryFileOfARun() {
        // The level-2 run has three files of 40: 120 in total, too large for 100 * 1.01.
        List<LevelSortedRun<Long>> tooLarge = List.of(l0(100), run(2, 40, 40, 40), run(5, 100_000));
        List<LevelSortedRun<Long>> fits = List.of(l0(100), run(2, 30, 30, 40), run(5, 100_000));

        assertThat(strategy(200, 1, 3).pick(NUM_LEVELS, tooLarge)).isEmpty();
        assertUnit(strategy(200, 1, 3).pick(NUM_LEVELS, fits), 4, fits.subList(0, 2));
    }

    // ---------------------------------------------------------------- run count

    @Test
    void runCountForcesTheNewestRuns() {
        // Five runs, trigger 3: the newest 3 are forced; 10101 * 1.01 is far below the next run.
        List<LevelSortedRun<Long>> runs =
                List.of(l0(1), run(1, 100), run(2, 10_000), run(3, 1_000_000), run(5, 100_000_000));

        Optional<CompactUnit<Long>> unit = strategy(200, 1, 3).pick(NUM_LEVELS, runs);

        assertUnit(unit, 2, runs.subList(0, 3));
    }

    @Test
    void runCountLeavesExactlyTriggerRuns() {
        List<LevelSortedRun<Long>> runs = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            runs.add(l0(1L << (2 * i))); // each run four times the previous: size ratio never fires
        }
        runs.add(run(5, Long.MAX_VALUE / 2));

        Optional<CompactUnit<Long>> unit = strategy(200, 1, 4).pick(NUM_LEVELS, runs);

        // 9 runs, trigger 4: 6 forced, then the extension needs a run on level >= 1, which is the last one.
        assertUnit(unit, MAX_LEVEL, runs);
    }

    @Test
    void runCountKeepsTriggerRunsWhenTheNextRunIsHigh() {
        List<LevelSortedRun<Long>> runs = List.of(
                l0(1), l0(4), l0(16), run(1, 64), run(2, 256), run(3, 1024), run(4, 4096), run(5, 1L << 40));

        Optional<CompactUnit<Long>> unit = strategy(200, 1, 4).pick(NUM_LEVELS, runs);

        // 8 runs, trigger 4: the newest 5 are forced; the next run is on level 3, so the output is level 2.
        assertUnit(unit, 2, runs.subList(0, 5));
    }

    @Test
    void runCountExtendsTheForcedRunsBySizeRatio() {
        // Trigger 3 forces 1 + 100 + 150 = 251; 251 * 1.01 >= 250 takes the level-3 run too.
        List<LevelSortedRun<Long>> runs =
                List.of(l0(1), run(1, 100), run(2, 150), run(3, 250), run(5, 100_000_000));

        Optional<CompactUnit<Long>> unit = strategy(200, 1, 3).pick(NUM_LEVELS, runs);

        assertUnit(unit, 4, runs.subList(0, 4));
    }

    @Test
    void sizeRatioComesBeforeRunCount() {
        // Both fire: size ratio takes the two equal newest runs, fewer than the run-count rule would force.
        List<LevelSortedRun<Long>> runs =
                List.of(l0(10), l0(10), run(1, 1000), run(2, 100_000), run(5, 100_000_000));

        Optional<CompactUnit<Long>> unit = strategy(200, 1, 2).pick(NUM_LEVELS, runs);

        // The next run is on level 1, so the pick grows to take it and writes to level 1.
        assertUnit(unit, 1, runs.subList(0, 3));
    }

    @Test
    void sizeAmplificationComesBeforeSizeRatioAndRunCount() {
        List<LevelSortedRun<Long>> runs = List.of(l0(100), l0(100), l0(100), run(2, 1000), run(5, 10));

        assertUnit(strategy(200, 1, 3).pick(NUM_LEVELS, runs), MAX_LEVEL, runs);
    }

    // ---------------------------------------------------------------- output level

    @Test
    void outputGoesOneLevelAboveTheFirstRunLeftOut() {
        List<LevelSortedRun<Long>> runs = List.of(l0(1), l0(1), run(4, 1000), run(5, 100_000));

        Optional<CompactUnit<Long>> unit = strategy(200, 1, 4).pick(NUM_LEVELS, runs);

        assertUnit(unit, 3, runs.subList(0, 2));
    }

    @Test
    void nextRunOnLevelOneJoinsThePick() {
        List<LevelSortedRun<Long>> runs = List.of(l0(1), l0(1), run(1, 1000), run(4, 1_000_000));

        Optional<CompactUnit<Long>> unit = strategy(200, 1, 4).pick(NUM_LEVELS, runs);

        assertUnit(unit, 1, runs.subList(0, 3));
    }

    @Test
    void nextRunOnLevelZeroGrowsThePickToTheFirstRunOnALevel() {
        // Size ratio takes 2 runs; the next two are level-0 files and the one after them is on level 3.
        List<LevelSortedRun<Long>> runs =
                List.of(l0(1), l0(1), l0(1000), l0(1000), run(3, 1_000_000), run(5, 1_000_000_000));

        Optional<CompactUnit<Long>> unit = strategy(200, 1, 6).pick(NUM_LEVELS, runs);

        assertUnit(unit, 3, runs.subList(0, 5));
    }

    @Test
    void growingThePickOverEveryRunGoesToTheMaxLevel() {
        // The only run on a level is the oldest one, on level 2: taking it takes everything.
        List<LevelSortedRun<Long>> runs = List.of(l0(1), l0(1), l0(1000), run(2, 1000));

        Optional<CompactUnit<Long>> unit = strategy(200, 1, 4).pick(NUM_LEVELS, runs);

        assertUnit(unit, MAX_LEVEL, runs);
    }

    @Test
    void growingThePickOverOnlyLevelZeroRunsGoesToTheMaxLevel() {
        List<LevelSortedRun<Long>> runs = List.of(l0(1), l0(1), l0(1000), l0(1000));

        Optional<CompactUnit<Long>> unit = strategy(200, 1, 4).pick(NUM_LEVELS, runs);

        assertUnit(unit, MAX_LEVEL, runs);
    }

    @Test
    void twoLevelTreeAlwaysWritesToLevelOne() {
        List<LevelSortedRun<Long>> runs = List.of(l0(1), l0(1), l0(1000), l0(100_000), run(1, 1L << 40));

        assertUnit(strategy(200, 1, 3).pick(2, runs), 1, runs);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 42, 20240611})
    void everyPickIsANewestPrefixAboveTheRemainingRuns(long seed) {
        Random random = new Random(seed);
        for (int iteration = 0; iteration < 2000; iteration++) {
            int numLevels = 2 + random.nextInt(6);
            List<LevelSortedRun<Long>> runs = randomRuns(random, numLevels);
            UniversalCompaction strategy =
                    strategy(random.nextInt(400), random.nextInt(50), 1 + random.nextInt(6));

            Optional<CompactUnit<Long>> unit = strategy.pick(numLevels, runs);

            String context = "seed " + seed + ", iteration " + iteration + ", " + strategy + ", runs " + describe(runs);
            if (runs.size() < strategy.numSortedRunCompactionTrigger()) {
                assertThat(unit).as(context).isEmpty();
                continue;
            }
            if (runs.size() > strategy.numSortedRunCompactionTrigger()) {
                assertThat(unit).as(context).isPresent();
            }
            if (unit.isEmpty()) {
                continue;
            }
            int outputLevel = unit.get().outputLevel();
            assertThat(outputLevel).as(context).isBetween(1, numLevels - 1);
            int taken = prefixLength(runs, unit.get().files());
            assertThat(taken).as(context).isBetween(2, runs.size());
            if (taken == runs.size()) {
                assertThat(outputLevel).as(context).isEqualTo(numLevels - 1);
            }
            for (LevelSortedRun<Long> picked : runs.subList(0, taken)) {
                assertThat(picked.level()).as(context).isLessThanOrEqualTo(outputLevel);
            }
            for (LevelSortedRun<Long> remaining : runs.subList(taken, runs.size())) {
                assertThat(remaining.level()).as(context).isGreaterThan(outputLevel);
            }
        }
    }

    // ---------------------------------------------------------------- full compaction

    @Test
    void fullCompactionOfNoRunsIsNothing() {
        assertThat(UniversalCompaction.pickFull(NUM_LEVELS, List.<LevelSortedRun<Long>>of())).isEmpty();
    }

    @Test
    void fullCompactionOfOneRunOnTheMaxLevelIsNothing() {
        assertThat(UniversalCompaction.pickFull(NUM_LEVELS, List.of(run(MAX_LEVEL, 10, 20)))).isEmpty();
    }

    @Test
    void fullCompactionMovesALoneRunBelowTheMaxLevel() {
        List<LevelSortedRun<Long>> level0 = List.of(l0(10));
        List<LevelSortedRun<Long>> level2 = List.of(run(2, 10, 20));

        assertUnit(UniversalCompaction.pickFull(NUM_LEVELS, level0), MAX_LEVEL, level0);
        assertUnit(UniversalCompaction.pickFull(NUM_LEVELS, level2), MAX_LEVEL, level2);
    }

    @Test
    void fullCompactionTakesEveryRunWhateverTheSizes() {
        List<LevelSortedRun<Long>> runs = List.of(l0(1), l0(2), run(1, 3, 4), run(MAX_LEVEL, 1_000_000, 5));

        Optional<CompactUnit<Long>> unit = UniversalCompaction.pickFull(NUM_LEVELS, runs);

        assertUnit(unit, MAX_LEVEL, runs);
        assertThat(unit.orElseThrow().files()).hasSize(6);
    }

    @Test
    void fullCompactionChecksItsArguments() {
        assertThatThrownBy(() -> UniversalCompaction.pickFull(1, List.of(l0(1))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("numLevels");
        assertThatThrownBy(() -> UniversalCompaction.pickFull(NUM_LEVELS, null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("runs is null");
    }

    // ---------------------------------------------------------------- overflow

    @Test
    void hugeSizesDoNotOverflowSizeAmplification() {
        // (MAX/8 + MAX/2) * 100 wraps around a long; exactly, it is 62.5 MAX against 66.7 MAX: no compaction.
        List<LevelSortedRun<Long>> below =
                List.of(l0(Long.MAX_VALUE / 8), run(2, Long.MAX_VALUE / 2), run(5, Long.MAX_VALUE / 3));
        // 75 MAX against 25 MAX: compact everything.
        List<LevelSortedRun<Long>> above =
                List.of(l0(Long.MAX_VALUE / 2), run(2, Long.MAX_VALUE / 4), run(5, Long.MAX_VALUE / 8));

        assertThat(strategy(200, 1, 3).pick(NUM_LEVELS, below)).isEmpty();
        assertUnit(strategy(200, 1, 3).pick(NUM_LEVELS, above), MAX_LEVEL, above);
    }

    @Test
    void hugeSizesDoNotOverflowSizeRatio() {
        // MAX/4 * 101 wraps around a long; exactly, MAX/4 * 1.01 is at least MAX/4, and MAX/2 * 1.01 is below MAX.
        List<LevelSortedRun<Long>> runs =
                List.of(l0(Long.MAX_VALUE / 4), run(2, Long.MAX_VALUE / 4), run(5, Long.MAX_VALUE));

        assertUnit(strategy(Integer.MAX_VALUE, 1, 3).pick(NUM_LEVELS, runs), 4, runs.subList(0, 2));
    }

    @Test
    void sizesThatSumPastTheLongRangeSaturate() {
        // The level-2 run alone sums past Long.MAX_VALUE; wrapped, the newer runs would total -1 and look tiny.
        List<LevelSortedRun<Long>> runs =
                List.of(l0(Long.MAX_VALUE), run(2, Long.MAX_VALUE, 1), run(5, 1));

        assertUnit(strategy(Integer.MAX_VALUE, 0, 3).pick(NUM_LEVELS, runs), MAX_LEVEL, runs);
    }

    @Test
    void productsCompareExactly() {
        assertThat(UniversalCompaction.compareProducts(Long.MAX_VALUE, 100, Long.MAX_VALUE, 99)).isPositive();
        assertThat(UniversalCompaction.compareProducts(Long.MAX_VALUE, 100, 100, Long.MAX_VALUE)).isZero();
        assertThat(UniversalCompaction.compareProducts(Long.MAX_VALUE / 2, 3, Long.MAX_VALUE, 1)).isPositive();
        assertThat(UniversalCompaction.compareProducts(0, Long.MAX_VALUE, 1, 0)).isZero();
        assertThat(UniversalCompaction.compareProducts(1L << 32, 1L << 32, (1L << 32) + 1, 1L << 32)).isNegative();
        assertThat(UniversalCompaction.compareProducts(6, 7, 5, 8)).isPositive();
    }

    // ---------------------------------------------------------------- construction and arguments

    @Test
    void fromOptionsUsesTheDefaults() {
        UniversalCompaction strategy = UniversalCompaction.fromOptions(Options.empty());

        assertThat(strategy.maxSizeAmplificationPercent()).isEqualTo(200);
        assertThat(strategy.sizeRatio()).isEqualTo(1);
        assertThat(strategy.numSortedRunCompactionTrigger()).isEqualTo(5);
    }

    @Test
    void fromOptionsReadsTheOptions() {
        Options options = Options.empty()
                .with(CompactionOptions.MAX_SIZE_AMPLIFICATION_PERCENT, 150)
                .with(CompactionOptions.SIZE_RATIO, 10)
                .with(CompactionOptions.NUM_SORTED_RUN_COMPACTION_TRIGGER, 3);

        UniversalCompaction strategy = UniversalCompaction.fromOptions(options);

        assertThat(strategy.maxSizeAmplificationPercent()).isEqualTo(150);
        assertThat(strategy.sizeRatio()).isEqualTo(10);
        assertThat(strategy.numSortedRunCompactionTrigger()).isEqualTo(3);
    }

    @Test
    void fromOptionsNamesTheWrongOption() {
        assertThatThrownBy(() -> UniversalCompaction.fromOptions(
                        Options.empty().with(CompactionOptions.NUM_SORTED_RUN_COMPACTION_TRIGGER, 0)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("num-sorted-run.compaction-trigger")
                .hasMessageContaining("0");
        assertThatThrownBy(() -> UniversalCompaction.fromOptions(
                        Options.empty().with(CompactionOptions.SIZE_RATIO, -1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("compaction.size-ratio")
                .hasMessageContaining("-1");
        assertThatThrownBy(() -> UniversalCompaction.fromOptions(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("options is null");
    }

    @Test
    void constructorNamesTheWrongOption() {
        assertThatThrownBy(() -> new UniversalCompaction(-1, 1, 5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Option 'compaction.max-size-amplification-percent' must not be negative, got -1");
        assertThatThrownBy(() -> new UniversalCompaction(200, -2, 5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Option 'compaction.size-ratio' must not be negative, got -2");
        assertThatThrownBy(() -> new UniversalCompaction(200, 1, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Option 'num-sorted-run.compaction-trigger' must be at least 1, got 0");
    }

    @Test
    void pickChecksItsArguments() {
        UniversalCompaction strategy = strategy(200, 1, 1);

        assertThatThrownBy(() -> strategy.pick(1, List.of(l0(1))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("numLevels must be at least 2, got 1");
        assertThatThrownBy(() -> strategy.pick(NUM_LEVELS, null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("runs is null");
        assertThatThrownBy(() -> strategy.pick(3, List.of(l0(1), run(3, 1))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("on level 3, outside [0, 2]");
        assertThatThrownBy(() -> strategy.pick(NUM_LEVELS, List.of(run(2, 1), l0(1))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("newest first");
        assertThatThrownBy(() -> strategy.pick(NUM_LEVELS, List.of(run(2, 1), run(2, 1))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("newest first");
        assertThatThrownBy(() -> strategy.pick(NUM_LEVELS, List.of(run(2, 1, -5))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("negative size: -5");
    }

    // ---------------------------------------------------------------- helpers

    private static UniversalCompaction strategy(int maxSizeAmplificationPercent, int sizeRatio, int trigger) {
        return new UniversalCompaction(maxSizeAmplificationPercent, sizeRatio, trigger);
    }

    private LevelSortedRun<Long> l0(long size) {
        return run(0, size);
    }

    /** A run of one file per size, with disjoint ascending keys. */
    private LevelSortedRun<Long> run(int level, long... sizes) {
        List<LsmFile<Long>> files = new ArrayList<>();
        for (long size : sizes) {
            int id = nextFile++;
            long minKey = id * 10L;
            files.add(new LsmFileMeta<>("file-" + id, size, 1, 0, minKey, minKey + 5, id, id, level));
        }
        return new LevelSortedRun<>(level, SortedRun.fromSorted(files));
    }

    private List<LevelSortedRun<Long>> randomRuns(Random random, int numLevels) {
        List<LevelSortedRun<Long>> runs = new ArrayList<>();
        int level0Files = random.nextInt(7);
        for (int i = 0; i < level0Files; i++) {
            runs.add(l0(randomSize(random)));
        }
        for (int level = 1; level < numLevels; level++) {
            if (random.nextBoolean()) {
                long[] sizes = new long[1 + random.nextInt(3)];
                for (int i = 0; i < sizes.length; i++) {
                    sizes[i] = randomSize(random) * level;
                }
                runs.add(run(level, sizes));
            }
        }
        return runs;
    }

    private static long randomSize(Random random) {
        // Sizes spread over several orders of magnitude so that every rule fires now and then.
        return 1 + (long) Math.pow(10, random.nextDouble() * 4);
    }

    /** How many of the newest runs the files make up; fails unless they are exactly such a prefix. */
    private static int prefixLength(List<LevelSortedRun<Long>> runs, List<LsmFile<Long>> files) {
        List<LsmFile<Long>> prefix = new ArrayList<>();
        for (int taken = 0; taken < runs.size(); taken++) {
            prefix.addAll(runs.get(taken).run().files());
            if (prefix.size() == files.size()) {
                assertThat(files).containsExactlyElementsOf(prefix);
                return taken + 1;
            }
        }
        throw new AssertionError("Files " + files + " are not a prefix of runs " + describe(runs));
    }

    private static void assertUnit(
            Optional<CompactUnit<Long>> unit, int outputLevel, List<LevelSortedRun<Long>> expectedRuns) {
        assertThat(unit).isPresent();
        assertThat(unit.get().outputLevel()).as("output level").isEqualTo(outputLevel);
        List<LsmFile<Long>> expectedFiles = new ArrayList<>();
        for (LevelSortedRun<Long> run : expectedRuns) {
            expectedFiles.addAll(run.run().files());
        }
        assertThat(unit.get().files()).containsExactlyElementsOf(expectedFiles);
    }

    private static String describe(List<LevelSortedRun<Long>> runs) {
        StringBuilder sb = new StringBuilder("[");
        for (LevelSortedRun<Long> run : runs) {
            if (sb.length() > 1) {
                sb.append(", ");
            }
            sb.append('L').append(run.level()).append(':').append(run.totalSize());
        }
        return sb.append(']').toString();
    }
}
