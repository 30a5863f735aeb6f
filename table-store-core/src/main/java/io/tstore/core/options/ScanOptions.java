package io.tstore.core.options;

import io.tstore.options.ConfigOption;
import io.tstore.options.MemorySize;

import java.time.Duration;

/**
 * Options of reads: where batch and streaming reads start (time travel), consumers, and how streaming reads
 * treat overwrites. Usually given per query as dynamic options ({@code FileStoreTable.copy}).
 */
public final class ScanOptions {
    private ScanOptions() {}

    public static final ConfigOption<ScanMode> SCAN_MODE = ConfigOption.key("scan.mode")
            .enumType(ScanMode.class)
            .defaultValue(ScanMode.DEFAULT)
            .description("Where a read starts. default: from the other scan options (scan.snapshot-id: from-snapshot; scan.timestamp-millis: from-timestamp; scan.tag-name: the tagged snapshot in full), else latest-full. latest-full (or full): the latest snapshot in full, then every later change. latest: only changes after the latest snapshot. from-snapshot: the changes from scan.snapshot-id on. from-snapshot-full: snapshot scan.snapshot-id in full, then every later change. from-timestamp: the changes of snapshots committed after scan.timestamp-millis. compacted-full: the latest COMPACT snapshot in full, then every later change. A batch read reads the snapshot a streaming read would start at (from-snapshot: scan.snapshot-id; from-timestamp: the latest snapshot at or before the time).");

    public static final ConfigOption<Long> SCAN_SNAPSHOT_ID = ConfigOption.key("scan.snapshot-id")
            .longType()
            .noDefaultValue()
            .description("The snapshot a read starts at (modes from-snapshot and from-snapshot-full; with scan.mode default it means from-snapshot). A batch read reads this snapshot.");

    public static final ConfigOption<Long> SCAN_TIMESTAMP_MILLIS = ConfigOption.key("scan.timestamp-millis")
            .longType()
            .noDefaultValue()
            .description("A time in epoch milliseconds (mode from-timestamp; with scan.mode default it means from-timestamp). A batch read reads the latest snapshot committed at or before it; a streaming read follows the snapshots committed after it.");

    public static final ConfigOption<String> SCAN_TAG_NAME = ConfigOption.key("scan.tag-name")
            .stringType()
            .noDefaultValue()
            .description("A tag whose snapshot a read starts at, in place of scan.snapshot-id: a batch read reads it; a streaming read reads it in full (scan.mode default or from-snapshot-full) or its changes (from-snapshot), then every later change. The tag keeps working after its snapshot expired.");

    public static final ConfigOption<String> CONSUMER_ID = ConfigOption.key("consumer-id")
            .stringType()
            .noDefaultValue()
            .description("The id of a streaming reader that records its position (the next snapshot it needs) in consumer/consumer-<id> each time the engine completes a checkpoint; snapshot expiry keeps that snapshot, and a reader restarted with the same id and no state of its own resumes there. Letters, digits, '_', '-' and '.'.");

    public static final ConfigOption<Duration> CONSUMER_EXPIRATION_TIME = ConfigOption.key("consumer.expiration-time")
            .durationType()
            .noDefaultValue()
            .description("A consumer whose position was not updated for this long is retired, and no longer keeps snapshots from expiry. Default: consumers never expire.");

    public static final ConfigOption<Boolean> STREAMING_READ_OVERWRITE = ConfigOption.key("streaming-read-overwrite")
            .booleanType()
            .defaultValue(false)
            .description("Whether a streaming read emits the changes of OVERWRITE snapshots: -D of each replaced row and +I of each new one, leaving out rows the overwrite did not change. By default they are skipped.");

    public static final ConfigOption<MemorySize> SOURCE_SPLIT_TARGET_SIZE = ConfigOption.key("source.split.target-size")
            .memoryType()
            .defaultValue(MemorySize.ofMebiBytes(128))
            .description("The size a batch read packs splits to. Files that need no merge (of tables without primary key, and of primary-key buckets whose files form one sorted run without deletes, such as fully compacted data) are split across tasks in splits of about this size; a bucket whose files must be merged is one split, whatever its size.");

    public static final ConfigOption<MemorySize> SOURCE_SPLIT_OPEN_FILE_COST = ConfigOption.key("source.split.open-file-cost")
            .memoryType()
            .defaultValue(MemorySize.ofMebiBytes(4))
            .description("What opening a file costs when splits are packed, as a size: a file counts as at least this large, so a split of many small files does not open too many.");
}
