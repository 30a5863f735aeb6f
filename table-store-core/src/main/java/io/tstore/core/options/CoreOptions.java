package io.tstore.core.options;

import io.tstore.options.ConfigOption;
import io.tstore.options.MemorySize;

/** Options of a table's layout, files and merge semantics. */
public final class CoreOptions {
    private CoreOptions() {}

    public static final ConfigOption<Integer> BUCKET = ConfigOption.key("bucket")
            .intType()
            .defaultValue(4)
            .description("The number of buckets of each partition: rows are routed to a bucket by a hash of the bucket key, and each bucket is one LSM tree written by one writer. Fixed for the life of the table's data; change it only with an overwrite.");

    public static final ConfigOption<Integer> WRITE_FLUSH_THREADS = ConfigOption.key("write.flush-threads")
            .intType()
            .noDefaultValue()
            .description("How many threads of a writer flush its buckets' write buffers at a commit, in parallel, the committing thread included (1: that thread alone). Default: the number of cores. Set it lower where many writers share the cores, e.g. to 1 for a Flink job with a writer subtask per core.");

    public static final ConfigOption<Integer> WRITE_COMPACTION_THREADS = ConfigOption.key("write.compaction-threads")
            .intType()
            .noDefaultValue()
            .description("How many compaction threads the writers of one process share when an engine gives them shared write resources (a Spark executor's or Trino worker's writers, see docs/java-api.md); a writer without them has one compaction thread of its own. Default: the number of cores.");

    public static final ConfigOption<String> BUCKET_KEY = ConfigOption.key("bucket-key")
            .stringType()
            .noDefaultValue()
            .description("Comma-separated fields whose hash picks the bucket. Default: the primary key (without partition fields), or the whole row for a table without primary key. Must be a subset of the primary key when there is one.");

    public static final ConfigOption<FileFormatType> FILE_FORMAT = ConfigOption.key("file.format")
            .enumType(FileFormatType.class)
            .defaultValue(FileFormatType.ORC)
            .description("The format of data files: orc or parquet.");

    public static final ConfigOption<String> FILE_COMPRESSION = ConfigOption.key("file.compression")
            .stringType()
            .defaultValue("zstd")
            .description("The compression codec of data files: zstd, lz4, snappy, zlib/gzip or none.");

    public static final ConfigOption<MemorySize> TARGET_FILE_SIZE = ConfigOption.key("target-file-size")
            .memoryType()
            .defaultValue(MemorySize.ofMebiBytes(128))
            .description("The size at which a writer rolls to a new data file.");

    public static final ConfigOption<MergeEngine> MERGE_ENGINE = ConfigOption.key("merge-engine")
            .enumType(MergeEngine.class)
            .defaultValue(MergeEngine.DEDUPLICATE)
            .description("How versions of one primary key merge: deduplicate, partial-update, aggregation or first-row.");

    public static final ConfigOption<String> SEQUENCE_FIELD = ConfigOption.key("sequence.field")
            .stringType()
            .noDefaultValue()
            .description("A field that orders the versions of a key ahead of the write order: the version with the largest value is the latest.");

    public static final ConfigOption<Boolean> IGNORE_DELETE = ConfigOption.key("ignore-delete")
            .booleanType()
            .defaultValue(false)
            .description("Whether deletes (-D) and update-befores (-U) written to a primary-key table are ignored instead of applied.");

    public static final ConfigOption<String> FIELD_AGGREGATE_FUNCTION = ConfigOption.key("fields.<field>.aggregate-function")
            .stringType()
            .noDefaultValue()
            .description("The aggregate function of a value field of an aggregation table: sum, min, max, count, first_value, last_value, last_non_null_value, listagg, bool_and or bool_or. Default: last_non_null_value.");
}
