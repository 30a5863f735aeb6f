package io.tstore.core.options;

import io.tstore.options.ConfigOption;

/** Options of the changelog a primary-key table produces for streaming readers (docs/changelog.md). */
public final class ChangelogOptions {
    private ChangelogOptions() {}

    public static final ConfigOption<ChangelogProducer> CHANGELOG_PRODUCER = ConfigOption.key("changelog-producer")
            .enumType(ChangelogProducer.class)
            .defaultValue(ChangelogProducer.NONE)
            .description("How a primary-key table produces its changelog: none (followers see upserted rows without old values), input (the written records, for a deduplicate table fed a complete changelog), full-compaction (full compactions every full-compaction.delta-commits commits compare old and new rows) or lookup (each commit compacts its new records and looks the old rows up, through a local cache). See docs/changelog.md.");

    public static final ConfigOption<Integer> FULL_COMPACTION_DELTA_COMMITS = ConfigOption.key("full-compaction.delta-commits")
            .intType()
            .defaultValue(1)
            .description("With changelog-producer full-compaction: a writer fully compacts every bucket that is not fully compacted at every this many commits, and the changelog of what changed appears then.");

    public static final ConfigOption<Boolean> CHANGELOG_ROW_DEDUPLICATE = ConfigOption.key("changelog-producer.row-deduplicate")
            .booleanType()
            .defaultValue(false)
            .description("With changelog-producer lookup or full-compaction: an update whose new row equals the old one writes no -U/+U pair.");
}
