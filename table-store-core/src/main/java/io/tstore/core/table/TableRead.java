package io.tstore.core.table;

import io.tstore.core.data.ColumnBatch;
import io.tstore.core.data.ColumnBatches;
import io.tstore.core.data.InternalRow;
import io.tstore.core.types.RowType;
import io.tstore.lsm.RecordReader;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Reads the splits of a {@link TableScan} into rows of the read type, anywhere the table's files are reachable. */
public interface TableRead {

    /** The type of the rows this read returns. */
    RowType readType();

    RecordReader<InternalRow> createReader(Split split) throws IOException;

    /**
     * Reads a split in batches of at most {@code batchSize} rows, exactly the rows (and row kinds) of
     * {@link #createReader(Split)}. This default packs those rows into batches ({@link ColumnBatches#ofRows});
     * data tables hand out the file format's own vectors where they can ({@link DataTableRead#createBatchReader}).
     */
    default RecordReader<ColumnBatch> createBatchReader(Split split, int batchSize) throws IOException {
        return packed(readType(), createReader(split), batchSize);
    }

    /** Rows packed into batches of at most {@code batchSize}. */
    static RecordReader<ColumnBatch> packed(RowType type, RecordReader<InternalRow> rows, int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("A batch holds at least one row, got a batch size of " + batchSize);
        }
        return new RecordReader<>() {
            @Override
            public ColumnBatch read() throws IOException {
                List<InternalRow> batch = new ArrayList<>(Math.min(batchSize, 1024));
                InternalRow row;
                while (batch.size() < batchSize && (row = rows.read()) != null) {
                    batch.add(row);
                }
                return batch.isEmpty() ? null : ColumnBatches.ofRows(type, batch);
            }

            @Override
            public void close() throws IOException {
                rows.close();
            }
        };
    }

    /** Reads several splits one after the other. */
    default RecordReader<InternalRow> createReader(List<? extends Split> splits) {
        return RecordReader.concat(splits, this::createReader);
    }
}
