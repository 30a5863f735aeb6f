package io.tstore.flink.source;

import io.tstore.core.connector.ReadDescription;
import io.tstore.core.data.GenericRow;
import io.tstore.core.data.InternalRow;
import io.tstore.core.log.LogFallback;
import io.tstore.core.log.LogOffsetLostException;
import io.tstore.core.log.LogReader;
import io.tstore.core.log.LogRecord;
import io.tstore.core.log.LogStore;
import io.tstore.core.log.LogStores;
import io.tstore.core.options.LogOptions;
import io.tstore.core.predicate.Predicate;
import io.tstore.core.table.DataSplit;
import io.tstore.core.table.ReadBuilder;
import io.tstore.core.table.FileStoreTable;
import io.tstore.core.table.Split;
import io.tstore.core.types.RowType;
import io.tstore.lsm.RowKind;

import org.apache.flink.connector.base.source.reader.RecordsBySplits;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static java.util.Objects.requireNonNull;

/**
 * Reads the {@link LogSplit}s of one source reader with one {@link LogReader} over their buckets, applying the
 * read's filter and projection to each record, as the files' read does. Records of a bucket are attributed to that
 * bucket's split with the offset after them, which the reader checkpoints.
 *
 * <p>When the log no longer holds offsets it needs (retention), it falls back for those buckets
 * ({@link LogFallback}): it returns the latest snapshot's files of those buckets, which the caller reads first (as
 * rows of the buckets' log splits, without moving their offsets), and continues those buckets from that snapshot's
 * offsets. A restore while the files are read reads them again, from the then latest snapshot.
 */
final class LogSplitsReader implements AutoCloseable {
    private final FileStoreTable table;
    private final ReadDescription spec;
    private final boolean dropUpdateBefore;
    private final RowDataConverter converter;
    private final InternalRow.FieldGetter[] projection;
    private final Map<Integer, String> splitIds = new TreeMap<>();
    /** Per bucket, the next offset to fetch (records fetched but not emitted yet are before it). */
    private final Map<Integer, Long> positions = new TreeMap<>();
    private LogStore log;
    private LogReader reader;

    /**
     * @param dropUpdateBefore leave out -U records, for a source that declared upsert mode
     * @param converter converts rows of the read's (projected) type
     */
    LogSplitsReader(FileStoreTable table, ReadDescription spec, boolean dropUpdateBefore, RowDataConverter converter) {
        this.table = requireNonNull(table, "table is null");
        this.spec = requireNonNull(spec, "spec is null");
        this.dropUpdateBefore = dropUpdateBefore;
        this.converter = requireNonNull(converter, "converter is null");
        int[] fields = spec.projection();
        if (fields == null) {
            projection = null;
        } else {
            RowType type = table.rowType();
            projection = new InternalRow.FieldGetter[fields.length];
            for (int i = 0; i < fields.length; i++) {
                projection[i] = InternalRow.createFieldGetter(type.typeAt(fields[i]), fields[i]);
            }
        }
    }

    /** Adds a log split; the next fetch reads it too. */
    void add(String splitId, LogSplit split) {
        splitIds.put(split.bucket(), splitId);
        positions.put(split.bucket(), split.startOffset());
        closeReader(); // reopened over the new set of buckets
    }

    boolean isEmpty() {
        return splitIds.isEmpty();
    }

    /** The split id of a bucket's log. */
    String splitIdOf(int bucket) {
        String id = splitIds.get(bucket);
        if (id == null) {
            throw new IllegalStateException("Table " + table.name() + ": this reader has no log split of bucket " + bucket);
        }
        return id;
    }

    /**
     * Adds the records that arrive within the timeout to the batch. Returns the files to read before the log goes
     * on, after a fall-back (else nothing).
     */
    List<DataSplit> fetch(RecordsBySplits.Builder<TableSplitReader.Fetched> batch, Duration timeout) throws IOException {
        if (reader == null) {
            reader = log().newReader(positions, splitIds.keySet());
        }
        List<LogRecord> records;
        try {
            records = reader.poll(timeout);
        } catch (LogOffsetLostException e) {
            return fallBack(e);
        }
        Predicate filter = spec.filter();
        for (LogRecord record : records) {
            positions.put(record.bucket(), record.offset() + 1);
            InternalRow row = record.row();
            if ((dropUpdateBefore && row.getRowKind() == RowKind.UPDATE_BEFORE) || (filter != null && !filter.test(row))) {
                continue;
            }
            batch.add(splitIdOf(record.bucket()), new TableSplitReader.Fetched(converter.toRowData(project(row)), record.offset() + 1));
        }
        return List.of();
    }

    private List<DataSplit> fallBack(LogOffsetLostException lost) throws IOException {
        closeReader();
        Set<Integer> buckets = new HashSet<>(lost.lostOffsets().keySet());
        buckets.retainAll(splitIds.keySet());
        if (buckets.isEmpty()) {
            throw lost;
        }
        LogFallback.Start start = LogFallback.fallBack(table, log(), "retention deleted records at offsets "
                + new TreeMap<>(lost.lostOffsets()) + " (bucket to offset) before this reader read them", buckets);
        for (int bucket : buckets) {
            positions.put(bucket, start.logOffsets().getOrDefault(bucket, 0L));
        }
        if (start.snapshot() == null) {
            return List.of();
        }
        ReadBuilder files = spec.apply(table);
        List<DataSplit> splits = new ArrayList<>();
        for (Split split : files.withSnapshot(start.snapshot().id()).newScan().plan().splits()) {
            if (split instanceof DataSplit data && buckets.contains(data.bucket())) {
                splits.add(data);
            }
        }
        return splits;
    }

    private InternalRow project(InternalRow row) {
        if (projection == null) {
            return row;
        }
        GenericRow projected = new GenericRow(projection.length);
        for (int i = 0; i < projection.length; i++) {
            projected.setField(i, projection[i].getFieldOrNull(row));
        }
        projected.setRowKind(row.getRowKind());
        return projected;
    }

    private LogStore log() {
        if (log == null) {
            log = LogStores.of(table).orElseThrow(() -> new IllegalStateException("Table " + table.name()
                    + " has no log store (option '" + LogOptions.LOG_SYSTEM.key() + "')"));
        }
        return log;
    }

    private void closeReader() {
        if (reader != null) {
            LogReader closing = reader;
            reader = null;
            closing.close();
        }
    }

    @Override
    public void close() {
        closeReader();
        if (log != null) {
            log.close();
            log = null;
        }
    }
}
