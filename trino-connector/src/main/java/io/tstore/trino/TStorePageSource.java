package io.tstore.trino;

import io.trino.spi.Page;
import io.trino.spi.TrinoException;
import io.trino.spi.block.Block;
import io.trino.spi.block.BlockBuilder;
import io.trino.spi.block.RowBlock;
import io.trino.spi.block.RunLengthEncodedBlock;
import io.trino.spi.type.BigintType;
import io.trino.spi.type.VarcharType;
import io.trino.spi.connector.ConnectorPageSource;
import io.trino.spi.connector.SourcePage;
import io.tstore.core.data.InternalRow;
import io.tstore.core.types.DataType;
import io.tstore.core.types.RowType;
import io.tstore.lsm.RecordReader;

import java.io.IOException;
import java.util.List;

import static io.trino.spi.StandardErrorCode.GENERIC_INTERNAL_ERROR;
import static java.util.Objects.requireNonNull;

/**
 * Turns the core's rows into pages of up to 4096 rows. Each row's values go into the columns' block builders as
 * soon as it is read: the core's readers may reuse a row object for the next row.
 */
final class TStorePageSource implements ConnectorPageSource {
    private static final int ROWS_PER_PAGE = 4096;

    private final RecordReader<InternalRow> rows;
    private final RowType readType;
    private final List<TStoreColumnHandle> columns;
    private final int[] outputs;
    private final int[] keyColumns;
    private final boolean rowKinds;
    private final Long snapshotId;
    private final long limit;
    private long returned;
    private boolean finished;
    private long readTimeNanos;
    private long completedBytes;

    /**
     * @param columns the output columns, the first {@code columns.size()} fields of {@code readType}; empty to
     *     output only row counts
     * @param limit rows to return at most, or -1
     */
    TStorePageSource(RecordReader<InternalRow> rows, RowType readType, List<TStoreColumnHandle> columns, long limit) {
        this(rows, readType, columns, java.util.stream.IntStream.range(0, columns.size()).toArray(), new int[0], null, limit);
    }

    /** Output channels of {@code outputs} that are not columns read. */
    static final int ROW_ID = -1;
    static final int ROW_KIND = -2;
    static final int SNAPSHOT_ID = -3;

    /**
     * @param columns the columns read, the first {@code columns.size()} fields of {@code readType}
     * @param outputs per output channel, the index of its column in {@code columns}, or {@link #ROW_ID} for the merge
     *     row id (a row of the {@code keyColumns}, indexes in {@code columns}), {@link #ROW_KIND} for each row's kind
     *     ('+I', '-U', '+U', '-D') or {@link #SNAPSHOT_ID} for {@code snapshotId}
     */
    TStorePageSource(RecordReader<InternalRow> rows, RowType readType, List<TStoreColumnHandle> columns, int[] outputs, int[] keyColumns,
            Long snapshotId, long limit) {
        this.rows = requireNonNull(rows, "rows is null");
        this.readType = requireNonNull(readType, "readType is null");
        this.columns = List.copyOf(columns);
        this.outputs = outputs.clone();
        this.keyColumns = keyColumns.clone();
        this.rowKinds = java.util.Arrays.stream(outputs).anyMatch(output -> output == ROW_KIND);
        this.snapshotId = snapshotId;
        this.limit = limit;
    }

    @Override
    public long getCompletedBytes() {
        return completedBytes;
    }

    @Override
    public long getReadTimeNanos() {
        return readTimeNanos;
    }

    @Override
    public boolean isFinished() {
        return finished;
    }

    @Override
    public SourcePage getNextSourcePage() {
        if (finished) {
            return null;
        }
        long start = System.nanoTime();
        int channels = columns.size();
        BlockBuilder[] builders = new BlockBuilder[channels];
        DataType[] types = new DataType[channels];
        for (int i = 0; i < channels; i++) {
            builders[i] = columns.get(i).trinoType().createBlockBuilder(null, ROWS_PER_PAGE);
            types[i] = readType.typeAt(i);
        }
        BlockBuilder kinds = rowKinds ? VarcharType.VARCHAR.createBlockBuilder(null, ROWS_PER_PAGE) : null;
        int count = 0;
        try {
            while (count < ROWS_PER_PAGE && (limit < 0 || returned < limit)) {
                InternalRow row = rows.read();
                if (row == null) {
                    finished = true;
                    break;
                }
                // TODO(connector-layer): fill whole columns from the layer's column-vector batches once they land.
                for (int i = 0; i < channels; i++) {
                    TypeMapping.write(types[i], columns.get(i).trinoType(), row, i, builders[i]);
                }
                if (kinds != null) {
                    VarcharType.VARCHAR.writeString(kinds, row.getRowKind().shortString());
                }
                count++;
                returned++;
            }
        } catch (IOException e) {
            throw new TrinoException(GENERIC_INTERNAL_ERROR, "Cannot read rows: " + e.getMessage(), e);
        } finally {
            readTimeNanos += System.nanoTime() - start;
        }
        if (limit >= 0 && returned >= limit) {
            finished = true;
        }
        if (outputs.length == 0) {
            return SourcePage.create(count);
        }
        Block[] read = new Block[channels];
        for (int i = 0; i < channels; i++) {
            read[i] = builders[i].build();
        }
        Block[] blocks = new Block[outputs.length];
        for (int i = 0; i < outputs.length; i++) {
            if (outputs[i] >= 0) {
                blocks[i] = read[outputs[i]];
            } else if (outputs[i] == ROW_KIND) {
                blocks[i] = kinds.build();
            } else if (outputs[i] == SNAPSHOT_ID) {
                blocks[i] = RunLengthEncodedBlock.create(BigintType.BIGINT, snapshotId, count);
            } else {
                Block[] keys = new Block[keyColumns.length];
                for (int k = 0; k < keys.length; k++) {
                    keys[k] = read[keyColumns[k]];
                }
                blocks[i] = RowBlock.fromFieldBlocks(count, keys);
            }
        }
        Page page = new Page(count, blocks);
        completedBytes += page.getSizeInBytes();
        return SourcePage.create(page);
    }

    @Override
    public long getMemoryUsage() {
        return 0;
    }

    @Override
    public void close() throws IOException {
        finished = true;
        rows.close();
    }
}
