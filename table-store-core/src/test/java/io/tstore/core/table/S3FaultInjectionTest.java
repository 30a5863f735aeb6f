package io.tstore.core.table;

import io.tstore.core.catalog.FileSystemCatalog;
import io.tstore.core.fs.FileIO;
import io.tstore.core.fs.Path;
import io.tstore.core.fs.PublishResult;
import io.tstore.core.fs.SeekableInputStream;
import io.tstore.core.fs.s3.FaultInjectingProxy;
import io.tstore.core.fs.s3.FaultInjectingProxy.Fault;
import io.tstore.core.fs.s3.S3FileIOOptions;
import io.tstore.core.fs.s3.S3ProxyServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * S3 with faults injected between the client and a real S3 server (S3Proxy) by a loopback proxy: connection resets,
 * throttling (503), responses cut off, and PUTs that reached the server but whose response was lost. The SDK's
 * retries, the ranged reads' re-opening and the publish's read-back must turn all of them into the right outcome.
 */
class S3FaultInjectionTest {
    private static final String BUCKET = "faults";
    private static S3ProxyServer server;
    private static FaultInjectingProxy proxy;

    @BeforeAll
    static void start() throws Exception {
        server = S3ProxyServer.start();
        server.createBucket(BUCKET);
        proxy = new FaultInjectingProxy(server.port());
    }

    @AfterAll
    static void stop() throws Exception {
        proxy.close();
        server.close();
    }

    @AfterEach
    void noMoreFaults() {
        proxy.setRule(request -> Fault.NONE);
    }

    private static Map<String, String> options() {
        Map<String, String> options = new HashMap<>(server.options(proxy.endpoint()));
        options.put(S3FileIOOptions.MAX_ATTEMPTS.key(), "10");
        return options;
    }

    private static FileIO io() {
        return FileIO.get(new Path("s3://" + BUCKET + "/"), options());
    }

    /** Injects {@code fault} into the first {@code times} requests that {@code which} accepts. */
    private static FaultInjectingProxy.Rule first(int times, java.util.function.Predicate<FaultInjectingProxy.Request> which, Fault fault) {
        AtomicInteger left = new AtomicInteger(times);
        return request -> which.test(request) && left.getAndDecrement() > 0 ? fault : Fault.NONE;
    }

    @Test
    void aPublishWhoseResponseWasLostIsRecognizedAsOurs() throws IOException {
        FileIO io = io();
        Path target = new Path("s3://" + BUCKET + "/lost/snapshot-1");
        int before = proxy.injected(Fault.LOSE_RESPONSE);
        proxy.setRule(first(1, FaultInjectingProxy.Request::isConditionalPut, Fault.LOSE_RESPONSE));

        assertThat(io.publish(target, bytes("ours"))).isEqualTo(PublishResult.PUBLISHED);
        assertThat(proxy.injected(Fault.LOSE_RESPONSE) - before).as("the PUT reached the server, its answer was lost").isEqualTo(1);
        assertThat(io.readUtf8(target)).isEqualTo("ours");

        // A competitor's later publish, whose first answer is lost as well, still loses the race.
        proxy.setRule(first(1, FaultInjectingProxy.Request::isConditionalPut, Fault.LOSE_RESPONSE));
        assertThat(io.publish(target, bytes("theirs"))).isEqualTo(PublishResult.ALREADY_EXISTS);
        assertThat(io.readUtf8(target)).isEqualTo("ours");
    }

    @Test
    void writesAndReadsGoThroughResetsAndThrottling() throws IOException {
        FileIO io = io();
        byte[] data = new byte[300_000];
        new Random(11).nextBytes(data);
        Path file = new Path("s3://" + BUCKET + "/flaky/data.bin");
        proxy.setRule(first(2, r -> r.method().equals("PUT"), Fault.RESET_BEFORE_FORWARD));
        try (OutputStream out = io.newOutputStream(file, false)) {
            out.write(data);
        }
        proxy.setRule(first(2, r -> r.method().equals("PUT"), Fault.LOSE_RESPONSE));
        Path second = new Path("s3://" + BUCKET + "/flaky/second.bin");
        try (OutputStream out = io.newOutputStream(second, false)) {
            out.write(data); // a create without overwrite that the SDK retries after its first answer was lost
        }
        int throttled = proxy.injected(Fault.THROTTLE);
        int cut = proxy.injected(Fault.RESET_MID_RESPONSE);
        AtomicInteger n = new AtomicInteger();
        proxy.setRule(request -> switch (n.getAndIncrement() % 4) {
            case 1 -> Fault.THROTTLE;
            case 2 -> request.method().equals("GET") ? Fault.RESET_MID_RESPONSE : Fault.NONE;
            default -> Fault.NONE;
        });
        try (SeekableInputStream in = io.newInputStream(file)) {
            byte[] part = new byte[1000];
            in.readFully(200_000, part, 0, part.length);
            assertThat(part).isEqualTo(java.util.Arrays.copyOfRange(data, 200_000, 201_000));
            assertThat(in.readAllBytes()).isEqualTo(data);
        }
        assertThat(io.listStatus(new Path("s3://" + BUCKET + "/flaky"))).hasSize(2);
        assertThat(proxy.injected(Fault.THROTTLE)).isGreaterThan(throttled);
        assertThat(proxy.injected(Fault.RESET_MID_RESPONSE)).isGreaterThan(cut);
    }

