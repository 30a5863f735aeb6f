package io.tstore.core.options;

import io.tstore.options.ConfigOption;

import java.time.Duration;

/**
 * Options of a table's log store: a log (Kafka) beside the table's files that carries its changelog with low
 * latency. The log system's own options (for Kafka, {@code kafka.*}) come from its {@code LogStoreFactory}.
 */
public final class LogOptions {
    private LogOptions() {}

    /** The value of {@link #LOG_SYSTEM} that turns the log store off. */
    public static final String NONE = "none";

    public static final ConfigOption<String> LOG_SYSTEM = ConfigOption.key("log.system")
            .stringType()
            .defaultValue(NONE)
            .description("The log store beside the table's files: none, or kafka (needs the log-store module on the classpath and the kafka.* options). Writers also send every change to the log, and streaming readers continue from a snapshot's log offsets.");

    public static final ConfigOption<LogConsistency> LOG_CONSISTENCY = ConfigOption.key("log.consistency")
            .enumType(LogConsistency.class)
            .defaultValue(LogConsistency.TRANSACTIONAL)
            .description("transactional: a writer's records become visible to readers with its table commit (one log transaction per bucket and commit, read with read_committed). eventual: records are visible at once and sent at least once; readers normalise duplicates.");

    public static final ConfigOption<LogChangelogMode> LOG_CHANGELOG_MODE = ConfigOption.key("log.changelog-mode")
            .enumType(LogChangelogMode.class)
            .defaultValue(LogChangelogMode.AUTO)
            .description("Which changes the log carries: all (+I, -U, +U, -D as written), upsert (the latest image per key: -U is not sent; primary-key tables only), or auto (upsert for a primary-key table, unless its changelog-producer is input, which declares the writers' input a complete changelog; all otherwise). A log reader of an upsert log normalises it (in Flink, the planner adds the step that keeps the latest row per key).");

    public static final ConfigOption<Duration> LOG_RETENTION = ConfigOption.key("log.retention")
            .durationType()
            .noDefaultValue()
            .description("How long the log keeps records, set on the log when the log store creates it (Kafka: the topic's retention.ms). Default: the log system's default. A reader that needs records the log no longer holds falls back to the table's files.");

    public static final ConfigOption<Boolean> LOG_SCAN_ENABLED = ConfigOption.key("log.scan.enabled")
            .booleanType()
            .defaultValue(true)
            .description("Whether a streaming read of a table with a log store (log.system other than none) continues from the log after the snapshot it starts at, seeing changes as soon as the log has them. false: it follows new snapshots instead, as without a log. Usually given per query as a dynamic option. A read with consumer-id always follows snapshots.");

    /** The changelog mode that {@link LogChangelogMode#AUTO} resolves to for a table. */
    public static LogChangelogMode changelogMode(io.tstore.options.Options options, boolean hasPrimaryKey) {
        LogChangelogMode mode = options.get(LOG_CHANGELOG_MODE);
        if (mode != LogChangelogMode.AUTO) {
            return mode;
        }
        // A writer sends what it is given. Only changelog-producer = input declares that input a complete changelog
        // (a -U before every +U, no +I over an existing key); any other primary-key table may take bare upserts,
        // which a reader of an "all" log would take for a complete changelog.
        return hasPrimaryKey && options.get(ChangelogOptions.CHANGELOG_PRODUCER) != ChangelogProducer.INPUT
                ? LogChangelogMode.UPSERT
                : LogChangelogMode.ALL;
    }
}
