package io.tstore.log.kafka;

import io.tstore.core.log.LogReader;
import io.tstore.core.log.LogStore;
import io.tstore.core.log.LogWriter;
import io.tstore.core.log.PreparedLogCommit;
import io.tstore.core.log.TwoPhaseLogWriter;
import io.tstore.core.options.CoreOptions;
import io.tstore.core.options.LogChangelogMode;
import io.tstore.core.options.LogConsistency;
import io.tstore.core.options.LogOptions;
import io.tstore.core.table.FileStoreTable;
import io.tstore.options.Options;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.function.IntPredicate;

import static java.util.Objects.requireNonNull;

/**
 * The log of one table on Kafka: a topic with one partition per bucket (partition {@code b} carries bucket
 * {@code b} of every table partition), records in the format of {@link KafkaRecordFormat}. Holds an admin client,
 * created when first needed.
 */
public final class KafkaLogStore implements LogStore {
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);

    private final FileStoreTable table;
    private final String topic;
    private final int numBuckets;
    private final LogConsistency consistency;
    private final LogChangelogMode changelogMode;
    private final Duration retention;
    private final Map<String, Object> clientProperties;
    private Admin admin;

    public KafkaLogStore(FileStoreTable table) {
        this.table = requireNonNull(table, "table is null");
        Options options = table.options();
        String servers = options.getOptional(KafkaOptions.BOOTSTRAP_SERVERS).orElseThrow(() -> new IllegalArgumentException(String.format(
                "Table %s: option '%s' = 'kafka' needs option '%s' (the Kafka brokers, host:port)",
                table.name(), LogOptions.LOG_SYSTEM.key(), KafkaOptions.BOOTSTRAP_SERVERS.key())));
        this.topic = KafkaOptions.topic(options, table.identifier());
        this.numBuckets = options.get(CoreOptions.BUCKET);
        this.consistency = options.get(LogOptions.LOG_CONSISTENCY);
        this.changelogMode = LogOptions.changelogMode(options, table.hasPrimaryKey());
        if (changelogMode == LogChangelogMode.UPSERT && !table.hasPrimaryKey()) {
            throw new IllegalArgumentException(String.format(
                    "Table %s: option '%s' = 'upsert' needs a primary key, and the table has none; use 'all'",
                    table.name(), LogOptions.LOG_CHANGELOG_MODE.key()));
        }
        this.retention = options.getOptional(LogOptions.LOG_RETENTION).orElse(null);
        Map<String, Object> properties = KafkaOptions.clientProperties(options);
        properties.put("bootstrap.servers", servers);
        this.clientProperties = Map.copyOf(properties);
    }

    public String topic() {
        return topic;
    }

    public FileStoreTable table() {
        return table;
    }

    int numBuckets() {
        return numBuckets;
    }

    LogConsistency consistency() {
        return consistency;
    }

    LogChangelogMode changelogMode() {
        return changelogMode;
    }

    /** The client properties of the table (bootstrap servers and every {@code kafka.*} option), to add to. */
    Map<String, Object> clientProperties() {
        return new HashMap<>(clientProperties);
    }

    @Override
    public String describe() {
        return "Kafka topic '" + topic + "'";
    }

    @Override
    public void createLog() throws IOException {
        NewTopic newTopic = new NewTopic(topic, Optional.of(numBuckets), Optional.empty());
        if (retention != null) {
            newTopic.configs(Map.of(TopicConfig.RETENTION_MS_CONFIG, Long.toString(retention.toMillis())));
        }
        try {
            get(admin().createTopics(List.of(newTopic)).all(), "create " + describe());
        } catch (TopicExistsException e) {
            // Created by someone else, or before: use it if it fits.
        }
        // The controller has the topic now; the broker answering the description may learn of it a moment later.
        long deadline = System.nanoTime() + REQUEST_TIMEOUT.toNanos();
        while (true) {
            try {
                checkPartitions();
                return;
            } catch (IllegalStateException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException) || System.nanoTime() > deadline) {
                    throw e;
                }
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("Table " + table.name() + ": interrupted while creating " + describe());
            }
        }
    }

    @Override
    public void dropLog() throws IOException {
        try {
            get(admin().deleteTopics(List.of(topic)).all(), "delete " + describe());
        } catch (UnknownTopicOrPartitionException e) {
            // already gone
        }
    }

    /**
     * Checks that the topic exists with one partition per bucket.
     *
     * @throws IllegalStateException naming the table, the topic and both counts when it does not
     */
    void checkPartitions() throws IOException {
        TopicDescription description;
        try {
            description = get(admin().describeTopics(List.of(topic)).allTopicNames(), "describe " + describe()).get(topic);
        } catch (UnknownTopicOrPartitionException e) {
            throw new IllegalStateException(String.format(
                    "Table %s: its log, Kafka topic '%s', does not exist; it is created with the table (LogStore.createLog)",
                    table.name(), topic), e);
        }
        int partitions = description.partitions().size();
        if (partitions != numBuckets) {
            throw new IllegalStateException(String.format(
                    "Table %s has %d buckets, but its log, Kafka topic '%s', has %d partitions: the log needs one partition "
                            + "per bucket. Use a topic with %d partitions (option '%s'), or recreate this one.",
                    table.name(), numBuckets, topic, partitions, numBuckets, KafkaOptions.TOPIC.key()));
        }
    }

    @Override
    public LogWriter newWriter(String commitUser, IntPredicate ownedBuckets) throws IOException {
        checkPartitions();
        return new KafkaLogWriter(this, commitUser, ownedBuckets);
    }

    @Override
    public TwoPhaseLogWriter newTwoPhaseWriter(String commitUser, IntPredicate ownedBuckets, List<PreparedLogCommit> restored)
            throws IOException {
        checkPartitions();
        return new KafkaTwoPhaseLogWriter(this, commitUser, ownedBuckets, restored);
    }

    @Override
    public LogReader newReader(Map<Integer, Long> startOffsets) throws IOException {
        checkPartitions();
        return new KafkaLogReader(this, startOffsets, null);
    }

    @Override
    public LogReader newReader(Map<Integer, Long> startOffsets, Set<Integer> buckets) throws IOException {
        requireNonNull(buckets, "buckets is null");
        for (int bucket : buckets) {
            if (bucket < 0 || bucket >= numBuckets) {
                throw new IllegalArgumentException(String.format("Table %s has buckets 0 to %d, not bucket %d",
                        table.name(), numBuckets - 1, bucket));
            }
        }
        checkPartitions();
        return new KafkaLogReader(this, startOffsets, buckets);
    }

    @Override
    public Map<Integer, Long> earliestOffsets() throws IOException {
        return listOffsets(OffsetSpec.earliest());
    }

    @Override
    public Map<Integer, Long> latestOffsets() throws IOException {
        return listOffsets(OffsetSpec.latest());
    }

    @Override
    public Map<Integer, Long> offsetsForTimestamp(long timestampMillis) throws IOException {
        Map<Integer, Long> found = listOffsets(OffsetSpec.forTimestamp(timestampMillis));
        Map<Integer, Long> latest = null;
        for (Map.Entry<Integer, Long> entry : found.entrySet()) {
            if (entry.getValue() < 0) { // no record at or after the time
                if (latest == null) {
                    latest = latestOffsets();
                }
                entry.setValue(latest.get(entry.getKey()));
            }
        }
        return found;
    }

    private Map<Integer, Long> listOffsets(OffsetSpec spec) throws IOException {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        for (int bucket = 0; bucket < numBuckets; bucket++) {
            request.put(new TopicPartition(topic, bucket), spec);
        }
        ListOffsetsOptions options = new ListOffsetsOptions(isolationLevel());
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> result =
                get(admin().listOffsets(request, options).all(), "list the offsets of " + describe());
        Map<Integer, Long> offsets = new TreeMap<>();
        result.forEach((partition, info) -> offsets.put(partition.partition(), info.offset()));
        return offsets;
    }

    IsolationLevel isolationLevel() {
        return consistency == LogConsistency.TRANSACTIONAL ? IsolationLevel.READ_COMMITTED : IsolationLevel.READ_UNCOMMITTED;
    }

    private synchronized Admin admin() {
        if (admin == null) {
            admin = Admin.create(clientProperties);
        }
        return admin;
    }

    private <T> T get(Future<T> future, String what) throws IOException {
        try {
            return future.get(REQUEST_TIMEOUT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("Table " + table.name() + ": interrupted while trying to " + what);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof TopicExistsException exists) {
                throw exists;
            }
            if (e.getCause() instanceof UnknownTopicOrPartitionException unknown) {
                throw unknown;
            }
            throw new IOException("Table " + table.name() + ": cannot " + what + ": " + e.getCause().getMessage(), e.getCause());
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IOException("Table " + table.name() + ": timed out after " + REQUEST_TIMEOUT.toSeconds()
                    + " s trying to " + what + " at " + clientProperties.get("bootstrap.servers"), e);
        }
    }

    @Override
    public synchronized void close() {
        if (admin != null) {
            admin.close(Duration.ofSeconds(10));
            admin = null;
        }
    }
}
