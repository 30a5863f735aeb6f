package io.tstore.benchmarks.log;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How a subscriber gets a table's changes in the latency benchmarks: without a log (it follows the table's
 * snapshots), or through the Kafka log with {@code log.consistency} {@code eventual} or {@code transactional}.
 * Each mode is a set of table options; the writer and the rows are the same in every mode.
 */
public enum LatencyMode {
    /** No log: the subscriber follows the snapshots with a streaming scan. */
    NONE("none", "no log: snapshots"),
    /** The log with {@code log.consistency = eventual}: records are visible as soon as they are sent. */
    EVENTUAL("eventual", "log, eventual"),
    /** The log with {@code log.consistency = transactional}: records are visible once their commit is. */
    TRANSACTIONAL("transactional", "log, transactional");

    private final String name;
    private final String label;

    LatencyMode(String name, String label) {
        this.name = name;
        this.label = label;
    }

    /** The mode's name on the command line: {@code none}, {@code eventual} or {@code transactional}. */
    public String modeName() {
        return name;
    }

    /** The mode as the report's column heading says it. */
    public String label() {
        return label;
    }

    /** Whether the table of this mode has a log (and the subscriber reads it). */
    public boolean usesLog() {
        return this != NONE;
    }

    /** The table options of this mode; {@code bootstrapServers} is used only by the log modes. */
    public Map<String, String> tableOptions(String bootstrapServers) {
        Map<String, String> options = new LinkedHashMap<>();
        if (usesLog()) {
            options.put("log.system", "kafka");
            options.put("log.consistency", name);
            options.put("kafka.bootstrap.servers", bootstrapServers);
            // Send each record at once: the benchmark measures latency, not batching.
            options.put("kafka.linger.ms", "0");
        }
        return options;
    }

    /** Parses a comma-separated list of mode names, in the given order; an error names the bad one. */
    public static List<LatencyMode> parseList(String value, String usage) {
        List<LatencyMode> modes = new ArrayList<>();
        for (String part : value.split(",")) {
            String wanted = part.trim().toLowerCase(Locale.ROOT);
            LatencyMode found = null;
            for (LatencyMode mode : values()) {
                if (mode.name.equals(wanted)) {
                    found = mode;
                }
            }
            if (found == null) {
                throw new IllegalArgumentException(String.format(
                        "Unknown mode '%s' in '%s': use none, eventual or transactional, separated by commas. %s", part, value, usage));
            }
            if (!modes.contains(found)) {
                modes.add(found);
            }
        }
        return modes;
    }
}
