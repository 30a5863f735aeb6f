package io.tstore.flink.source;

import io.tstore.core.options.LogChangelogMode;
import io.tstore.core.options.LogConsistency;
import io.tstore.core.options.LogOptions;
import io.tstore.core.options.ScanOptions;
import io.tstore.core.table.FileStoreTable;
import io.tstore.core.table.Table;
import io.tstore.options.Options;

/**
 * Whether a streaming read follows a table's log instead of its snapshots, and what the log gives it.
 *
 * <p>It does when the table has a log store ({@code log.system} other than {@code none}), {@code log.scan.enabled}
 * is on, and no {@code consumer-id} is set (a consumer's position is a snapshot, which a read of the log has not).
 */
final class LogScan {
    private LogScan() {}

    /** Whether a read of this table in this mode reads the log after its starting snapshot. */
    static boolean appliesTo(Table table, boolean streaming) {
        if (!streaming || !(table instanceof FileStoreTable data)) {
            return false;
        }
        Options options = data.options();
        return !options.get(LogOptions.LOG_SYSTEM).equalsIgnoreCase(LogOptions.NONE)
                && options.get(LogOptions.LOG_SCAN_ENABLED)
                && options.get(ScanOptions.CONSUMER_ID) == null;
    }

    /**
     * Whether the read gives upserts (+I, +U, -D, keyed by primary key) rather than a complete changelog: for a
     * primary-key table whose log carries upserts ({@code log.changelog-mode} upsert), or may carry a change more
     * than once ({@code log.consistency} eventual, where only upserts are idempotent). The planner then normalises
     * by primary key, and the reader leaves out -U records.
     */
    static boolean upsert(FileStoreTable table) {
        if (!table.hasPrimaryKey()) {
            return false;
        }
        Options options = table.options();
        return LogOptions.changelogMode(options, true) == LogChangelogMode.UPSERT
                || options.get(LogOptions.LOG_CONSISTENCY) == LogConsistency.EVENTUAL;
    }
}
