package io.tstore.lsm.buffer;

import io.tstore.options.ConfigOption;
import io.tstore.options.MemorySize;

/** Options of the write buffer and its memory budget. */
public final class WriteBufferOptions {
    private WriteBufferOptions() {}

    public static final ConfigOption<MemorySize> WRITE_BUFFER_SIZE = ConfigOption.key("write-buffer-size")
            .memoryType()
            .defaultValue(MemorySize.ofMebiBytes(256))
            .description("Memory shared by the write buffers of all writers of one process; when it is full the largest buffer is spilled or flushed.");

    public static final ConfigOption<MemorySize> PAGE_SIZE = ConfigOption.key("page-size")
            .memoryType()
            .defaultValue(MemorySize.ofKibiBytes(64))
            .description("The size of one memory page of the write buffer.");

    public static final ConfigOption<Boolean> WRITE_BUFFER_SPILLABLE = ConfigOption.key("write-buffer-spillable")
            .booleanType()
            .defaultValue(false)
            .description("Whether a full write buffer spills sorted runs to local disk instead of flushing a level-0 file, which gives fewer and larger level-0 files.");

    public static final ConfigOption<Integer> MAX_SPILL_FILES = ConfigOption.key("local-sort.max-num-file-handles")
            .intType()
            .defaultValue(128)
            .description("The most spill files one write buffer keeps before it flushes to a level-0 file.");
}
