package io.tstore.flink.shell;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

import org.apache.flink.api.dag.Pipeline;
import org.apache.flink.client.deployment.executors.PipelineExecutorUtils;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.DeploymentOptions;
import org.apache.flink.configuration.HeartbeatManagerOptions;
import org.apache.flink.configuration.JobManagerOptions;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.PipelineExecutor;
import org.apache.flink.core.execution.PipelineExecutorFactory;
import org.apache.flink.core.execution.PipelineExecutorServiceLoader;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.runtime.minicluster.MiniClusterJobClient;
import org.apache.flink.streaming.api.graph.StreamGraph;

/**
 * One Flink MiniCluster for the whole shell session, bound to loopback, and the executor that
 * submits every job of the session to it.
 *
 * <p>Flink's own local executor starts a new MiniCluster per job; the shell keeps one, so that jobs
 * start fast and the cluster's slots are shared by the statements of a session.
 */
public final class EmbeddedCluster implements AutoCloseable {

    private static final String EXECUTOR_NAME = "tstore-embedded";

    private final CompletableFuture<MiniCluster> miniCluster;
    private final Configuration configuration;

    private EmbeddedCluster(CompletableFuture<MiniCluster> miniCluster, Configuration configuration) {
        this.miniCluster = miniCluster;
        this.configuration = configuration;
    }

    /**
     * Starts a MiniCluster with one task manager of {@code slots} slots, listening on 127.0.0.1 only.
     * {@code overrides} may set any cluster option; the loopback bindings always win.
     */
    public static EmbeddedCluster start(int slots, Configuration overrides) {
        Configuration conf = new Configuration();
        // Memory sized for a laptop: Flink's defaults ask for more managed memory than a shell needs.
        conf.set(TaskManagerOptions.MANAGED_MEMORY_SIZE, MemorySize.parse("256m"));
        conf.set(TaskManagerOptions.NETWORK_MEMORY_MIN, MemorySize.parse("64m"));
        conf.set(TaskManagerOptions.NETWORK_MEMORY_MAX, MemorySize.parse("64m"));
        // Accumulators of running jobs (the progress of writes) travel with the heartbeats: every 2 s, not 10 s.
        conf.set(HeartbeatManagerOptions.HEARTBEAT_INTERVAL, Duration.ofSeconds(2));
        conf.addAll(overrides);
        bindToLoopback(conf);
        MiniCluster cluster = new MiniCluster(new MiniClusterConfiguration.Builder()
                .setConfiguration(conf)
                .setNumTaskManagers(1)
                .setNumSlotsPerTaskManager(slots)
                .build());
        // The cluster starts while the session sets up its planner; the first job waits for it.
        CompletableFuture<MiniCluster> started = CompletableFuture.supplyAsync(() -> {
            try {
                cluster.start();
                return cluster;
            } catch (Exception e) {
                throw new CompletionException(e);
            }
        });
        return new EmbeddedCluster(started, conf);
    }

    /**
     * Binds a MiniCluster of this configuration to 127.0.0.1 only: its REST endpoint (on a free port), and the BLOB
     * server and RPC services, whose hosts default to the wildcard.
     */
    public static Configuration bindToLoopback(Configuration conf) {
        conf.set(RestOptions.BIND_ADDRESS, "127.0.0.1");
        conf.set(RestOptions.ADDRESS, "127.0.0.1");
        conf.set(RestOptions.PORT, 0);
        conf.set(JobManagerOptions.BIND_HOST, "127.0.0.1");
        conf.set(JobManagerOptions.ADDRESS, "127.0.0.1");
        conf.set(TaskManagerOptions.BIND_HOST, "127.0.0.1");
        conf.set(TaskManagerOptions.HOST, "127.0.0.1");
        return conf;
    }

    private MiniCluster miniCluster() throws Exception {
        try {
            return miniCluster.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("The embedded Flink cluster did not start: "
                    + e.getCause().getMessage(), e.getCause());
        }
    }

    /**
     * The cluster's configuration, with the loopback bindings, and the name of this cluster's executor
     * as {@code execution.target}.
     */
    public Configuration configuration() {
        Configuration conf = new Configuration(configuration);
        conf.set(DeploymentOptions.TARGET, EXECUTOR_NAME);
        conf.set(DeploymentOptions.ATTACHED, true);
        return conf;
    }

    /** Loads the executor that submits pipelines to this cluster, whatever the configuration says. */
    public PipelineExecutorServiceLoader executorServiceLoader() {
        PipelineExecutorFactory factory = new PipelineExecutorFactory() {
            @Override
            public String getName() {
                return EXECUTOR_NAME;
            }

            @Override
            public boolean isCompatibleWith(Configuration conf) {
                return true;
            }

            @Override
            public PipelineExecutor getExecutor(Configuration conf) {
                return EmbeddedCluster.this::submit;
            }
        };
        return new PipelineExecutorServiceLoader() {
            @Override
            public PipelineExecutorFactory getExecutorFactory(Configuration conf) {
                return factory;
            }

            @Override
            public Stream<String> getExecutorNames() {
                return Stream.of(factory.getName());
            }
        };
    }

    private CompletableFuture<JobClient> submit(
            Pipeline pipeline, Configuration conf, ClassLoader classLoader) throws Exception {
        StreamGraph streamGraph = PipelineExecutorUtils.getStreamGraph(pipeline, conf);
        streamGraph.serializeUserDefinedInstances();
        MiniCluster cluster = miniCluster();
        return cluster.submitJob(streamGraph)
                .thenApply(submitted -> new MiniClusterJobClient(submitted.getJobID(), cluster,
                        classLoader, MiniClusterJobClient.JobFinalizationBehavior.NOTHING));
    }

    @Override
    public void close() throws ExecutionException, TimeoutException {
        try {
            MiniCluster cluster;
            try {
                cluster = miniCluster.get();
            } catch (ExecutionException e) {
                return; // it never started
            }
            cluster.closeAsync().get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
