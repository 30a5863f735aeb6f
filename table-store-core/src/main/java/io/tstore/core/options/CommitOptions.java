package io.tstore.core.options;

import io.tstore.options.ConfigOption;
import io.tstore.options.MemorySize;

import java.time.Duration;

/** Options of commits and of the manifests they write. */
public final class CommitOptions {
    private CommitOptions() {}

    public static final ConfigOption<Integer> COMMIT_MAX_RETRIES = ConfigOption.key("commit.max-retries")
            .intType()
            .defaultValue(10)
            .description("How many times a commit that lost the race for the next snapshot id is retried on the new latest snapshot.");

    public static final ConfigOption<Duration> COMMIT_MAX_RETRY_WAIT = ConfigOption.key("commit.max-retry-wait")
            .durationType()
            .defaultValue(Duration.ofSeconds(10))
            .description("The longest random back-off between two attempts of one commit.");

    public static final ConfigOption<Boolean> COMMIT_ALLOW_NON_ATOMIC_PUBLISH = ConfigOption.key("commit.allow-non-atomic-publish")
            .booleanType()
            .defaultValue(false)
            .description("Whether commits may publish snapshots on a file system that cannot do it atomically (neither a rename "
                    + "that refuses to replace nor a conditional put, see docs/object-storage.md). Two writers committing at once "
                    + "could then both take one snapshot id and one commit would be lost, so set it only where one writer commits "
                    + "at a time.");

    public static final ConfigOption<MemorySize> MANIFEST_TARGET_FILE_SIZE = ConfigOption.key("manifest.target-file-size")
            .memoryType()
            .defaultValue(MemorySize.ofMebiBytes(8))
            .description("The size at which manifest files roll, and below which small manifests are merged.");

    public static final ConfigOption<Integer> MANIFEST_MERGE_MIN_COUNT = ConfigOption.key("manifest.merge-min-count")
            .intType()
            .defaultValue(30)
            .description("The number of small manifests in a base manifest list that triggers merging them.");
}
