package io.tstore.core.options;

import io.tstore.options.ConfigOption;

import java.time.Duration;

/** Options of engines' reads of a table: how streaming reads and lookup joins follow new snapshots. */
public final class SourceOptions {
    private SourceOptions() {}

    public static final ConfigOption<Duration> CONTINUOUS_DISCOVERY_INTERVAL = ConfigOption.key("continuous.discovery-interval")
            .durationType()
            .defaultValue(Duration.ofSeconds(10))
            .description("How often a streaming read looks for new snapshots.");

    public static final ConfigOption<Duration> LOOKUP_REFRESH_INTERVAL = ConfigOption.key("lookup.refresh-interval")
            .durationType()
            .defaultValue(Duration.ofSeconds(10))
            .description("How often a lookup join checks the table for new snapshots and refreshes its local copy of "
                    + "the table: with the changes of the new snapshots where they can be read, else by loading it again.");
}
