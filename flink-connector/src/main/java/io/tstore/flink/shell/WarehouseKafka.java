package io.tstore.flink.shell;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

import io.tstore.log.kafka.EmbeddedKafka;

/**
 * The Kafka broker of {@code tstore sql --embedded-kafka}: an {@link EmbeddedKafka} in the shell's
 * process whose data lives under the warehouse, in {@value #DIRECTORY}, and which listens on the
 * same port of 127.0.0.1 in every session on that warehouse.
 *
 * <p>Why under the warehouse and on a fixed port: the catalog writes the broker's address into the
 * options of every table it creates ({@code table-default.kafka.bootstrap.servers}), so a table
 * whose log is on this broker names it for good. Keeping the broker's topics and address with the
 * warehouse keeps such tables whole across sessions, and lets a later session drop them (which
 * deletes their topic) without waiting for a broker that no longer exists.
 *
 * <p>The broker is stopped by {@link #close()}, or by a JVM shutdown hook when the process ends
 * otherwise (Ctrl-C outside a statement, {@code kill}).
 */
public final class WarehouseKafka implements AutoCloseable {

    /** The directory under the warehouse that holds the broker's data and the port it listens on. */
    public static final String DIRECTORY = ".embedded-kafka";

    /** The file in {@link #DIRECTORY} that holds the broker's port, as a decimal number. */
    static final String PORT_FILE = "port";

    /** The broker's log directory in {@link #DIRECTORY}. */
    static final String DATA_DIRECTORY = "data";

    private final EmbeddedKafka broker;
    private final Path home;
    private final int port;
    private final CompletableFuture<Void> started = new CompletableFuture<>();
    private final Thread shutdownHook;

    private WarehouseKafka(EmbeddedKafka broker, Path home, int port) {
        this.broker = broker;
        this.home = home;
        this.port = port;
        this.shutdownHook = new Thread(broker::stop, "tstore-embedded-kafka-shutdown");
    }

    /**
     * Starts the broker of {@code warehouse} in the background: on the port it used before, or, the
     * first time, on a free port, which is recorded for the next sessions once the broker runs. Its
     * address is known at once ({@link #bootstrapServers()}); {@link #awaitStarted()} waits until it
     * serves requests.
     *
     * @throws IOException when the recorded port is taken (by another session on this warehouse, or
     *     another program); the message says what to do
     */
    public static WarehouseKafka start(Path warehouse) throws IOException {
        Path home = requireNonNull(warehouse, "warehouse is null").resolve(DIRECTORY);
        Files.createDirectories(home);
        Path portFile = home.resolve(PORT_FILE);
        boolean recorded = Files.exists(portFile);
        int port = recorded ? readPort(portFile) : freePort();
        if (recorded && !isFree(port)) {
            throw new IOException("The embedded Kafka broker of warehouse " + warehouse + " listens on 127.0.0.1:"
                    + port + " (recorded in " + portFile + "), and that port is in use: is another"
                    + " 'tstore sql --embedded-kafka' running on this warehouse? If another program took the port,"
                    + " delete " + home + " to start a new broker on a new port; its log tables then need"
                    + " ALTER TABLE ... SET ('kafka.bootstrap.servers' = '<the new address>').");
        }
        WarehouseKafka kafka = new WarehouseKafka(
                new EmbeddedKafka(home.resolve(DATA_DIRECTORY), false, Map.of(), port), home, port);
        // Before the start, so that a process ended while the broker starts still stops it.
        Runtime.getRuntime().addShutdownHook(kafka.shutdownHook);
        // The broker starts while the shell starts its Flink cluster and session: both take seconds.
        Thread starter = new Thread(() -> {
            try {
                kafka.broker.start();
                if (!recorded) {
                    writePort(portFile, port);
                }
                kafka.started.complete(null);
            } catch (Throwable e) {
                kafka.started.completeExceptionally(e);
            }
        }, "tstore-embedded-kafka-start");
        starter.setDaemon(true);
        starter.start();
        return kafka;
    }

    /**
     * Waits until the broker serves requests.
     *
     * @throws IOException when it did not start; the message names the warehouse and the reason
     */
    public void awaitStarted() throws IOException {
        try {
            started.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("Interrupted while the embedded Kafka broker started");
        } catch (ExecutionException e) {
            // No cause, so that the shell's one-line error keeps this context; the trace is in the suppressed.
            IOException failure = new IOException("The embedded Kafka broker in " + home + " did not start: "
                    + StatementRunner.message(e.getCause()));
            failure.addSuppressed(e.getCause());
            throw failure;
        }
    }

    /** {@code 127.0.0.1:port}, for {@code kafka.bootstrap.servers}; known before the broker runs. */
    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    /** The directory under the warehouse that holds the broker's data and port. */
    public Path home() {
        return home;
    }

    private static int readPort(Path portFile) throws IOException {
        String text = Files.readString(portFile, StandardCharsets.UTF_8).strip();
        try {
            int port = Integer.parseInt(text);
            if (port > 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IOException("Invalid port '" + text + "' in " + portFile
                + ": expected the port of the embedded Kafka broker, 1 to 65535.");
    }

    private static void writePort(Path portFile, int port) throws IOException {
        Path temporary = portFile.resolveSibling(PORT_FILE + ".tmp");
        Files.writeString(temporary, port + System.lineSeparator(), StandardCharsets.UTF_8);
        Files.move(temporary, portFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true); // as the broker's listener binds: a port in TIME_WAIT is free
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Stops the broker (after its start, if it is starting); its data stays under the warehouse for the next session. */
    @Override
    public void close() {
        try {
            try {
                started.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException e) {
                // it did not start: stop what did
            }
            broker.stop();
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException e) {
                // the JVM is shutting down: the hook runs, or ran, and finds the broker stopped
            }
        }
    }
}
