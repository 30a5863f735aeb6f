package io.tstore.flink.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

import io.tstore.flink.shell.TstoreProcess.Run;
import io.tstore.log.kafka.EmbeddedKafka;

/**
 * {@code tstore sql --embedded-kafka} run as a process: the broker it starts is the default {@code
 * kafka.bootstrap.servers} of new tables (a table's own servers option wins), tables with the log get
 * their topic with one partition per bucket, and the broker is stopped cleanly however the shell ends.
 *
 * <p>Besides the shells' own brokers, the class starts one broker of its own, for tables that name
 * their servers.
 */
class TstoreEmbeddedKafkaTest {

    private static final Pattern BROKER_LINE = Pattern.compile(
            "\\[INFO\\] Kafka broker listening on (127\\.0\\.0\\.1:(\\d+)) \\(in this process, data in (.+)\\):"
                    + " the default 'kafka\\.bootstrap\\.servers' of new tables in catalog 'tstore'\\.");

    /** The file Kafka writes into its log directory when it shuts down cleanly, and deletes at start. */
    private static final String CLEAN_SHUTDOWN_FILE = ".kafka_cleanshutdown";

    private static EmbeddedKafka external;
    private Path dir;

    @BeforeAll
    static void startExternalBroker() throws IOException {
        external = EmbeddedKafka.inTemporaryDirectory().start();
    }

    @AfterAll
    static void stopExternalBroker() {
        if (external != null) {
            external.close();
        }
    }

    @BeforeEach
    void createDirectory(TestInfo test) throws IOException {
        dir = TstoreProcess.emptyDirectory(TstoreEmbeddedKafkaTest.class, test);
    }

    @Test
    void newLogTablesUseTheEmbeddedBrokerWhoseTopicsAndPortOutliveTheSession() throws Exception {
        Run run = TstoreProcess.finish(dir, TstoreProcess.start(dir, Path.of("/dev/null"),
                "--embedded-kafka", "--format", "tsv", "-e", String.join(";\n",
                        "CREATE DATABASE shop",
                        "USE shop",
                        "CREATE TABLE orders (id BIGINT, amount INT, PRIMARY KEY (id) NOT ENFORCED)"
                                + " WITH ('bucket' = '3', 'log.system' = 'kafka')",
                        "CREATE TABLE audit (id BIGINT, note STRING, PRIMARY KEY (id) NOT ENFORCED)"
                                + " WITH ('bucket' = '2', 'log.system' = 'kafka',"
                                + " 'kafka.bootstrap.servers' = '" + external.bootstrapServers() + "')",
                        "INSERT INTO orders VALUES (1, 10), (2, 20), (3, 30)",
                        "INSERT INTO orders VALUES (2, 21), (4, 40)",
                        "DELETE FROM orders WHERE id = 3",
                        "SELECT * FROM orders ORDER BY id",
                        "SELECT `value` AS orders_servers FROM `orders$options` WHERE `key` = 'kafka.bootstrap.servers'",
                        "SELECT `value` AS audit_servers FROM `audit$options` WHERE `key` = 'kafka.bootstrap.servers'",
                        // The shell fails here: the broker is stopped on this way out too.
                        "SELECT * FROM no_such_table")));

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        Matcher broker = brokerLine(run);
        String servers = broker.group(1);
        Path home = dir.resolve("warehouse").resolve(WarehouseKafka.DIRECTORY);
        assertThat(Path.of(broker.group(3))).isEqualTo(home);
        assertThat(Files.readString(home.resolve(WarehouseKafka.PORT_FILE)).strip()).isEqualTo(broker.group(2));
        assertThat(run.stdoutLines()).containsExactly(
                "id\tamount", "1\t10", "2\t21", "4\t40",
                "orders_servers", servers,
                "audit_servers", external.bootstrapServers());
        assertThat(run.stderrLines()).filteredOn(line -> line.startsWith("[ERROR]"))
                .singleElement().asString().contains("no_such_table");

        // The table that named its servers has its topic on them, with a partition per bucket; the other is not there.
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", external.bootstrapServers()))) {
            assertThat(partitions(admin, "tstore.shop.audit")).isEqualTo(2);
            assertThat(admin.listTopics().names().get(1, TimeUnit.MINUTES)).doesNotContain("tstore.shop.orders");
        }
        assertStoppedCleanly(home, servers);

