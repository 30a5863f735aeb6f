package io.tstore.benchmarks.flink;

import io.tstore.flink.shell.EmbeddedCluster;

import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;

import java.time.Duration;

/** The MiniCluster the Flink benchmarks run their jobs on. */
final class BenchmarkCluster {
    private BenchmarkCluster() {}

    /**
     * Sets the benchmarks' cluster options in {@code conf} (small managed and network memory, loopback only, the
     * parallelism and checkpoint interval) and starts a MiniCluster of one task manager with a slot per subtask.
     */
    static MiniCluster start(Configuration conf, int parallelism, Duration checkpointInterval) throws Exception {
        conf.set(TaskManagerOptions.MANAGED_MEMORY_SIZE, MemorySize.parse("128m"));
        conf.set(TaskManagerOptions.NETWORK_MEMORY_MIN, MemorySize.parse("64m"));
        conf.set(TaskManagerOptions.NETWORK_MEMORY_MAX, MemorySize.parse("64m"));
        EmbeddedCluster.bindToLoopback(conf);
        conf.set(CoreOptions.DEFAULT_PARALLELISM, parallelism);
        conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, checkpointInterval);
        MiniCluster cluster = new MiniCluster(new MiniClusterConfiguration.Builder()
                .setConfiguration(conf)
                .setNumTaskManagers(1)
                .setNumSlotsPerTaskManager(parallelism)
                .build());
        cluster.start();
        return cluster;
    }
}
