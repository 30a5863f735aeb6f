package io.tstore.core.consumer;

import io.tstore.core.fs.LocalFileIO;
import io.tstore.core.fs.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConsumerManagerTest {
    @TempDir
    java.nio.file.Path table;

    @Test
    void recordsReplacesListsAndExpiresConsumers() throws IOException {
        ConsumerManager consumers = new ConsumerManager(new LocalFileIO(), new Path(table.toUri().toString()));
        assertThat(consumers.consumers()).isEmpty();
        assertThat(consumers.minNextSnapshot()).isEmpty();

        consumers.resetConsumer("job-a", new Consumer(5));
        consumers.resetConsumer("job_b", new Consumer(3));
        consumers.resetConsumer("job-a", new Consumer(7));
        assertThat(consumers.consumer("job-a")).contains(new Consumer(7));
        assertThat(consumers.consumer("nobody")).isEmpty();
        assertThat(consumers.consumers()).isEqualTo(Map.of("job-a", new Consumer(7), "job_b", new Consumer(3)));
        assertThat(consumers.minNextSnapshot()).hasValue(3);
        // No temporary file is left beside the records.
        assertThat(Files.list(table.resolve("consumer")).map(p -> p.getFileName().toString()).toList())
                .containsExactlyInAnyOrder("consumer-job-a", "consumer-job_b");

        long now = System.currentTimeMillis();
        Files.setLastModifiedTime(table.resolve("consumer/consumer-job_b"), FileTime.fromMillis(now - 3_600_000));
        assertThat(consumers.expire(now - 60_000)).isEqualTo(List.of("job_b"));
        assertThat(consumers.minNextSnapshot()).hasValue(7);

        consumers.deleteConsumer("job-a");
        assertThat(consumers.consumers()).isEmpty();
    }

    @Test
    void badIdsAndPositionsAreRejected() {
        ConsumerManager consumers = new ConsumerManager(new LocalFileIO(), new Path(table.toUri().toString()));
        assertThatThrownBy(() -> consumers.resetConsumer("../x", new Consumer(1))).hasMessageContaining("'../x'");
        assertThatThrownBy(() -> consumers.resetConsumer("", new Consumer(1))).hasMessageContaining("consumer-id");
        assertThatThrownBy(() -> new Consumer(0)).hasMessageContaining("0");
    }
}
