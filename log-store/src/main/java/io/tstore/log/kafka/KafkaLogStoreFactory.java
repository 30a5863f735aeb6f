package io.tstore.log.kafka;

import io.tstore.core.log.LogStore;
import io.tstore.core.log.LogStoreFactory;
import io.tstore.core.table.FileStoreTable;
import io.tstore.options.ConfigOption;

import java.util.List;

/** The Kafka log store, {@code log.system = kafka}: found by {@link java.util.ServiceLoader}. */
public final class KafkaLogStoreFactory implements LogStoreFactory {
    public static final String IDENTIFIER = "kafka";

    @Override
    public String identifier() {
        return IDENTIFIER;
    }

    @Override
    public List<ConfigOption<?>> options() {
        return KafkaOptions.all();
    }

    @Override
    public LogStore create(FileStoreTable table) {
        return new KafkaLogStore(table);
    }
}
