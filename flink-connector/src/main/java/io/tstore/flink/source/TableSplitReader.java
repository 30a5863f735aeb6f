package io.tstore.flink.source;

import io.tstore.core.connector.ReadDescription;
import io.tstore.core.data.InternalRow;
import io.tstore.core.table.DataSplit;
import io.tstore.core.table.FileStoreTable;
import io.tstore.core.table.Split;
import io.tstore.core.table.TableRead;
import io.tstore.lsm.RecordReader;

import org.apache.flink.connector.base.source.reader.RecordsBySplits;
import org.apache.flink.connector.base.source.reader.RecordsWithSplitIds;
import org.apache.flink.connector.base.source.reader.splitreader.SplitReader;
import org.apache.flink.connector.base.source.reader.splitreader.SplitsAddition;
import org.apache.flink.connector.base.source.reader.splitreader.SplitsChange;
import org.apache.flink.table.data.RowData;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Queue;

import static java.util.Objects.requireNonNull;

/**
 * Reads the splits assigned to one source reader, one after the other in the order they were assigned (the order
 * of snapshots within a bucket in streaming mode), in batches of rows converted to Flink's {@link RowData}. A split
 * restored from a checkpoint first skips the rows that were emitted before it.
 *
 * <p>{@link LogSplit}s (a streaming read of a table's log) are read together by a {@link LogSplitsReader}, and only
 * once every file split this reader has is read: a bucket's files (the snapshot the read starts at) come before its
 * log, whose records are changes after them.
 */
final class TableSplitReader implements SplitReader<TableSplitReader.Fetched, TableSourceSplit> {
    private static final int BATCH_SIZE = 1024;
    private static final Duration LOG_POLL_TIMEOUT = Duration.ofMillis(100);

    /**
     * A row read, and for a row of the log the offset after it in its bucket ({@link #NO_OFFSET} for rows of
     * files).
     */
    record Fetched(RowData row, long nextOffset) {
        static final long NO_OFFSET = -1;
    }

    /** What is read from files: a split's rows, emitted for a split id, which they finish or not (a fall-back's). */
    private record FileWork(String splitId, Split split, long recordsToSkip, boolean finishesSplit) {}

    private final TableRead read;
    private final RowDataConverter converter;
    private final long limit;
    private final Queue<FileWork> files = new ArrayDeque<>();
    private final LogSplitsReader logSplits;

    private FileWork current;
    private RecordReader<InternalRow> currentReader;
    private long emitted;

    TableSplitReader(TableRead read, long limit) {
        this(read, limit, null);
    }

    /** @param log how to read log splits (null when the source reads none) */
    TableSplitReader(TableRead read, long limit, LogRead log) {
        this.read = requireNonNull(read, "read is null");
        this.converter = new RowDataConverter(read.readType());
        this.limit = limit;
        this.logSplits = log == null ? null : new LogSplitsReader(log.table(), log.spec(), log.upsert(), converter);
    }

    /** What a reader of log splits needs: the table, the projection and filter, and whether to give upserts. */
    record LogRead(FileStoreTable table, ReadDescription spec, boolean upsert) {
        LogRead {
            requireNonNull(table, "table is null");
            requireNonNull(spec, "spec is null");
        }
    }

    @Override
    public RecordsWithSplitIds<Fetched> fetch() throws IOException {
        RecordsBySplits.Builder<Fetched> batch = new RecordsBySplits.Builder<>();
        if (current == null && !openNext()) {
            if (logSplits != null && !logSplits.isEmpty()) {
                List<DataSplit> fallBack = logSplits.fetch(batch, LOG_POLL_TIMEOUT);
                for (DataSplit split : fallBack) {
                    files.add(new FileWork(logSplits.splitIdOf(split.bucket()), split, 0, false));
                }
            }
            return batch.build();
        }
        String id = current.splitId();
        for (int i = 0; i < BATCH_SIZE; i++) {
            InternalRow row = limit >= 0 && emitted >= limit ? null : currentReader.read();
            if (row == null) {
                if (current.finishesSplit()) {
                    batch.addFinishedSplit(id);
                }
                closeCurrent();
                break;
            }
            batch.add(id, new Fetched(converter.toRowData(row), Fetched.NO_OFFSET));
            emitted++;
        }
        return batch.build();
    }

    private boolean openNext() throws IOException {
        FileWork next = files.poll();
        if (next == null) {
            return false;
        }
        RecordReader<InternalRow> reader = read.createReader(next.split());
        try {
            for (long skipped = 0; skipped < next.recordsToSkip(); skipped++) {
                if (reader.read() == null) {
                    throw new IOException("Split " + next.splitId() + " has fewer rows than the "
                            + next.recordsToSkip() + " emitted before the restore: " + next.split());
                }
            }
        } catch (IOException | RuntimeException e) {
            reader.close();
            throw e;
        }
        current = next;
        currentReader = reader;
        return true;
    }

    private void closeCurrent() throws IOException {
        RecordReader<InternalRow> reader = currentReader;
        current = null;
        currentReader = null;
        if (reader != null) {
            reader.close();
        }
    }

    @Override
    public void handleSplitsChanges(SplitsChange<TableSourceSplit> change) {
        if (!(change instanceof SplitsAddition)) {
            throw new UnsupportedOperationException("Unsupported split change " + change);
        }
        for (TableSourceSplit split : change.splits()) {
            if (split.split() instanceof LogSplit log) {
                if (logSplits == null) {
                    throw new IllegalStateException("Split " + split + " is of a log, but this source does not read one");
                }
                logSplits.add(split.splitId(), log);
            } else {
                files.add(new FileWork(split.splitId(), split.split(), split.recordsToSkip(), true));
            }
        }
    }

    @Override
    public void wakeUp() {
        // fetch() never blocks for long: it reads at most one batch of an open split, or polls the log briefly.
    }

    @Override
    public void close() throws Exception {
        try {
            closeCurrent();
        } finally {
            if (logSplits != null) {
                logSplits.close();
            }
        }
    }
}
