package io.tstore.flink.source;

import io.tstore.core.data.InternalRow;
import io.tstore.core.table.TableRead;
import io.tstore.lsm.RecordReader;

import org.apache.flink.connector.base.source.reader.RecordsBySplits;
import org.apache.flink.connector.base.source.reader.RecordsWithSplitIds;
import org.apache.flink.connector.base.source.reader.splitreader.SplitReader;
import org.apache.flink.connector.base.source.reader.splitreader.SplitsAddition;
import org.apache.flink.connector.base.source.reader.splitreader.SplitsChange;
import org.apache.flink.table.data.RowData;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Queue;

import static java.util.Objects.requireNonNull;

/**
 * Reads the splits assigned to one source reader, one after the other in the order they were assigned (the order
 * of snapshots within a bucket in streaming mode), in batches of rows converted to Flink's {@link RowData}. A split
 * restored from a checkpoint first skips the rows that were emitted before it.
 */
final class TableSplitReader implements SplitReader<RowData, TableSourceSplit> {
    private static final int BATCH_SIZE = 1024;

    private final TableRead read;
    private final RowDataConverter converter;
    private final long limit;
    private final Queue<TableSourceSplit> splits = new ArrayDeque<>();

    private TableSourceSplit current;
    private RecordReader<InternalRow> currentReader;
    private long emitted;

    TableSplitReader(TableRead read, long limit) {
        this.read = requireNonNull(read, "read is null");
        this.converter = new RowDataConverter(read.readType());
        this.limit = limit;
    }

    @Override
    public RecordsWithSplitIds<RowData> fetch() throws IOException {
        RecordsBySplits.Builder<RowData> batch = new RecordsBySplits.Builder<>();
        if (current == null && !openNext()) {
            return batch.build();
        }
        String id = current.splitId();
        for (int i = 0; i < BATCH_SIZE; i++) {
            InternalRow row = limit >= 0 && emitted >= limit ? null : currentReader.read();
            if (row == null) {
                batch.addFinishedSplit(id);
                closeCurrent();
                break;
            }
            batch.add(id, converter.toRowData(row));
            emitted++;
        }
        return batch.build();
    }

    private boolean openNext() throws IOException {
        TableSourceSplit next = splits.poll();
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
        splits.addAll(change.splits());
    }

    @Override
    public void wakeUp() {
        // fetch() never blocks: it reads at most one batch of an open split and returns.
    }

    @Override
    public void close() throws Exception {
        closeCurrent();
    }
}
