package io.tstore.log.kafka;

import io.tstore.core.data.InternalRow;
import io.tstore.core.data.RowProjection;
import io.tstore.core.file.BucketFunction;
import io.tstore.core.options.LogChangelogMode;
import io.tstore.core.schema.TableSchema;
import io.tstore.lsm.RowKind;

import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.util.Map;
import java.util.function.IntPredicate;

import static java.util.Objects.requireNonNull;

/**
 * Turns the rows of one log writer into records of the table's topic ({@link KafkaRecordFormat}, partition =
 * bucket), leaving out what the log's changelog mode does not carry; shared by the writers of the log store.
 */
final class RowRecords {
    private final String tableName;
    private final String topic;
    private final String commitUser;
    private final int numBuckets;
    private final IntPredicate ownedBuckets;
    private final boolean upsert;
    private final KafkaRecordFormat.Encoder encoder;
    private final RowProjection bucketKeyProjection;

    RowRecords(KafkaLogStore store, String commitUser, IntPredicate ownedBuckets) {
        this.tableName = store.table().name();
        this.topic = store.topic();
        this.commitUser = requireNonNull(commitUser, "commitUser is null");
        this.numBuckets = store.numBuckets();
        this.ownedBuckets = requireNonNull(ownedBuckets, "ownedBuckets is null");
        this.upsert = store.changelogMode() == LogChangelogMode.UPSERT;
        TableSchema schema = store.table().schema();
        this.encoder = new KafkaRecordFormat.Encoder(schema);
        this.bucketKeyProjection = RowProjection.of(schema.rowType(), schema.bucketKeys());
    }

    /**
     * The record of a row, or null when the log leaves it out (a -U in an upsert log, which carries the latest image
     * of a key: the +U that follows replaces it).
     *
     * @throws IllegalArgumentException when the row's bucket is not one of the writer's
     */
    ProducerRecord<byte[], byte[]> record(InternalRow row) {
        if (upsert && row.getRowKind() == RowKind.UPDATE_BEFORE) {
            return null;
        }
        int bucket = BucketFunction.bucket(bucketKeyProjection.apply(row), numBuckets);
        if (!ownedBuckets.test(bucket)) {
            throw new IllegalArgumentException(String.format(
                    "Table %s: a row of bucket %d was given to a log writer of commit user %s that does not own that bucket",
                    tableName, bucket, commitUser));
        }
        return new ProducerRecord<>(topic, bucket, encoder.key(row), encoder.value(row));
    }

    /** The properties of the writers' producers: the store's client properties, idempotent, acks=all, bytes. */
    static Map<String, Object> producerProperties(KafkaLogStore store) {
        Map<String, Object> properties = store.clientProperties();
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        return properties;
    }
}
