package io.tstore.spark.stream;

import io.tstore.core.connector.TableHandle;
import io.tstore.core.data.InternalRow;
import io.tstore.core.data.ValueGetters;
import io.tstore.core.table.ReadBuilder;
import io.tstore.lsm.RecordReader;
import io.tstore.spark.data.ToSpark;

import org.apache.spark.sql.connector.read.InputPartition;
import org.apache.spark.sql.connector.read.PartitionReader;
import org.apache.spark.sql.connector.read.PartitionReaderFactory;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Reads the splits of a micro-batch on executors through the table the handle reopens: the data table (rows as
 * they are), or its {@code $audit_log} (each change with its row kind first).
 */
final class StreamReaderFactory implements PartitionReaderFactory {
    private static final long serialVersionUID = 1L;

    private final TableHandle handle;

    StreamReaderFactory(TableHandle handle) {
        this.handle = handle;
    }

    @Override
    public PartitionReader<org.apache.spark.sql.catalyst.InternalRow> createReader(InputPartition partition) {
        ReadBuilder builder = handle.load().newReadBuilder();
        try {
            // One split after the other, in plan order.
            RecordReader<InternalRow> rows = builder.newRead().createReader(((StreamInputPartition) partition).splits());
            return new Reader(rows, ToSpark.fields(builder.readType()));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the splits of a micro-batch of table " + handle.name(), e);
        }
    }

    private static final class Reader implements PartitionReader<org.apache.spark.sql.catalyst.InternalRow> {
        private final RecordReader<InternalRow> rows;
        private final ValueGetters.PositionGetter[] fields;
        private org.apache.spark.sql.catalyst.InternalRow current;

        Reader(RecordReader<InternalRow> rows, ValueGetters.PositionGetter[] fields) {
            this.rows = rows;
            this.fields = fields;
        }

        @Override
        public boolean next() throws IOException {
            InternalRow row = rows.read();
            if (row == null) {
                return false;
            }
            current = ToSpark.row(row, fields);
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
