package io.tstore.spark.stream;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The read options of a Spark streaming query ({@code spark.readStream.option(k, v)}): admission control, which
 * only a Spark stream has, and the table's own options for this query ({@code scan.mode}, {@code consumer-id}, ...),
 * applied as dynamic options and checked as ALTER TABLE checks them.
 */
public record StreamReadOptions(int maxFilesPerTrigger, int maxSnapshotsPerTrigger, Map<String, String> tableOptions) {
    /** At most this many files per micro-batch (a snapshot's changes are never split; a batch reads at least one). */
    public static final String MAX_FILES_PER_TRIGGER = "max-files-per-trigger";
    /** At most this many snapshots' changes (or a starting full read) per micro-batch. */
    public static final String MAX_SNAPSHOTS_PER_TRIGGER = "max-snapshots-per-trigger";

    public StreamReadOptions {
        tableOptions = Map.copyOf(tableOptions);
    }

    /** Splits a query's options; a bad admission limit is an error naming the table, the option and the value. */
    public static StreamReadOptions of(String table, Map<String, String> options) {
        int maxFiles = Integer.MAX_VALUE;
        int maxSnapshots = Integer.MAX_VALUE;
        Map<String, String> tableOptions = new LinkedHashMap<>();
        for (Map.Entry<String, String> option : options.entrySet()) {
            String key = option.getKey().toLowerCase(Locale.ROOT);
            switch (key) {
                case MAX_FILES_PER_TRIGGER -> maxFiles = positive(table, key, option.getValue());
                case MAX_SNAPSHOTS_PER_TRIGGER -> maxSnapshots = positive(table, key, option.getValue());
                default -> tableOptions.put(option.getKey(), option.getValue());
            }
        }
        return new StreamReadOptions(maxFiles, maxSnapshots, tableOptions);
    }

    private static int positive(String table, String key, String value) {
        try {
            int parsed = Integer.parseInt(value.trim());
            if (parsed >= 1) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("Streaming read of table " + table + ": option '" + key
                + "' must be a whole number of at least 1, got '" + value + "'");
    }
}
