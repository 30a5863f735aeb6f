package io.tstore.log.kafka;

import io.tstore.core.data.InternalRow;
import io.tstore.core.log.LogWriter;
import io.tstore.core.options.LogConsistency;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.ProducerFencedException;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntPredicate;

import static java.util.Objects.requireNonNull;

/**
 * Sends a table writer's rows to the table's topic, partition = bucket.
 *
 * <p>{@code transactional}: one transactional producer per owned bucket, with the transactional id
 * {@code <topic>.<commit user>.<bucket>}. A transaction per bucket per commit: it begins with the first row of the
 * bucket after a commit, and commits in {@link #commit}. Ids differ between commit users (two jobs never fence each
 * other) and are stable across restarts and rescaling (a bucket keeps its id whichever writer owns it), so that the
 * writer that next owns a bucket ends the transaction a crashed one left open when it initialises its producer.
 *
 * <p>{@code eventual}: one idempotent producer for all buckets, acks=all; {@link #commit} and {@link #abort} do
 * nothing.
 */
final class KafkaLogWriter implements LogWriter {
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

    private final KafkaLogStore store;
    private final String tableName;
    private final String topic;
    private final String commitUser;
    private final int numBuckets;
    private final IntPredicate ownedBuckets;
    private final boolean transactional;
    private final RowRecords records;
    private final Map<String, Object> producerProperties;
    /** transactional: the producer of each owned bucket; eventual: one producer under key -1. */
    private final Map<Integer, Producer<byte[], byte[]>> producers = new HashMap<>();
    private final boolean[] inTransaction;
    /** Per bucket, the offset of the last record acknowledged since the last commit; -1 for none. */
    private final long[] lastOffsets;
    /** Records written while a commit is pending, sent when it ends. */
    private final List<ProducerRecord<byte[], byte[]>> heldBack = new ArrayList<>();
    private volatile Exception sendFailure;
    private boolean pending;

