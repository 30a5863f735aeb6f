package io.tstore.log.kafka;

import io.tstore.core.log.LogOffsetLostException;
import io.tstore.core.log.LogReader;
import io.tstore.core.log.LogRecord;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetOutOfRangeException;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reads the table's topic from given offsets with a consumer assigned to every partition, or to those of some
 * buckets (no consumer group, no committed offsets: the position lives with the reader). {@code read_committed}
 * with {@code transactional} consistency. {@code auto.offset.reset = none}: an offset the topic no longer holds is a
 * {@link LogOffsetLostException}, never a silent jump.
 */
final class KafkaLogReader implements LogReader {
    private final String tableName;
    private final String topic;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final List<TopicPartition> partitions = new ArrayList<>();
    private final KafkaRecordFormat.Decoder decoder;

    /** @param buckets the buckets (partitions) to read, or null for all */
    KafkaLogReader(KafkaLogStore store, Map<Integer, Long> startOffsets, Set<Integer> buckets) {
        this.tableName = store.table().name();
        this.topic = store.topic();
        this.decoder = new KafkaRecordFormat.Decoder(tableName, store.table().schema(), store.table().schemaManager());
        Map<String, Object> properties = store.clientProperties();
        properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, store.isolationLevel().toString().toLowerCase(Locale.ROOT));
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "none");
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        properties.remove(ConsumerConfig.GROUP_ID_CONFIG);
        this.consumer = new KafkaConsumer<>(properties);
        try {
            for (int bucket = 0; bucket < store.numBuckets(); bucket++) {
                if (buckets == null || buckets.contains(bucket)) {
                    partitions.add(new TopicPartition(topic, bucket));
                }
            }
            consumer.assign(partitions);
            for (TopicPartition partition : partitions) {
                consumer.seek(partition, startOffsets.getOrDefault(partition.partition(), 0L));
            }
        } catch (RuntimeException e) {
            consumer.close();
            throw e;
        }
    }

    @Override
    public List<LogRecord> poll(Duration timeout) throws IOException {
        ConsumerRecords<byte[], byte[]> records;
        try {
            records = consumer.poll(timeout);
        } catch (OffsetOutOfRangeException e) {
            Map<Integer, Long> lost = new TreeMap<>();
            e.offsetOutOfRangePartitions().forEach((partition, offset) -> lost.put(partition.partition(), offset));
            throw new LogOffsetLostException(String.format("Table %s: Kafka topic '%s' no longer holds offsets %s (bucket "
                    + "to offset) that the reader needs; retention deleted them", tableName, topic, lost), lost);
        } catch (KafkaException e) {
            throw new IOException("Table " + tableName + ": cannot read Kafka topic '" + topic + "': " + e.getMessage(), e);
        }
        List<LogRecord> read = new ArrayList<>(records.count());
        for (ConsumerRecord<byte[], byte[]> record : records) {
            String where = "offset " + record.offset() + " of partition " + record.partition() + " of Kafka topic '" + topic + "'";
            read.add(new LogRecord(record.partition(), record.offset(), record.timestamp(), decoder.value(record.value(), where)));
        }
        return read;
    }

    @Override
    public Map<Integer, Long> position() throws IOException {
        Map<Integer, Long> position = new TreeMap<>();
        try {
            for (TopicPartition partition : partitions) {
                position.put(partition.partition(), consumer.position(partition));
            }
        } catch (KafkaException e) {
            throw new IOException("Table " + tableName + ": cannot read the position in Kafka topic '" + topic + "': " + e.getMessage(), e);
        }
        return position;
    }

    @Override
    public void close() {
        consumer.close(org.apache.kafka.clients.consumer.CloseOptions.timeout(Duration.ofSeconds(10)));
    }
}
