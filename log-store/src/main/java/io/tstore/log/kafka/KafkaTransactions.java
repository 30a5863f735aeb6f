package io.tstore.log.kafka;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.internals.TransactionManager;
import org.apache.kafka.common.utils.ProducerIdAndEpoch;

import java.lang.reflect.Field;
import java.lang.reflect.Method;

/**
 * The two things a two-phase commit needs from a transactional Kafka producer that its public API (Kafka clients
 * 4.3) does not offer: the producer id and epoch of its open transaction, and committing that transaction from a
 * new producer after the first one is gone (KIP-939 will make this public; its client side is not complete in 4.3).
 * Both reach into the producer's {@code TransactionManager}, as Flink's own Kafka sink does; a Kafka client whose
 * internals differ fails here with a clear error, never silently.
 */
final class KafkaTransactions {
    private static final Field TRANSACTION_MANAGER = field(KafkaProducer.class, "transactionManager");
    private static final Field PRODUCER_ID_AND_EPOCH = field(TransactionManager.class, "producerIdAndEpoch");
    private static final Field TRANSACTION_STARTED = field(TransactionManager.class, "transactionStarted");
    private static final Field TXN_PARTITION_MAP = field(TransactionManager.class, "txnPartitionMap");
    private static final Method TRANSITION_TO;
    private static final Method RESET_PARTITIONS;
    private static final Class<?> STATE;

    static {
        try {
            STATE = Class.forName(TransactionManager.class.getName() + "$State");
            TRANSITION_TO = TransactionManager.class.getDeclaredMethod("transitionTo", STATE);
            TRANSITION_TO.setAccessible(true);
            RESET_PARTITIONS = TXN_PARTITION_MAP.getType().getDeclaredMethod("reset");
            RESET_PARTITIONS.setAccessible(true);
        } catch (ReflectiveOperationException e) {
            throw incompatible(e);
        }
    }

    private KafkaTransactions() {
    }

    /** The producer id and epoch of a transactional producer (of its open transaction, when it has one). */
    static ProducerIdAndEpoch producerIdAndEpoch(KafkaProducer<?, ?> producer) {
        try {
            return (ProducerIdAndEpoch) PRODUCER_ID_AND_EPOCH.get(transactionManager(producer));
        } catch (ReflectiveOperationException e) {
            throw incompatible(e);
        }
    }

    /**
     * Makes a new producer, created with the transactional id of an open transaction and never initialised, the owner
     * of that transaction, so that {@link KafkaProducer#commitTransaction} commits it. The transaction must have been
     * flushed by its first producer (every partition it wrote was added to it). The new producer must have talked to
     * the cluster already (e.g. {@link KafkaProducer#partitionsFor}), so that it knows whether the brokers run
     * transactions of version 2 and commits in the version the transaction began with.
     */
    static void resume(KafkaProducer<?, ?> producer, long producerId, short epoch) {
        TransactionManager manager = transactionManager(producer);
        try {
            synchronized (manager) {
                transition(manager, "INITIALIZING");
                RESET_PARTITIONS.invoke(TXN_PARTITION_MAP.get(manager));
                PRODUCER_ID_AND_EPOCH.set(manager, new ProducerIdAndEpoch(producerId, epoch));
                manager.maybeUpdateTransactionV2Enabled(true);
                transition(manager, "READY");
                transition(manager, "IN_TRANSACTION");
                // the flag that makes commitTransaction send the EndTxn request: the transaction has records
                TRANSACTION_STARTED.set(manager, true);
            }
        } catch (ReflectiveOperationException e) {
            throw incompatible(e);
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void transition(TransactionManager manager, String state) throws ReflectiveOperationException {
        TRANSITION_TO.invoke(manager, Enum.valueOf((Class) STATE, state));
    }

    private static TransactionManager transactionManager(KafkaProducer<?, ?> producer) {
        try {
            TransactionManager manager = (TransactionManager) TRANSACTION_MANAGER.get(producer);
            if (manager == null) {
                throw new IllegalArgumentException("The producer is not transactional");
            }
            return manager;
        } catch (IllegalAccessException e) {
            throw incompatible(e);
        }
    }

    private static Field field(Class<?> type, String name) {
        try {
            Field field = type.getDeclaredField(name);
            field.setAccessible(true);
            return field;
        } catch (NoSuchFieldException e) {
            throw incompatible(e);
        }
    }

    private static IllegalStateException incompatible(Exception e) {
        return new IllegalStateException("The Kafka client on the class path is not one whose transactions the "
                + "log store can resume after a restart (it needs kafka-clients 4.3): " + e, e);
    }
}