    KafkaLogWriter(KafkaLogStore store, String commitUser, IntPredicate ownedBuckets) {
        this.store = requireNonNull(store, "store is null");
        this.commitUser = requireNonNull(commitUser, "commitUser is null");
        this.ownedBuckets = requireNonNull(ownedBuckets, "ownedBuckets is null");
        this.tableName = store.table().name();
        this.topic = store.topic();
        this.numBuckets = store.numBuckets();
        this.transactional = store.consistency() == LogConsistency.TRANSACTIONAL;
        this.records = new RowRecords(store, commitUser, ownedBuckets);
        this.inTransaction = new boolean[numBuckets];
        this.lastOffsets = new long[numBuckets];
        java.util.Arrays.fill(lastOffsets, -1);

        Map<String, Object> properties = RowRecords.producerProperties(store);
        this.producerProperties = properties;
        try {
            if (transactional) {
                // Open every owned bucket now: initialising its transactional id aborts what a predecessor left open,
                // which would otherwise hold back read_committed readers of the bucket until the transaction times out.
                for (int bucket = 0; bucket < numBuckets; bucket++) {
                    if (ownedBuckets.test(bucket)) {
                        producer(bucket);
                    }
                }
            } else {
                producers.put(-1, new KafkaProducer<>(properties));
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** The transactional id of a bucket's producer: per topic, commit user and bucket. */
    static String transactionalId(String topic, String commitUser, int bucket) {
        return topic + "." + commitUser + "." + bucket;
    }

    private Producer<byte[], byte[]> producer(int bucket) {
        Producer<byte[], byte[]> producer = producers.get(transactional ? bucket : -1);
        if (producer == null) {
            Map<String, Object> properties = new HashMap<>(producerProperties);
            properties.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId(topic, commitUser, bucket));
            producer = new KafkaProducer<>(properties);
            producers.put(bucket, producer);
            try {
                producer.initTransactions();
            } catch (KafkaException e) {
                throw new IllegalStateException(String.format("Table %s: cannot initialise the transactional producer of "
                        + "bucket %d of Kafka topic '%s' (transactional id '%s'): %s", tableName, bucket, topic,
                        transactionalId(topic, commitUser, bucket), e.getMessage()), e);
            }
        }
        return producer;
    }

    @Override
    public void write(InternalRow row) throws IOException {
        checkFailure();
        ProducerRecord<byte[], byte[]> record = records.record(row);
        if (record == null) {
            return;
        }
        if (pending) {
            heldBack.add(record);
        } else {
            send(record);
        }
    }

    private void send(ProducerRecord<byte[], byte[]> record) throws IOException {
        int bucket = record.partition();
        Producer<byte[], byte[]> producer = producer(bucket);
        try {
            if (transactional && !inTransaction[bucket]) {
                producer.beginTransaction();
                inTransaction[bucket] = true;
            }
            producer.send(record, (metadata, exception) -> {
                if (exception != null) {
                    if (sendFailure == null) {
                        sendFailure = exception;
                    }
                } else {
                    synchronized (lastOffsets) {
                        lastOffsets[bucket] = Math.max(lastOffsets[bucket], metadata.offset());
                    }
                }
            });
        } catch (KafkaException e) {
            throw failure("send a record to", bucket, e);
        }
    }

    @Override
    public Map<Integer, Long> prepareCommit() throws IOException {
        if (pending) {
            throw new IllegalStateException(String.format("Table %s: the log writer of commit user %s already has a "
                    + "prepared commit; commit or abort it before preparing the next", tableName, commitUser));
        }
        for (Producer<byte[], byte[]> producer : producers.values()) {
            try {
                producer.flush();
            } catch (KafkaException e) {
                throw failure("flush", -1, e);
            }
        }
        checkFailure();
        Map<Integer, Long> offsets = new TreeMap<>();
        synchronized (lastOffsets) {
            for (int bucket = 0; bucket < numBuckets; bucket++) {
                if (lastOffsets[bucket] >= 0) {
                    offsets.put(bucket, lastOffsets[bucket] + 1);
                }
            }
        }
        pending = transactional;
        if (!transactional) {
            java.util.Arrays.fill(lastOffsets, -1);
        }
        return offsets;
    }

    @Override
    public void commit() throws IOException {
        if (!transactional) {
            return;
        }
        if (!pending) {
            throw new IllegalStateException("Table " + tableName + ": commit of the log writer of commit user "
                    + commitUser + " without a prepared commit");
        }
        for (int bucket = 0; bucket < numBuckets; bucket++) {
            if (inTransaction[bucket]) {
                try {
                    producers.get(bucket).commitTransaction();
                } catch (KafkaException e) {
                    throw failure("commit the transaction of", bucket, e);
                }
                inTransaction[bucket] = false;
            }
        }
        endPending();
    }

    @Override
    public void abort() throws IOException {
        if (!transactional) {
            return;
        }
        abortOpenTransactions();
        endPending();
    }

    private void abortOpenTransactions() throws IOException {
        for (int bucket = 0; bucket < numBuckets; bucket++) {
            if (inTransaction[bucket]) {
                inTransaction[bucket] = false;
                try {
                    producers.get(bucket).abortTransaction();
                } catch (KafkaException e) {
                    throw failure("abort the transaction of", bucket, e);
                }
            }
        }
    }

    private void endPending() throws IOException {
        pending = false;
        synchronized (lastOffsets) {
            java.util.Arrays.fill(lastOffsets, -1);
        }
        List<ProducerRecord<byte[], byte[]>> held = new ArrayList<>(heldBack);
        heldBack.clear();
        for (ProducerRecord<byte[], byte[]> record : held) {
            send(record);
        }
    }

    private void checkFailure() throws IOException {
        Exception failure = sendFailure;
        if (failure != null) {
            throw new IOException(String.format("Table %s: sending to Kafka topic '%s' failed: %s", tableName, topic,
                    failure.getMessage()), failure);
        }
    }

    private IOException failure(String what, int bucket, KafkaException e) {
        String where = bucket < 0 ? "Kafka topic '" + topic + "'" : "bucket " + bucket + " of Kafka topic '" + topic + "'";
        if (e instanceof ProducerFencedException) {
            return new IOException(String.format("Table %s: cannot %s %s: another writer took over transactional id '%s' "
                    + "(two writers of commit user %s write bucket %d; each bucket must have one writer per commit user)",
                    tableName, what, where, transactionalId(topic, commitUser, bucket), commitUser, bucket), e);
        }
        return new IOException(String.format("Table %s: cannot %s %s: %s", tableName, what, where, e.getMessage()), e);
    }

    @Override
    public void close() {
        try {
            if (transactional) {
                abortOpenTransactions();
            }
        } catch (IOException | RuntimeException e) {
            // closing the producers below ends them anyway, and the next owner's initialisation aborts them
        }
        for (Producer<byte[], byte[]> producer : producers.values()) {
            producer.close(CLOSE_TIMEOUT);
        }
        producers.clear();
    }
}
