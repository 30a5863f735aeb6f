package io.tstore.log.kafka;

import io.tstore.core.data.InternalRow;
import io.tstore.core.log.PreparedLogCommit;
import io.tstore.core.log.TwoPhaseLogWriter;
import io.tstore.core.options.LogConsistency;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListTransactionsOptions;
import org.apache.kafka.clients.admin.TransactionDescription;
import org.apache.kafka.clients.admin.TransactionListing;
import org.apache.kafka.clients.admin.TransactionState;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.TransactionalIdNotFoundException;
import org.apache.kafka.common.utils.ProducerIdAndEpoch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntPredicate;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * The {@link TwoPhaseLogWriter} of the Kafka log store.
 *
 * <p>{@code transactional}: a transaction per bucket per prepared commit. Since the transaction of a prepared commit
 * stays open until its checkpoint is reported complete while the next rows already need one, each bucket has a
 * small pool of transactional producers, its <em>slots</em>, with the transactional ids
 * {@code <topic>.<commit user>.<bucket>.<slot>}: per commit user (two jobs never fence each other) and bucket (a
 * bucket's ids move with the bucket when a job is rescaled). A slot is taken lowest first, so a bucket usually uses
 * two. A slot whose transaction was committed is reused only once a checkpoint taken after that commit is complete:
 * until then a restore could still name its transaction (by producer id and epoch, which a reused producer keeps).
 *
 * <p>A new writer restores: the prepared transactions of the restored checkpoint that are still open are committed
 * through a new producer that takes them over ({@link KafkaTransactions#resume}); every other open transaction of the
 * owned buckets' ids is ended (rows of a checkpoint that did not complete).
 *
 * <p>{@code eventual}: one idempotent producer, no transactions; {@link #prepare} flushes.
 */
final class KafkaTwoPhaseLogWriter implements TwoPhaseLogWriter {
    private static final Logger LOG = LoggerFactory.getLogger(KafkaTwoPhaseLogWriter.class);
    private static final int HANDLE_VERSION = 1;
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);
    private static final long ADMIN_TIMEOUT_SECONDS = 60;

    private final String tableName;
    private final String topic;
    private final String commitUser;
    private final int numBuckets;
    private final IntPredicate ownedBuckets;
    private final boolean transactional;
    private final RowRecords records;
    private final Map<String, Object> producerProperties;

    /** transactional: the slots of each bucket, by slot index; eventual: unused. */
    private final Map<Integer, List<Slot>> slots = new HashMap<>();
    /** transactional: per bucket, the slot of the rows since the last prepare, or null. */
    private final Slot[] current;
    /** Prepared and not committed, in prepare order. */
    private final List<Slot> prepared = new ArrayList<>();
    /** Committed, waiting for a later complete checkpoint before reuse. */
    private final List<Slot> committed = new ArrayList<>();
    /** eventual: the one producer. */
    private final KafkaProducer<byte[], byte[]> eventualProducer;
    /** eventual: per bucket, the offset of the last acknowledged record since the last prepare; -1 for none. */
    private final long[] eventualLastOffsets;
    private volatile Exception sendFailure;
    private long lastPreparedId = Long.MIN_VALUE;

    KafkaTwoPhaseLogWriter(KafkaLogStore store, String commitUser, IntPredicate ownedBuckets, List<PreparedLogCommit> restored)
            throws IOException {
        requireNonNull(store, "store is null");
        this.commitUser = requireNonNull(commitUser, "commitUser is null");
        this.ownedBuckets = requireNonNull(ownedBuckets, "ownedBuckets is null");
        requireNonNull(restored, "restored is null");
        this.tableName = store.table().name();
        this.topic = store.topic();
        this.numBuckets = store.numBuckets();
        this.transactional = store.consistency() == LogConsistency.TRANSACTIONAL;
        this.records = new RowRecords(store, commitUser, ownedBuckets);
        this.current = new Slot[numBuckets];
        this.eventualLastOffsets = new long[numBuckets];
        Arrays.fill(eventualLastOffsets, -1);

        Map<String, Object> properties = RowRecords.producerProperties(store);
        this.producerProperties = properties;
        if (transactional) {
            this.eventualProducer = null;
            try (Admin admin = Admin.create(store.clientProperties())) {
                restore(admin, restored);
            } catch (IOException | RuntimeException e) {
                close();
                throw e;
            }
        } else {
            this.eventualProducer = new KafkaProducer<>(properties);
        }
    }

    /** {@code <topic>.<commit user>.<bucket>.}: the prefix of the transactional ids of a bucket's slots. */
    static String transactionalIdPrefix(String topic, String commitUser, int bucket) {
        return KafkaLogWriter.transactionalId(topic, commitUser, bucket) + ".";
    }

    // ---------------------------------------------------------------------------------------------- restore

    private void restore(Admin admin, List<PreparedLogCommit> restored) throws IOException {
        List<Transaction> toCommit = new ArrayList<>();
        for (PreparedLogCommit commit : restored) {
            for (Transaction transaction : decode(commit.handle())) {
                if (ownedBuckets.test(transaction.bucket)) {
                    if (!transaction.transactionalId.startsWith(transactionalIdPrefix(topic, commitUser, transaction.bucket))) {
                        throw new IllegalStateException(String.format("Table %s: the restored log commit %d names transactional id '%s', "
                                + "which is not one of commit user %s on Kafka topic '%s'", tableName, commit.id(),
                                transaction.transactionalId, commitUser, topic));
                    }
                    toCommit.add(transaction);
                }
            }
        }
        Set<String> done = new HashSet<>();
        for (Transaction transaction : toCommit) {
            commitRestored(admin, transaction);
            done.add(transaction.transactionalId);
        }
        // Every other open transaction of the owned buckets holds rows of a checkpoint that did not complete.
        for (TransactionListing listing : openTransactions(admin)) {
            String id = listing.transactionalId();
            int bucket = bucketOf(id);
            if (bucket >= 0 && ownedBuckets.test(bucket) && !done.contains(id)) {
                LOG.info("Table {}: ending the open Kafka transaction '{}' of a checkpoint that did not complete", tableName, id);
                slot(bucket, slotOf(id)); // initialising the slot's producer ends the transaction
            }
        }
    }

    private void commitRestored(Admin admin, Transaction transaction) throws IOException {
        TransactionDescription description;
        try {
            description = admin.describeTransactions(List.of(transaction.transactionalId)).description(transaction.transactionalId)
                    .get(ADMIN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof TransactionalIdNotFoundException) {
                description = null;
            } else {
                throw adminFailure("describe transaction '" + transaction.transactionalId + "' of", e);
            }
        } catch (InterruptedException | TimeoutException e) {
            throw adminFailure("describe transaction '" + transaction.transactionalId + "' of", e);
        }
        TransactionState state = description == null ? TransactionState.UNKNOWN : description.state();
        boolean same = description != null && description.producerId() == transaction.producerId
                && description.producerEpoch() == transaction.epoch;
        if (same && state == TransactionState.ONGOING) {
            KafkaProducer<byte[], byte[]> producer = newProducer(transaction.transactionalId);
            try {
                producer.partitionsFor(topic); // learn the brokers' transaction version before resuming
                KafkaTransactions.resume(producer, transaction.producerId, transaction.epoch);
                producer.commitTransaction();
                LOG.info("Table {}: committed the restored Kafka transaction '{}' of bucket {}", tableName,
                        transaction.transactionalId, transaction.bucket);
            } catch (KafkaException e) {
                throw new IOException(String.format("Table %s: cannot commit the restored transaction '%s' of bucket %d of "
                        + "Kafka topic '%s': %s", tableName, transaction.transactionalId, transaction.bucket, topic, e.getMessage()), e);
            } finally {
                producer.close(Duration.ZERO);
            }
        } else if (same && (state == TransactionState.PREPARE_COMMIT || state == TransactionState.COMPLETE_COMMIT)) {
            LOG.debug("Table {}: the restored Kafka transaction '{}' was committed already", tableName, transaction.transactionalId);
        } else if (same) {
            LOG.warn("Table {}: the Kafka transaction '{}' of bucket {} (producer id {}, epoch {}) was aborted ({}): its "
                    + "records are not in Kafka topic '{}', though the table has them (was the job down for longer than "
                    + "kafka.transaction.timeout.ms?). Readers that start from a later snapshot are exact.", tableName,
                    transaction.transactionalId, transaction.bucket, transaction.producerId, transaction.epoch, state, topic);
        } else {
            // A later producer epoch, or an id the coordinator forgot: the transaction ended long ago; it was
            // committed, unless a timeout aborted it before (which the coordinator no longer tells).
            LOG.info("Table {}: the restored Kafka transaction '{}' (producer id {}, epoch {}) ended before this restore ({})",
                    tableName, transaction.transactionalId, transaction.producerId, transaction.epoch,
                    description == null ? "unknown id" : description);
        }
    }

    private List<TransactionListing> openTransactions(Admin admin) throws IOException {
        ListTransactionsOptions options = new ListTransactionsOptions()
                .filterStates(List.of(TransactionState.ONGOING))
                .filterOnTransactionalIdPattern(Pattern.quote(topic + "." + commitUser + ".") + "\\d+\\.\\d+");
        try {
            return new ArrayList<>(admin.listTransactions(options).all().get(ADMIN_TIMEOUT_SECONDS, TimeUnit.SECONDS));
        } catch (ExecutionException | InterruptedException | TimeoutException e) {
            throw adminFailure("list the open transactions of", e);
        }
    }

    private int bucketOf(String transactionalId) {
        String rest = transactionalId.substring((topic + "." + commitUser + ".").length());
        return Integer.parseInt(rest.substring(0, rest.indexOf('.')));
    }

    private static int slotOf(String transactionalId) {
        return Integer.parseInt(transactionalId.substring(transactionalId.lastIndexOf('.') + 1));
    }

    private IOException adminFailure(String what, Exception e) {
        if (e instanceof InterruptedException) {
            Thread.currentThread().interrupt();
        }
        Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
        return new IOException(String.format("Table %s: cannot %s Kafka topic '%s' (commit user %s): %s", tableName, what,
                topic, commitUser, cause.getMessage()), cause);
    }

    // ---------------------------------------------------------------------------------------------- writing

    @Override
    public void write(InternalRow row) throws IOException {
        checkFailure();
        ProducerRecord<byte[], byte[]> record = records.record(row);
        if (record == null) {
            return;
        }
        int bucket = record.partition();
        try {
            if (transactional) {
                Slot slot = current[bucket];
                if (slot == null) {
                    slot = freeSlot(bucket);
                    slot.producer.beginTransaction();
                    slot.lastOffset = -1;
                    current[bucket] = slot;
                }
                Slot target = slot;
                slot.producer.send(record, (metadata, exception) -> {
                    if (exception != null) {
                        failed(exception);
                    } else {
                        synchronized (target) {
                            target.lastOffset = Math.max(target.lastOffset, metadata.offset());
                        }
                    }
                });
            } else {
                eventualProducer.send(record, (metadata, exception) -> {
                    if (exception != null) {
                        failed(exception);
                    } else {
                        synchronized (eventualLastOffsets) {
                            eventualLastOffsets[bucket] = Math.max(eventualLastOffsets[bucket], metadata.offset());
                        }
                    }
                });
            }
        } catch (KafkaException e) {
            throw new IOException(String.format("Table %s: cannot send a record to bucket %d of Kafka topic '%s': %s",
                    tableName, bucket, topic, e.getMessage()), e);
        }
    }

    private void failed(Exception exception) {
        if (sendFailure == null) {
            sendFailure = exception;
        }
    }

    @Override
    public PreparedLogCommit prepare(long id) throws IOException {
        if (id <= lastPreparedId) {
            throw new IllegalArgumentException(String.format("Table %s: log commit %d prepared after log commit %d; ids must increase",
                    tableName, id, lastPreparedId));
        }
        lastPreparedId = id;
        Map<Integer, Long> offsets = new TreeMap<>();
        if (!transactional) {
            flush(eventualProducer, -1);
            checkFailure();
            synchronized (eventualLastOffsets) {
                for (int bucket = 0; bucket < numBuckets; bucket++) {
                    if (eventualLastOffsets[bucket] >= 0) {
                        offsets.put(bucket, eventualLastOffsets[bucket] + 1);
                    }
                }
                Arrays.fill(eventualLastOffsets, -1);
            }
            return new PreparedLogCommit(id, offsets, new byte[0]);
        }
        List<Transaction> transactions = new ArrayList<>();
        for (int bucket = 0; bucket < numBuckets; bucket++) {
            Slot slot = current[bucket];
            if (slot == null) {
                continue;
            }
            flush(slot.producer, bucket);
            checkFailure();
            ProducerIdAndEpoch idAndEpoch = KafkaTransactions.producerIdAndEpoch(slot.producer);
            synchronized (slot) {
                offsets.put(bucket, slot.lastOffset + 1);
            }
            transactions.add(new Transaction(bucket, slot.transactionalId, idAndEpoch.producerId, idAndEpoch.epoch));
            slot.preparedId = id;
            prepared.add(slot);
            current[bucket] = null;
        }
        return new PreparedLogCommit(id, offsets, encode(transactions));
    }

    private void flush(KafkaProducer<byte[], byte[]> producer, int bucket) throws IOException {
        try {
            producer.flush();
        } catch (KafkaException e) {
            throw new IOException(String.format("Table %s: cannot flush %s: %s", tableName,
                    bucket < 0 ? "Kafka topic '" + topic + "'" : "bucket " + bucket + " of Kafka topic '" + topic + "'", e.getMessage()), e);
        }
    }

    @Override
    public void commitUpTo(long id) throws IOException {
        if (!transactional) {
            return;
        }
        // Slots committed before: reusable once a checkpoint taken after their commit is complete.
        for (Iterator<Slot> it = committed.iterator(); it.hasNext(); ) {
            Slot slot = it.next();
            if (id > slot.reusableAfter) {
                slot.preparedId = -1;
                it.remove();
            }
        }
        for (Iterator<Slot> it = prepared.iterator(); it.hasNext(); ) {
            Slot slot = it.next();
            if (slot.preparedId > id) {
                break;
            }
            try {
                slot.producer.commitTransaction();
            } catch (KafkaException e) {
                throw new IOException(String.format("Table %s: cannot commit the transaction '%s' of bucket %d of Kafka topic '%s': %s",
                        tableName, slot.transactionalId, slot.bucket, topic, e.getMessage()), e);
            }
            it.remove();
            // every checkpoint up to the last prepared one may hold this transaction in its state
            slot.reusableAfter = lastPreparedId;
            committed.add(slot);
        }
    }

    /** The lowest slot of the bucket that is neither open, prepared nor waiting; a new one when all are busy. */
    private Slot freeSlot(int bucket) throws IOException {
        List<Slot> bucketSlots = slots.computeIfAbsent(bucket, b -> new ArrayList<>());
        for (int index = 0; index < bucketSlots.size(); index++) {
            Slot slot = bucketSlots.get(index);
            if (slot == null) {
                return slot(bucket, index);
            }
            if (slot.preparedId < 0 && current[bucket] != slot) {
                return slot;
            }
        }
        return slot(bucket, bucketSlots.size());
    }

    /** The slot with this index, its producer created and initialised (which ends a transaction left open on its id). */
    private Slot slot(int bucket, int index) throws IOException {
        List<Slot> bucketSlots = slots.computeIfAbsent(bucket, b -> new ArrayList<>());
        while (bucketSlots.size() <= index) {
            bucketSlots.add(null);
        }
        Slot slot = bucketSlots.get(index);
        if (slot == null) {
            String transactionalId = transactionalIdPrefix(topic, commitUser, bucket) + index;
            KafkaProducer<byte[], byte[]> producer = newProducer(transactionalId);
            try {
                producer.initTransactions();
            } catch (KafkaException e) {
                producer.close(Duration.ZERO);
                throw new IOException(String.format("Table %s: cannot initialise the transactional producer '%s' of bucket %d of "
                        + "Kafka topic '%s': %s", tableName, transactionalId, bucket, topic, e.getMessage()), e);
            }
            slot = new Slot(bucket, transactionalId, producer);
            bucketSlots.set(index, slot);
        }
        return slot;
    }

    private KafkaProducer<byte[], byte[]> newProducer(String transactionalId) {
        Map<String, Object> properties = new HashMap<>(producerProperties);
        properties.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        return new KafkaProducer<>(properties);
    }

    private void checkFailure() throws IOException {
        Exception failure = sendFailure;
        if (failure != null) {
            throw new IOException(String.format("Table %s: sending to Kafka topic '%s' failed: %s", tableName, topic,
                    failure.getMessage()), failure);
        }
    }

    @Override
    public void close() {
        if (eventualProducer != null) {
            eventualProducer.close(CLOSE_TIMEOUT);
        }
        for (List<Slot> bucketSlots : slots.values()) {
            for (Slot slot : bucketSlots) {
                if (slot == null) {
                    continue;
                }
                if (slot.preparedId >= 0 && prepared.contains(slot)) {
                    // prepared: stays open for the writer that restores the checkpoint holding it
                    slot.producer.close(Duration.ZERO);
                } else {
                    // open rows not prepared are aborted; a free producer just closes
                    slot.producer.close(CLOSE_TIMEOUT);
                }
            }
        }
        slots.clear();
    }

    // ---------------------------------------------------------------------------------------------- handles

    private static byte[] encode(List<Transaction> transactions) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(HANDLE_VERSION);
            out.writeInt(transactions.size());
            for (Transaction transaction : transactions) {
                out.writeInt(transaction.bucket);
                out.writeUTF(transaction.transactionalId);
                out.writeLong(transaction.producerId);
                out.writeShort(transaction.epoch);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static List<Transaction> decode(byte[] handle) {
        if (handle.length == 0) {
            return List.of(); // a commit of the eventual log, or one without records
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(handle))) {
            int version = in.readInt();
            if (version != HANDLE_VERSION) {
                throw new IllegalArgumentException("Unsupported version " + version + " of a Kafka log commit handle");
            }
            int count = in.readInt();
            List<Transaction> transactions = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                transactions.add(new Transaction(in.readInt(), in.readUTF(), in.readLong(), in.readShort()));
            }
            return transactions;
        } catch (IOException e) {
            throw new UncheckedIOException("A Kafka log commit handle is corrupt", e);
        }
    }

    /** One bucket's transaction of a prepared commit. */
    private record Transaction(int bucket, String transactionalId, long producerId, short epoch) {
    }

    /** A transactional producer of a bucket, with the state of its transaction. */
    private static final class Slot {
        final int bucket;
        final String transactionalId;
        final KafkaProducer<byte[], byte[]> producer;
        /** The id of the prepared commit its open transaction belongs to; -1 when none is prepared. */
        long preparedId = -1;
        /** After its commit: reusable once a commit with an id above this one is reported. */
        long reusableAfter;
        /** The offset of the last acknowledged record of its open transaction; -1 for none. */
        long lastOffset = -1;

        Slot(int bucket, String transactionalId, KafkaProducer<byte[], byte[]> producer) {
            this.bucket = bucket;
            this.transactionalId = transactionalId;
            this.producer = producer;
        }
    }
}