    @Test
    void racingCommitsThroughRandomFaultsLandExactlyOnce() throws Exception {
        FileSystemCatalog catalog = FileSystemCatalog.create("s3://" + BUCKET + "/warehouse", options());
        catalog.createDatabase("db", true);
        Identifier id = Identifier.of("db", "faulty");
        catalog.createTable(id, io.tstore.core.schema.Schema.newBuilder()
                .column("writer", io.tstore.core.types.DataTypes.INT().notNull())
                .column("seq", io.tstore.core.types.DataTypes.BIGINT().notNull())
                .option("bucket", "2")
                .option("write-only", "true")
                .option("commit.max-retries", "200")
                .option("commit.max-retry-wait", "100 ms")
                .build(), false);
        FileStoreTable table = catalog.getTable(id);

        Map<Fault, Integer> before = new HashMap<>();
        for (Fault fault : Fault.values()) {
            before.put(fault, proxy.injected(fault));
        }
        // Faults at random, each kind with a budget so that the SDK's back-off keeps the test short.
        Random random = new Random(42);
        Map<Fault, AtomicInteger> budget = Map.of(
                Fault.RESET_BEFORE_FORWARD, new AtomicInteger(15),
                Fault.THROTTLE, new AtomicInteger(10),
                Fault.LOSE_RESPONSE, new AtomicInteger(15),
                Fault.RESET_MID_RESPONSE, new AtomicInteger(10));
        proxy.setRule(request -> {
            double draw;
            synchronized (random) {
                draw = random.nextDouble();
            }
            Fault fault;
            if (draw < 0.04) {
                fault = Fault.RESET_BEFORE_FORWARD;
            } else if (draw < 0.07) {
                fault = Fault.THROTTLE;
            } else if (draw < 0.12 && request.method().equals("PUT")) {
                fault = Fault.LOSE_RESPONSE;
            } else if (draw < 0.15 && request.method().equals("GET")) {
                fault = Fault.RESET_MID_RESPONSE;
            } else {
                return Fault.NONE;
            }
            return budget.get(fault).getAndDecrement() > 0 ? fault : Fault.NONE;
        });

        int writers = 4;
        int commits = 3;
        ExecutorService executor = Executors.newFixedThreadPool(writers);
        List<Future<S3CommitRaceWriter.Outcome>> futures = new ArrayList<>();
        for (int writer = 0; writer < writers; writer++) {
            int w = writer;
            futures.add(executor.submit(() -> S3CommitRaceWriter.run(table, w, commits, 3)));
        }
        List<S3CommitRaceWriter.Outcome> outcomes = new ArrayList<>();
        for (Future<S3CommitRaceWriter.Outcome> future : futures) {
            outcomes.add(future.get(120, TimeUnit.SECONDS));
        }
        executor.shutdown();
        proxy.setRule(request -> Fault.NONE);

        int lostResponses = proxy.injected(Fault.LOSE_RESPONSE) - before.get(Fault.LOSE_RESPONSE);
        int resets = proxy.injected(Fault.RESET_BEFORE_FORWARD) - before.get(Fault.RESET_BEFORE_FORWARD);
        StringBuilder figures = new StringBuilder("faults injected into the racing commits:");
        for (Fault fault : Fault.values()) {
            figures.append(' ').append(fault).append('=').append(proxy.injected(fault) - before.get(fault));
        }
        System.out.println(figures);
        assertThat(lostResponses + resets).as("faults injected into the commits").isGreaterThan(5);
        S3CommitRaceTest.assertRaceInvariants(table, outcomes, writers * commits);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
