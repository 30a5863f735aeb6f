package io.tstore.flink.source;

import io.tstore.core.connector.LogStart;
import io.tstore.core.connector.ReadDescription;
import io.tstore.core.log.LogFallback;
import io.tstore.core.log.LogStore;
import io.tstore.core.log.LogStores;
import io.tstore.core.options.CoreOptions;
import io.tstore.core.options.LogOptions;
import io.tstore.core.table.ReadBuilder;
import io.tstore.core.table.FileStoreTable;
import io.tstore.core.table.Split;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * Plans a streaming read that follows a table's log: once, the files of the snapshot the read starts at (per
 * {@code scan.mode}, as the core's {@link LogStart} decides), then one {@link LogSplit} per bucket from the log
 * offsets of the start. The files hold exactly the changes before the offsets, so nothing is seen twice or missed.
 * Later plans are empty: the readers follow the log themselves.
 *
 * <ul>
 *   <li>a start with a full read (latest-full, from-snapshot-full, compacted-full, a tag): that snapshot's files,
 *       then the log from its offsets;</li>
 *   <li>a start with changes only (latest, from-snapshot N): no files, the log from the offsets of the snapshot
 *       before (N - 1); a snapshot that is not committed yet is waited for;</li>
 *   <li>from-timestamp: the log from the first record at or after the time (the log's timestamp index).</li>
 * </ul>
 *
 * When the log no longer holds the offsets a start needs, the read falls back to the latest snapshot's files and
 * its offsets, with a warning ({@link LogFallback}). The position is the id of the snapshot whose files were planned
 * (0 for none): once planned, a restored enumerator plans nothing again; the splits are in Flink's state.
 */
final class LogSplitPlanner implements SplitPlanner {
    private static final Logger LOG = LoggerFactory.getLogger(LogSplitPlanner.class);

    private final FileStoreTable table;
    private final ReadDescription spec;
    private LogStore log;
    private Long position;

    LogSplitPlanner(FileStoreTable table, ReadDescription spec) {
        this.table = requireNonNull(table, "table is null");
        this.spec = requireNonNull(spec, "spec is null");
    }

    @Override
    public Planned plan() throws IOException {
        if (position != null) {
            return new Planned(List.of(), position, false);
        }
        LogFallback.Start start = start();
        if (start == null) {
            return new Planned(List.of(), null, false);
        }
        List<Split> splits = new ArrayList<>();
        if (start.snapshot() != null) {
            ReadBuilder files = spec.apply(table);
            splits.addAll(files.withSnapshot(start.snapshot().id()).newScan().plan().splits());
        }
        int buckets = table.options().get(CoreOptions.BUCKET);
        for (int bucket = 0; bucket < buckets; bucket++) {
            splits.add(new LogSplit(bucket, start.logOffsets().getOrDefault(bucket, 0L)));
        }
        position = start.snapshot() == null ? 0L : start.snapshot().id();
        LOG.info("Table {}: streaming read of {}, then {} from offsets {}", table.name(),
                start.snapshot() == null ? "no files" : "the files of snapshot " + start.snapshot().id(),
                log().describe(), start.logOffsets());
        return new Planned(splits, position, false);
    }

    /** The files and log offsets the read starts at, or null while the snapshot it starts after is not committed. */
    private LogFallback.Start start() throws IOException {
        return LogStart.fromScanOptions(table, log());
    }

    private LogStore log() {
        if (log == null) {
            log = LogStores.of(table).orElseThrow(() -> new IllegalStateException("Table " + table.name()
                    + " has no log store (option '" + LogOptions.LOG_SYSTEM.key() + "')"));
        }
        return log;
    }

    @Override
    public void restore(Long position) {
        this.position = position;
    }

    @Override
    public void close() {
        if (log != null) {
            log.close();
            log = null;
        }
    }
}
