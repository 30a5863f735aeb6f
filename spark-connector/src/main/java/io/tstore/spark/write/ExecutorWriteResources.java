package io.tstore.spark.write;

import io.tstore.core.connector.WriteResources;
import io.tstore.options.Options;

/**
 * The one {@link WriteResources} of this JVM (a Spark executor, or the driver in local mode), shared by every
 * writer task that runs in it: one memory budget for the write buffers and one set of compaction and flush threads,
 * however many tasks the executor runs at once. It is created by the first writer, sized by that writer's table
 * options ({@code write-buffer-size}, {@code write.compaction-threads}, {@code write.flush-threads}), and closed when
 * the JVM shuts down, after the executor's tasks ended.
 */
final class ExecutorWriteResources {
    private static WriteResources resources;

    private ExecutorWriteResources() {}

    /** The JVM's resources, created on first use from {@code options}. */
    static synchronized WriteResources get(Options options) {
        if (resources == null) {
            WriteResources created = WriteResources.create(options);
            Runtime.getRuntime().addShutdownHook(new Thread(created::close, "tstore-write-resources-close"));
            resources = created;
        }
        return resources;
    }
}