        // The next session's broker: the same address, and the topic of the table whose log is on it.
        try (WarehouseKafka next = WarehouseKafka.start(dir.resolve("warehouse"))) {
            assertThat(next.bootstrapServers()).isEqualTo(servers);
            next.awaitStarted();
            assertThat(home.resolve(WarehouseKafka.DATA_DIRECTORY).resolve(CLEAN_SHUTDOWN_FILE)).doesNotExist();
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", servers))) {
                assertThat(partitions(admin, "tstore.shop.orders")).isEqualTo(3);
                assertThat(admin.listTopics().names().get(1, TimeUnit.MINUTES)).doesNotContain("tstore.shop.audit");
            }
        }
        assertStoppedCleanly(home, servers);
    }

    @Test
    void theLogStoreExampleRunsTwice() throws Exception {
        Path example = Path.of("..", "examples", "log-store.sql").toAbsolutePath().normalize();
        for (int session = 1; session <= 2; session++) { // the second drops the table and its topic, and starts again
            Run run = TstoreProcess.finish(dir, TstoreProcess.start(dir, Path.of("/dev/null"),
                    "--embedded-kafka", "--format", "tsv", "-f", example.toString(), "--max-rows", "7"));

            assertThat(run.exitCode()).as(run.toString()).isZero();
            String servers = brokerLine(run).group(1);
            assertThat(run.stdoutLines()).containsExactly(
                    "key\tvalue", "bucket\t2", "kafka.bootstrap.servers\t" + servers, "log.system\tkafka",
                    "order_id\tcustomer\tamount", "1\tada\t15.00", "3\tcy\t30.00", "4\tdee\t3.25",
                    "snapshot_id\tcommit_kind\ttotal_record_count\tdelta_record_count\tlog_offsets",
                    // the four keys are all in bucket 1; each commit's transaction ends with a marker (one offset)
                    "1\tAPPEND\t3\t3\t{1=3}", "2\tAPPEND\t5\t2\t{1=6}", "3\tAPPEND\t6\t1\t{1=8}",
                    // the subscription: snapshot 1's files, then the log, normalised (an upsert log: -U added)
                    "op\torder_id\tcustomer\tamount",
                    "+I\t1\tada\t12.50", "+I\t2\tbob\t7.00", "+I\t3\tcy\t30.00",
                    "-U\t1\tada\t12.50", "+U\t1\tada\t15.00", "+I\t4\tdee\t3.25", "-D\t2\tbob\t7.00");
        }
    }

    @Test
    void aKilledShellStopsItsBroker() throws Exception {
        Process process = TstoreProcess.start(dir, Path.of("/dev/null"),
                "--embedded-kafka", "--format", "tsv", "-e", String.join(";\n",
                        "SET 'execution.runtime-mode' = 'streaming'",
                        "CREATE TEMPORARY TABLE numbers (n BIGINT) WITH ('connector' = 'datagen',"
                                + " 'fields.n.kind' = 'sequence', 'fields.n.start' = '1', 'fields.n.end' = '1000000',"
                                + " 'rows-per-second' = '5')",
                        "SELECT n FROM numbers"));
        Path stdout = dir.resolve("stdout.txt");
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(4);
        while (!Files.readString(stdout).contains("+I\t1\n")) {
            assertThat(System.nanoTime()).as("the first row within 4 minutes").isLessThan(deadline);
            assertThat(process.isAlive()).as("tstore is running").isTrue();
            Thread.sleep(200);
        }
        Matcher broker = brokerLine(new Run(0, "", Files.readString(dir.resolve("stderr.txt"))));
        Path home = dir.resolve("warehouse").resolve(WarehouseKafka.DIRECTORY);
        Path data = home.resolve(WarehouseKafka.DATA_DIRECTORY);
        // Running: it serves requests, and has not shut down.
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.group(1)))) {
            assertThat(admin.describeCluster().clusterId().get(1, TimeUnit.MINUTES)).isNotEmpty();
        }
        assertThat(data.resolve(CLEAN_SHUTDOWN_FILE)).doesNotExist();

        process.destroy(); // SIGTERM: the JVM's shutdown hooks run, as they do after Ctrl-C outside a statement
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).as("tstore ended").isTrue();
        assertStoppedCleanly(home, broker.group(1));
    }

    @Test
    void aRecordedPortThatIsTakenIsAClearErrorAndNoSessionStarts() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Path home = Files.createDirectories(dir.resolve("warehouse").resolve(WarehouseKafka.DIRECTORY));
            Files.writeString(home.resolve(WarehouseKafka.PORT_FILE), taken.getLocalPort() + "\n");

            Run run = TstoreProcess.finish(dir, TstoreProcess.start(dir, Path.of("/dev/null"),
                    "--embedded-kafka", "-e", "SELECT 1"));

            assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
            assertThat(run.stdout()).isEmpty();
            List<String> errors = run.stderrLines();
            assertThat(errors).hasSize(1);
            assertThat(errors.get(0)).startsWith("[ERROR] The embedded Kafka broker of warehouse ")
                    .contains("127.0.0.1:" + taken.getLocalPort())
                    .contains("that port is in use")
                    .contains("delete " + home);
            assertThat(home.resolve(WarehouseKafka.DATA_DIRECTORY)).doesNotExist();
        }
    }

    // ------------------------------------------------------------------------------------------

    private static Matcher brokerLine(Run run) {
        List<Matcher> lines = run.stderrLines().stream()
                .map(BROKER_LINE::matcher)
                .filter(Matcher::matches)
                .toList();
        assertThat(lines).as(run.toString()).hasSize(1);
        return lines.get(0);
    }

    private static int partitions(Admin admin, String topic) throws Exception {
        TopicDescription description =
                admin.describeTopics(List.of(topic)).allTopicNames().get(1, TimeUnit.MINUTES).get(topic);
        return description.partitions().size();
    }

    /** The broker shut down cleanly (it wrote its marker) and its port refuses connections. */
    private static void assertStoppedCleanly(Path home, String servers) {
        assertThat(home.resolve(WarehouseKafka.DATA_DIRECTORY).resolve(CLEAN_SHUTDOWN_FILE)).isRegularFile();
        int port = Integer.parseInt(servers.substring(servers.indexOf(':') + 1));
        assertThatThrownBy(() -> {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 10_000);
            }
        }).isInstanceOf(ConnectException.class);
    }
}
