package io.tstore.core.connector;

import io.tstore.core.options.LogChangelogMode;
import io.tstore.core.options.LogConsistency;
import io.tstore.core.options.LogOptions;
import io.tstore.core.options.ScanOptions;
import io.tstore.core.scan.ChangelogSource;
import io.tstore.core.table.FileStoreTable;
import io.tstore.options.Options;

/**
 * What a streaming read of a data table emits, and whether it follows the table's log store or its snapshots: what
 * an engine declares to its planner (Flink's changelog mode, say) before it reads.
 */
public enum StreamingChanges {
    /** Inserts only: tables without primary key. */
    INSERTS,
    /** Inserts, and deletes of the rows an overwrite replaced: tables without primary key with {@code streaming-read-overwrite}. */
    INSERTS_AND_DELETES,
    /** Upserts keyed by primary key (+I, +U, -D, no -U, maybe repeated): the engine normalises by key. */
    UPSERTS,
    /** A complete changelog: +I, -U, +U, -D. */
    ALL;

    /** What a streaming read of the table emits. */
    public static StreamingChanges of(FileStoreTable table) {
        if (!table.hasPrimaryKey()) {
            return table.options().get(ScanOptions.STREAMING_READ_OVERWRITE) ? INSERTS_AND_DELETES : INSERTS;
        }
        if (readsLog(table)) {
            return logGivesUpserts(table) ? UPSERTS : ALL;
        }
        return ChangelogSource.of(table.options(), true) == ChangelogSource.DELTA ? UPSERTS : ALL;
    }

    /**
     * Whether a streaming read follows the table's log after its starting snapshot ({@link LogStart}) instead of its
     * snapshots: when the table has a log store ({@code log.system} other than {@code none}), {@code log.scan.enabled}
     * is on, and no {@code consumer-id} is set (a consumer's position is a snapshot, which a read of the log has not).
     */
    public static boolean readsLog(FileStoreTable table) {
        Options options = table.options();
        return !options.get(LogOptions.LOG_SYSTEM).equalsIgnoreCase(LogOptions.NONE)
                && options.get(LogOptions.LOG_SCAN_ENABLED)
                && options.get(ScanOptions.CONSUMER_ID) == null;
    }

    /**
     * Whether a read of the log gives upserts (+I, +U, -D, keyed by primary key) rather than a complete changelog:
     * for a primary-key table whose log carries upserts ({@code log.changelog-mode} upsert), or may carry a change
     * more than once ({@code log.consistency} eventual, where only upserts are idempotent). A reader then leaves out
     * -U records and the engine normalises by primary key.
     */
    public static boolean logGivesUpserts(FileStoreTable table) {
        if (!table.hasPrimaryKey()) {
            return false;
        }
        Options options = table.options();
        return LogOptions.changelogMode(options, true) == LogChangelogMode.UPSERT
                || options.get(LogOptions.LOG_CONSISTENCY) == LogConsistency.EVENTUAL;
    }
}
