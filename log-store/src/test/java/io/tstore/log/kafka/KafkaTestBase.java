package io.tstore.log.kafka;

import io.tstore.core.log.LogReader;
import io.tstore.core.log.LogRecord;
import io.tstore.core.log.LogStore;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** One in-process Kafka broker (KRaft, loopback) per test class. */
abstract class KafkaTestBase {
    static EmbeddedKafka kafka;

    @BeforeAll
    static void startKafka() throws IOException {
        Path directory = Path.of(System.getProperty("java.io.tmpdir"), "kafka-" + UUID.randomUUID());
        kafka = new EmbeddedKafka(directory, true, Map.of()).start();
    }

    @AfterAll
    static void stopKafka() {
        if (kafka != null) {
            kafka.stop();
        }
    }

    /**
     * Reads the log from these offsets until the reader's position reaches the log's end (for read_committed: the
     * last stable offset), so that "everything readable was read" is a fact of offsets, not of waiting.
     */
    static List<LogRecord> readToEnd(LogStore log, Map<Integer, Long> from) throws IOException {
        Map<Integer, Long> end = log.latestOffsets();
        List<LogRecord> records = new ArrayList<>();
        try (LogReader reader = log.newReader(from)) {
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (!reached(reader.position(), end)) {
                assertThat(System.nanoTime()).as("reading %s to offsets %s", log.describe(), end).isLessThan(deadline);
                records.addAll(reader.poll(Duration.ofMillis(200)));
            }
        }
        return records;
    }

    static boolean reached(Map<Integer, Long> position, Map<Integer, Long> end) {
        for (Map.Entry<Integer, Long> entry : end.entrySet()) {
            if (position.getOrDefault(entry.getKey(), 0L) < entry.getValue()) {
                return false;
            }
        }
        return true;
    }
}
