package io.tstore.core.options;

import io.tstore.options.ConfigOption;

import java.time.Duration;

/** Options of a table's maintenance: how many snapshots expiry keeps, and whether writers leave compaction to others. */
public final class MaintenanceOptions {
    private MaintenanceOptions() {}

    public static final ConfigOption<Integer> SNAPSHOT_NUM_RETAINED_MIN = ConfigOption.key("snapshot.num-retained.min")
            .intType()
            .defaultValue(10)
            .description("The fewest snapshots expiry keeps, however old they are (at least 1).");

    public static final ConfigOption<Integer> SNAPSHOT_NUM_RETAINED_MAX = ConfigOption.key("snapshot.num-retained.max")
            .intType()
            .defaultValue(Integer.MAX_VALUE)
            .description("The most snapshots expiry keeps, however young they are (at least snapshot.num-retained.min). "
                    + "A consumer's next snapshot is kept even beyond this.");

    public static final ConfigOption<Duration> SNAPSHOT_TIME_RETAINED = ConfigOption.key("snapshot.time-retained")
            .durationType()
            .defaultValue(Duration.ofHours(1))
            .description("How long a snapshot is kept after it was committed, between the minimum and the maximum number of snapshots kept.");

    public static final ConfigOption<Integer> SNAPSHOT_EXPIRE_LIMIT = ConfigOption.key("snapshot.expire.limit")
            .intType()
            .defaultValue(10)
            .description("The most snapshots one expiry run (after a commit) removes, so that a commit never waits long "
                    + "for a backlog; the next commits continue.");

    public static final ConfigOption<Boolean> WRITE_ONLY = ConfigOption.key("write-only")
            .booleanType()
            .defaultValue(false)
            .description("Whether writers only write: they neither compact nor expire snapshots, and leave both to a "
                    + "separate compaction process (TableCompactor) running beside them.");
}
