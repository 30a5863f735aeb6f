package io.tstore.log.kafka;

import io.tstore.core.table.Identifier;
import io.tstore.options.ConfigOption;
import io.tstore.options.Options;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The table options of the Kafka log store ({@code log.system = kafka}), listed in docs/log-store.md. */
public final class KafkaOptions {
    private KafkaOptions() {}

    static final String PREFIX = "kafka.";

    public static final ConfigOption<String> BOOTSTRAP_SERVERS = ConfigOption.key("kafka.bootstrap.servers")
            .stringType()
            .noDefaultValue()
            .description("The Kafka brokers of the table's log, host:port[,host:port...]. Required with log.system = kafka.");

    public static final ConfigOption<String> TOPIC = ConfigOption.key("kafka.topic")
            .stringType()
            .noDefaultValue()
            .description("The topic of the table's log, with one partition per bucket. Default: tstore.<database>.<table>, with every character other than letters, digits, '.', '_' and '-' replaced by '_'.");

    public static final ConfigOption<String> CLIENT_PROPERTY = ConfigOption.key("kafka.<property>")
            .stringType()
            .noDefaultValue()
            .description("Any other Kafka client property, without the prefix, for the producers, consumers and admin client of the log (e.g. kafka.security.protocol, kafka.linger.ms, kafka.transaction.timeout.ms).");

    /** Every Kafka option, in the order the documentation lists them. */
    public static List<ConfigOption<?>> all() {
        return List.of(BOOTSTRAP_SERVERS, TOPIC, CLIENT_PROPERTY);
    }

    /** The topic of a table: {@link #TOPIC}, or the one derived from its identifier. */
    public static String topic(Options options, Identifier identifier) {
        return options.getOptional(TOPIC).orElseGet(() -> defaultTopic(identifier));
    }

    static String defaultTopic(Identifier identifier) {
        String name = "tstore." + identifier.database() + "." + identifier.table();
        StringBuilder topic = new StringBuilder(name.length());
        for (char c : name.toCharArray()) {
            boolean legal = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
            topic.append(legal ? c : '_');
        }
        return topic.length() > 249 ? topic.substring(0, 249) : topic.toString();
    }

    /** The Kafka client properties of the table: every {@code kafka.*} option with its prefix removed, but the topic. */
    static Map<String, Object> clientProperties(Options options) {
        Map<String, Object> properties = new HashMap<>();
        for (Map.Entry<String, String> entry : options.toMap().entrySet()) {
            String key = entry.getKey();
            if (key.startsWith(PREFIX) && !key.equals(TOPIC.key())) {
                properties.put(key.substring(PREFIX.length()), entry.getValue());
            }
        }
        return properties;
    }
}
