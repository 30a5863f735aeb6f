package io.tstore.lsm.compact;

import io.tstore.options.ConfigOption;
import io.tstore.options.Options;

/** Options of universal compaction and of the shape of the tree. */
public final class CompactionOptions {
    private CompactionOptions() {}

    public static final ConfigOption<Integer> NUM_SORTED_RUN_COMPACTION_TRIGGER = ConfigOption.key("num-sorted-run.compaction-trigger")
            .intType()
            .defaultValue(5)
            .description("The number of sorted runs (each level-0 file and each non-empty level) that triggers a compaction.");

    public static final ConfigOption<Integer> NUM_SORTED_RUN_STOP_TRIGGER = ConfigOption.key("num-sorted-run.stop-trigger")
            .intType()
            .noDefaultValue()
            .description("The number of sorted runs above which writes stall until compaction catches up. Default: the compaction trigger + 3.");

    public static final ConfigOption<Integer> MAX_SIZE_AMPLIFICATION_PERCENT = ConfigOption.key("compaction.max-size-amplification-percent")
            .intType()
            .defaultValue(200)
            .description("Compact everything into the last level when the runs above it take more than this percentage of its size.");

    public static final ConfigOption<Integer> SIZE_RATIO = ConfigOption.key("compaction.size-ratio")
            .intType()
            .defaultValue(1)
            .description("Percentage of flexibility when comparing sorted run sizes: a run joins the compaction of the newer runs when their total size times (100 + ratio) / 100 is at least its size.");

    public static final ConfigOption<Integer> NUM_LEVELS = ConfigOption.key("num-levels")
            .intType()
            .noDefaultValue()
            .description("The number of levels of each LSM tree. Default: the compaction trigger + 1.");

    public static int compactionTrigger(Options options) {
        int trigger = options.get(NUM_SORTED_RUN_COMPACTION_TRIGGER);
        if (trigger < 1) {
            throw new IllegalArgumentException(
                    "Option '" + NUM_SORTED_RUN_COMPACTION_TRIGGER.key() + "' must be at least 1, got " + trigger);
        }
        return trigger;
    }

    public static int stopTrigger(Options options) {
        int trigger = compactionTrigger(options);
        Integer stop = options.get(NUM_SORTED_RUN_STOP_TRIGGER);
        int value = stop == null ? trigger + 3 : stop;
        if (value < trigger) {
            throw new IllegalArgumentException(String.format(
                    "Option '%s' (%d) must not be below '%s' (%d)",
                    NUM_SORTED_RUN_STOP_TRIGGER.key(), value, NUM_SORTED_RUN_COMPACTION_TRIGGER.key(), trigger));
        }
        return value;
    }

    public static int numLevels(Options options) {
        Integer levels = options.get(NUM_LEVELS);
        int value = levels == null ? compactionTrigger(options) + 1 : levels;
        if (value < 2) {
            throw new IllegalArgumentException("Option '" + NUM_LEVELS.key() + "' must be at least 2, got " + value);
        }
        return value;
    }
}
