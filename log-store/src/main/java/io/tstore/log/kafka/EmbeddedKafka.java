package io.tstore.log.kafka;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;

import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;

import java.io.IOException;
import java.io.PrintStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;

import static java.util.Objects.requireNonNull;

/**
 * A single Kafka broker in this process, in KRaft mode (one node that is both broker and controller), listening on
 * 127.0.0.1 only: for tests (one broker per test class) and for {@code bin/tstore sql --embedded-kafka}, so that
 * the log store runs with nothing installed. Its log directory is formatted with the storage tool's API, as
 * {@code kafka-storage.sh format} would. Internal topics have one partition and one replica, so it starts in a few
 * seconds.
 */
public final class EmbeddedKafka implements AutoCloseable {
    private final Path logDirectory;
    private final boolean deleteOnStop;
    private final Map<String, String> overrides;
    private final int brokerPort;
    private KafkaRaftServer server;
    private String bootstrapServers;

    /**
     * @param logDirectory where the broker keeps its data; created when missing and formatted when empty
     * @param deleteOnStop whether {@link #stop} deletes the directory
     * @param overrides broker properties that replace the defaults (e.g. {@code log.retention.check.interval.ms})
     */
    public EmbeddedKafka(Path logDirectory, boolean deleteOnStop, Map<String, String> overrides) {
        this(logDirectory, deleteOnStop, overrides, 0);
    }

    /**
     * A broker that listens on a given port, so that a broker restarted on the same log directory keeps the address
     * that tables name in {@code kafka.bootstrap.servers} ({@code bin/tstore sql --embedded-kafka}).
     *
     * @param brokerPort the port of the broker's listener on 127.0.0.1, or 0 for a free port chosen at start; the
     *     controller's port is always chosen at start
     */
    public EmbeddedKafka(Path logDirectory, boolean deleteOnStop, Map<String, String> overrides, int brokerPort) {
        this.logDirectory = requireNonNull(logDirectory, "logDirectory is null");
        this.deleteOnStop = deleteOnStop;
        this.overrides = Map.copyOf(requireNonNull(overrides, "overrides is null"));
        if (brokerPort < 0 || brokerPort > 65535) {
            throw new IllegalArgumentException("brokerPort must be 0 (any free port) or a port number, not " + brokerPort);
        }
        this.brokerPort = brokerPort;
    }

    /** A broker in a new temporary directory, deleted when it stops. */
    public static EmbeddedKafka inTemporaryDirectory() throws IOException {
        return new EmbeddedKafka(Files.createTempDirectory("embedded-kafka"), true, Map.of());
    }

    /** Formats the log directory when needed and starts the broker; returns when it serves requests. */
    public synchronized EmbeddedKafka start() throws IOException {
        if (server != null) {
            return this;
        }
        Files.createDirectories(logDirectory);
        int brokerPort = this.brokerPort != 0 ? this.brokerPort : freePort();
        int controllerPort = freePort();
        Properties props = new Properties();
        props.put("process.roles", "broker,controller");
        props.put("node.id", "1");
        props.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        props.put("listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
        props.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort);
        props.put("controller.listener.names", "CONTROLLER");
        props.put("inter.broker.listener.name", "PLAINTEXT");
        props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        props.put("log.dirs", logDirectory.toAbsolutePath().toString());
        props.put("num.partitions", "1");
        props.put("auto.create.topics.enable", "false");
        props.put("offsets.topic.replication.factor", "1");
        props.put("offsets.topic.num.partitions", "1");
        props.put("transaction.state.log.replication.factor", "1");
        props.put("transaction.state.log.min.isr", "1");
        props.put("transaction.state.log.num.partitions", "1");
        props.put("share.coordinator.state.topic.replication.factor", "1");
        props.put("share.coordinator.state.topic.min.isr", "1");
        props.put("group.initial.rebalance.delay.ms", "0");
        props.putAll(overrides);
        KafkaConfig config = KafkaConfig.fromProps(props, false);

        if (!Files.exists(logDirectory.resolve("meta.properties"))) {
            Formatter formatter = new Formatter()
                    .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                    .setNodeId(1)
                    .setClusterId(Uuid.randomUuid().toString())
                    .setReleaseVersion(MetadataVersion.latestProduction())
                    .setControllerListenerName("CONTROLLER")
                    .setMetadataLogDirectory(config.metadataLogDir())
                    .setDirectories(config.logDirs());
            try {
                formatter.run();
            } catch (Exception e) {
                throw new IOException("Cannot format the log directory " + logDirectory + " of an embedded Kafka broker", e);
            }
        }
        KafkaRaftServer started = new KafkaRaftServer(config, Time.SYSTEM);
        started.startup();
        server = started;
        bootstrapServers = "127.0.0.1:" + brokerPort;
        return this;
    }

    /** {@code host:port} of the broker, for {@code kafka.bootstrap.servers}. */
    public synchronized String bootstrapServers() {
        if (server == null) {
            throw new IllegalStateException("The embedded Kafka broker is not running");
        }
        return bootstrapServers;
    }

    public Path logDirectory() {
        return logDirectory;
    }

    /** Stops the broker (and deletes its directory when asked to). */
    public synchronized void stop() {
        if (server == null) {
            return;
        }
        try {
            server.shutdown();
            server.awaitShutdown();
        } finally {
            server = null;
            bootstrapServers = null;
            if (deleteOnStop) {
                deleteRecursively(logDirectory);
            }
        }
    }

    @Override
    public void close() {
        stop();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void deleteRecursively(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
