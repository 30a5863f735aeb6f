package io.tstore.lsm.lookup;

import io.tstore.options.ConfigOption;
import io.tstore.options.MemorySize;
import io.tstore.options.Options;

import java.time.Duration;

/** Options of lookup levels: the process-wide cache of local lookup files and the format of those files. */
public final class LookupOptions {
    private LookupOptions() {}

    public static final ConfigOption<MemorySize> CACHE_MAX_DISK_SIZE = ConfigOption.key("lookup.cache-max-disk-size")
            .memoryType()
            .defaultValue(MemorySize.parse("10 gb"))
            .description("The most local disk that the lookup files of all LSM trees of one process may take; the least "
                    + "recently useful files are deleted beyond it and rebuilt when needed again.");

    public static final ConfigOption<Duration> CACHE_FILE_RETENTION = ConfigOption.key("lookup.cache-file-retention")
            .durationType()
            .defaultValue(Duration.ofHours(1))
            .description("A local lookup file that has not been read for this long is deleted.");

    public static final ConfigOption<MemorySize> LOCAL_FILE_BLOCK_SIZE = ConfigOption.key("lookup.local-file-block-size")
            .memoryType()
            .defaultValue(MemorySize.ofKibiBytes(16))
            .description("The size of one block of a local lookup file: a lookup reads and scans one block, and the "
                    + "in-memory index keeps the first key of every block.");

    public static MemorySize cacheMaxDiskSize(Options options) {
        return options.get(CACHE_MAX_DISK_SIZE);
    }

    public static Duration cacheFileRetention(Options options) {
        Duration retention = options.get(CACHE_FILE_RETENTION);
        if (retention.isZero() || retention.isNegative()) {
            throw new IllegalArgumentException(
                    "Option '" + CACHE_FILE_RETENTION.key() + "' must be positive, got " + CACHE_FILE_RETENTION.format(retention));
        }
        return retention;
    }

    /** The block size in bytes, checked to be positive and to fit in an int (a block is read into one array). */
    public static int localFileBlockSize(Options options) {
        MemorySize size = options.get(LOCAL_FILE_BLOCK_SIZE);
        if (size.bytes() <= 0 || size.bytes() > (1L << 30)) {
            throw new IllegalArgumentException(String.format(
                    "Option '%s' must be between 1 b and 1 gb, got %s", LOCAL_FILE_BLOCK_SIZE.key(), size));
        }
        return size.bytesAsInt();
    }
}
