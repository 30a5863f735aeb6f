package io.tstore.lsm.compact;

import io.tstore.lsm.file.LevelSortedRun;
import io.tstore.lsm.file.LsmFile;
import io.tstore.lsm.file.LsmFileMeta;
import io.tstore.lsm.file.SortedRun;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The picker of the lookup producer: every pick takes all of level 0, and writes above it and below what it leaves. */
class ForceLevel0CompactionTest {
    private static final int NUM_LEVELS = 5;

    private int nextFile;

    @Test
    void randomShapes() {
        Random random = new Random(7);
        UniversalCompaction universal = new UniversalCompaction(200, 1, 1 + random.nextInt(5));
        ForceLevel0Compaction strategy = new ForceLevel0Compaction(universal);
        int forced = 0;
        for (int i = 0; i < 2_000; i++) {
            List<LevelSortedRun<Long>> runs = new ArrayList<>();
            int level0 = random.nextInt(4);
            for (int j = 0; j < level0; j++) {
                runs.add(run(0, 1 + random.nextInt(100)));
            }
            for (int level = 1; level < NUM_LEVELS; level++) {
                if (random.nextInt(3) == 0) {
                    runs.add(run(level, 1 + random.nextInt(1000)));
                }
            }
            Optional<CompactUnit<Long>> unit = strategy.pick(NUM_LEVELS, runs);
            if (level0 == 0) {
                // Nothing forced: the universal rules alone decide.
                assertThat(unit).isEqualTo(universal.pick(NUM_LEVELS, runs));
                continue;
            }
            assertThat(unit).as("runs %s", runs).isPresent();
            forced++;
            List<LsmFile<Long>> files = unit.get().files();
            int output = unit.get().outputLevel();
            assertThat(output).isPositive();
            for (LevelSortedRun<Long> run : runs) {
                boolean taken = files.containsAll(run.run().files());
                if (run.level() == 0) {
                    assertThat(taken).as("level-0 run %s taken in %s", run.run(), unit.get()).isTrue();
                } else if (!taken) {
                    assertThat(run.level()).as("run %s left below output %d", run.run(), output).isGreaterThan(output);
                } else {
                    assertThat(run.level()).isLessThanOrEqualTo(output);
                }
            }
        }
        assertThat(forced).isGreaterThan(1_000);
    }

    @Test
    void writesToTheFreeLevelBelowTheFirstRunLeftOut() {
        ForceLevel0Compaction strategy = new ForceLevel0Compaction(new UniversalCompaction(200, 1, 10));
        LevelSortedRun<Long> l0 = run(0, 10);
        LevelSortedRun<Long> l3 = run(3, 1000);
        CompactUnit<Long> unit = strategy.pick(NUM_LEVELS, List.of(l0, l3)).orElseThrow();
        assertThat(unit.outputLevel()).isEqualTo(2);
        assertThat(unit.files()).containsExactlyElementsOf(l0.run().files());

        LevelSortedRun<Long> l1 = run(1, 1000);
        unit = strategy.pick(NUM_LEVELS, List.of(l0, l1, l3)).orElseThrow();
        assertThat(unit.outputLevel()).isEqualTo(1);
        assertThat(unit.files()).containsExactlyInAnyOrder(l0.run().files().get(0), l1.run().files().get(0));

        assertThat(strategy.pick(NUM_LEVELS, List.of(l1, l3))).isEmpty();
    }

    private LevelSortedRun<Long> run(int level, long size) {
        int id = nextFile++;
        LsmFile<Long> file = new LsmFileMeta<>("file-" + id, size, 1, 0, id * 10L, id * 10L + 5, id, id, level);
        return new LevelSortedRun<>(level, SortedRun.fromSingle(file));
    }
}
