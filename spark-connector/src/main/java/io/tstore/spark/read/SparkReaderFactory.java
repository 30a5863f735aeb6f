package io.tstore.spark.read;

import io.tstore.core.connector.TableHandle;
import io.tstore.core.data.ColumnBatch;
import io.tstore.core.data.InternalRow;
import io.tstore.core.data.ValueGetters;
import io.tstore.core.predicate.Predicate;
import io.tstore.core.table.ReadBuilder;
import io.tstore.core.table.Split;
import io.tstore.core.table.Table;
import io.tstore.core.table.TableRead;
import io.tstore.lsm.RecordReader;
import io.tstore.spark.data.SparkColumnVector;
import io.tstore.spark.data.ToSpark;

import org.apache.spark.sql.connector.read.InputPartition;
import org.apache.spark.sql.connector.read.PartitionReader;
import org.apache.spark.sql.connector.read.PartitionReaderFactory;
import org.apache.spark.sql.vectorized.ColumnarBatch;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Reads splits on executors: reopens the table from its handle, reads a split through the core's read (merged,
 * filtered, projected) and converts each row to Spark's form; or, for a scan whose splits need no merge, reads the
 * core's column batches as Spark {@code ColumnarBatch}es.
 */
public final class SparkReaderFactory implements PartitionReaderFactory {
    private static final long serialVersionUID = 1L;

    private final TableHandle handle;
    private final Predicate filter;
    private final int[] projection;
    private final long limit;
    private final boolean columnar;

    SparkReaderFactory(TableHandle handle, Predicate filter, int[] projection, long limit) {
        this(handle, filter, projection, limit, false);
    }

    /** @param columnar whether every split is read as {@code ColumnarBatch}es (Spark reads a scan one way only) */
    SparkReaderFactory(TableHandle handle, Predicate filter, int[] projection, long limit, boolean columnar) {
        this.handle = handle;
        this.filter = filter;
        this.projection = projection;
        this.limit = limit;
        this.columnar = columnar;
    }

    private ReadBuilder readBuilder(Table table) {
        ReadBuilder builder = table.newReadBuilder();
        if (filter != null) {
            builder.withFilter(filter);
        }
        if (projection != null) {
            builder.withProjection(projection);
        }
        return builder;
    }

    @Override
    public boolean supportColumnarReads(InputPartition partition) {
        return columnar;
    }

    @Override
    public PartitionReader<ColumnarBatch> createColumnarReader(InputPartition partition) {
        Table table = handle.load();
        TableRead read = readBuilder(table).newRead();
        try {
            Split split = ((SparkInputPartition) partition).split(table.rowType());
            return new BatchReader(read.createBatchReader(split, BATCH_SIZE), limit);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read a split of table " + handle.name(), e);
        }
    }

    @Override
    public PartitionReader<org.apache.spark.sql.catalyst.InternalRow> createReader(InputPartition partition) {
        Table table = handle.load();
        ReadBuilder builder = readBuilder(table);
        ValueGetters.PositionGetter[] fields = ToSpark.fields(builder.readType());
        try {
            Split split = ((SparkInputPartition) partition).split(table.rowType());
            RecordReader<InternalRow> rows = builder.newRead().createReader(split);
            return new Reader(rows, fields, limit);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read a split of table " + handle.name(), e);
        }
    }

    /** Rows per batch of a columnar read. */
    private static final int BATCH_SIZE = 4096;

    /** The core's batches of a split as Spark's, column by column ({@link SparkColumnVector}). */
    private static final class BatchReader implements PartitionReader<ColumnarBatch> {
        private final RecordReader<ColumnBatch> batches;
        private final long limit;
        private long returned;
        private ColumnarBatch current;

        BatchReader(RecordReader<ColumnBatch> batches, long limit) {
            this.batches = batches;
            this.limit = limit;
        }

        @Override
        public boolean next() throws IOException {
            if (limit >= 0 && returned >= limit) {
                return false;
            }
            ColumnBatch batch;
            do {
                batch = batches.read();
                if (batch == null) {
                    return false;
                }
            } while (batch.rowCount() == 0);
            SparkColumnVector[] columns = new SparkColumnVector[batch.rowType().fieldCount()];
            for (int i = 0; i < columns.length; i++) {
                columns[i] = new SparkColumnVector(batch.column(i), batch.rowCount());
            }
            current = new ColumnarBatch(columns, batch.rowCount());
            returned += batch.rowCount();
            return true;
        }

        @Override
        public ColumnarBatch get() {
            return current;
        }

        @Override
        public void close() throws IOException {
            batches.close();
        }
    }

    private static final class Reader implements PartitionReader<org.apache.spark.sql.catalyst.InternalRow> {
        private final RecordReader<InternalRow> rows;
        private final ValueGetters.PositionGetter[] fields;
        private final long limit;
        private long returned;
        private org.apache.spark.sql.catalyst.InternalRow current;

        Reader(RecordReader<InternalRow> rows, ValueGetters.PositionGetter[] fields, long limit) {
            this.rows = rows;
            this.fields = fields;
            this.limit = limit;
        }

        @Override
        public boolean next() throws IOException {
            if (limit >= 0 && returned >= limit) {
                return false;
            }
            InternalRow row = rows.read();
            if (row == null) {
                return false;
            }
            current = ToSpark.row(row, fields);
            returned++;
            return true;
        }

        @Override
        public org.apache.spark.sql.catalyst.InternalRow get() {
            return current;
        }

        @Override
        public void close() throws IOException {
            rows.close();
        }
    }
}
