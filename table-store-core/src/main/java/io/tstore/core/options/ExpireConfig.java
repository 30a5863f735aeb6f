package io.tstore.core.options;

import io.tstore.options.ConfigOption;
import io.tstore.options.Options;

import java.time.Duration;

/**
 * What one expiry run keeps: at least {@code minRetained} snapshots, at most {@code maxRetained} (a consumer's
 * next snapshot and everything after it are kept beyond that), and between the two every snapshot younger than
 * {@code timeRetained}; it removes at most {@code limit} snapshots. {@code consumerExpiration}, when set, first
 * retires consumers idle for that long.
 */
public record ExpireConfig(int minRetained, int maxRetained, Duration timeRetained, int limit, Duration consumerExpiration) {

    public ExpireConfig {
        check(minRetained >= 1, MaintenanceOptions.SNAPSHOT_NUM_RETAINED_MIN, minRetained, "must be at least 1");
        check(maxRetained >= minRetained, MaintenanceOptions.SNAPSHOT_NUM_RETAINED_MAX, maxRetained,
                "must be at least " + MaintenanceOptions.SNAPSHOT_NUM_RETAINED_MIN.key() + " (" + minRetained + ")");
        check(timeRetained != null && !timeRetained.isNegative(), MaintenanceOptions.SNAPSHOT_TIME_RETAINED, timeRetained,
                "must not be negative");
        check(limit >= 1, MaintenanceOptions.SNAPSHOT_EXPIRE_LIMIT, limit, "must be at least 1");
        if (consumerExpiration != null && consumerExpiration.isNegative()) {
            throw new IllegalArgumentException("Option 'consumer.expiration-time' must not be negative, but is " + consumerExpiration);
        }
    }

    /** The table's expiry options; an invalid value is an error naming the table, the option and the value. */
    public static ExpireConfig fromOptions(String table, Options options) {
        try {
            return new ExpireConfig(
                    options.get(MaintenanceOptions.SNAPSHOT_NUM_RETAINED_MIN),
                    options.get(MaintenanceOptions.SNAPSHOT_NUM_RETAINED_MAX),
                    options.get(MaintenanceOptions.SNAPSHOT_TIME_RETAINED),
                    options.get(MaintenanceOptions.SNAPSHOT_EXPIRE_LIMIT),
                    options.getOptional(ScanOptions.CONSUMER_EXPIRATION_TIME).orElse(null));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Table " + table + ": " + e.getMessage(), e);
        }
    }

    /** Keeps exactly the latest {@code retained} snapshots (within the limit), whatever their age. */
    public static ExpireConfig retainLatest(int retained) {
        return new ExpireConfig(retained, retained, Duration.ZERO, Integer.MAX_VALUE, null);
    }

    public ExpireConfig withLimit(int newLimit) {
        return new ExpireConfig(minRetained, maxRetained, timeRetained, newLimit, consumerExpiration);
    }

    private static void check(boolean valid, ConfigOption<?> option, Object value, String rule) {
        if (!valid) {
            throw new IllegalArgumentException("Option '" + option.key() + "' " + rule + ", but is " + value);
        }
    }
}
