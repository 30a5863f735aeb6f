package io.tstore.spark.read;

import io.tstore.core.connector.TableHandle;
import io.tstore.core.data.InternalRow;
import io.tstore.core.data.ValueGetters;
import io.tstore.core.predicate.Predicate;
import io.tstore.core.table.ReadBuilder;
import io.tstore.core.table.Split;
import io.tstore.core.table.Table;
import io.tstore.lsm.RecordReader;
import io.tstore.spark.data.ToSpark;

import org.apache.spark.sql.connector.read.InputPartition;
import org.apache.spark.sql.connector.read.PartitionReader;
import org.apache.spark.sql.connector.read.PartitionReaderFactory;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Reads splits on executors: reopens the table from its handle, reads a split through the core's read (merged,
 * filtered, projected) and converts each row to Spark's form.
 */
public final class SparkReaderFactory implements PartitionReaderFactory {
    private static final long serialVersionUID = 1L;

    private final TableHandle handle;
    private final Predicate filter;
    private final int[] projection;
    private final long limit;

    SparkReaderFactory(TableHandle handle, Predicate filter, int[] projection, long limit) {
        this.handle = handle;
        this.filter = filter;
        this.projection = projection;
        this.limit = limit;
    }

    @Override
    public PartitionReader<org.apache.spark.sql.catalyst.InternalRow> createReader(InputPartition partition) {
        Table table = handle.load();
        ReadBuilder builder = table.newReadBuilder();
        if (filter != null) {
            builder.withFilter(filter);
        }
        if (projection != null) {
            builder.withProjection(projection);
        }
        ValueGetters.PositionGetter[] fields = ToSpark.fields(builder.readType());
        try {
            Split split = ((SparkInputPartition) partition).split(table.rowType());
            RecordReader<InternalRow> rows = builder.newRead().createReader(split);
            return new Reader(rows, fields, limit);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read a split of table " + handle.name(), e);
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
