package io.tstore.flink.shell;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;

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
    private final Thread shutdownHook;

    private WarehouseKafka(EmbeddedKafka broker, Path home) {
        this.broker = broker;
        this.home = home;
        this.shutdownHook = new Thread(broker::stop, "tstore-embedded-kafka-shutdown");
    }

    /**
     * Starts the broker of {@code warehouse}: on the port it used before, or, the first time, on a
     * free port, which is then recorded for the next sessions. Returns when it serves requests.
     *
     * @throws IOException when the recorded port is taken (by another session on this warehouse, or
     *     another program), or the broker cannot start; the message says what to do
     */
    public static WarehouseKafka start(Path warehouse) throws IOException {
        Path home = requireNonNull(warehouse, "warehouse is null").resolve(DIRECTORY);
        Files.createDirectories(home);
        Path portFile = home.resolve(PORT_FILE);
        int port = Files.exists(portFile) ? readPort(portFile) : 0;
        if (port != 0 && !isFree(port)) {
            throw new IOException("The embedded Kafka broker of warehouse " + warehouse + " listens on 127.0.0.1:"
                    + port + " (recorded in " + portFile + "), and that port is in use: is another"
                    + " 'tstore sql --embedded-kafka' running on this warehouse? If another program took the port,"
                    + " delete " + home + " to start a new broker on a new port; its log tables then need"
                    + " ALTER TABLE ... SET ('kafka.bootstrap.servers' = '<the new address>').");
        }
        WarehouseKafka kafka = new WarehouseKafka(
                new EmbeddedKafka(home.resolve(DATA_DIRECTORY), false, Map.of(), port), home);
        // Before the start, so that a process ended while the broker starts still stops it.
        Runtime.getRuntime().addShutdownHook(kafka.shutdownHook);
        try {
            kafka.broker.start();
            if (port == 0) {
                writePort(portFile, kafka.port());
            }
        } catch (IOException | RuntimeException e) {
            kafka.close();
            // No cause, so that the shell's one-line error keeps this context; the trace is in the suppressed.
            IOException failure = new IOException("The embedded Kafka broker of warehouse " + warehouse
                    + " did not start: " + StatementRunner.message(e));
            failure.addSuppressed(e);
            throw failure;
        }
        return kafka;
    }

    /** {@code 127.0.0.1:port}, for {@code kafka.bootstrap.servers}. */
    public String bootstrapServers() {
        return broker.bootstrapServers();
    }

    /** The directory under the warehouse that holds the broker's data and port. */
    public Path home() {
        return home;
    }

    private int port() {
        String servers = broker.bootstrapServers();
        return Integer.parseInt(servers.substring(servers.lastIndexOf(':') + 1));
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

    private static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true); // as the broker's listener binds: a port in TIME_WAIT is free
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Stops the broker; its data stays under the warehouse for the next session. */
    @Override
    public void close() {
        try {
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
