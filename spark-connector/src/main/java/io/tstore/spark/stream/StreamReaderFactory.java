package io.tstore.spark.stream;

import io.tstore.core.connector.TableHandle;
import io.tstore.core.data.InternalRow;
import io.tstore.core.data.ValueGetters;
import io.tstore.core.table.ReadBuilder;
import io.tstore.core.table.Split;
import io.tstore.core.table.TableRead;
import io.tstore.lsm.RecordReader;
import io.tstore.spark.data.ToSpark;

import org.apache.spark.sql.connector.read.InputPartition;
import org.apache.spark.sql.connector.read.PartitionReader;
import org.apache.spark.sql.connector.read.PartitionReaderFactory;

import java.io.IOException;
import java.util.Iterator;
import java.util.List;

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
            return new Reader(builder.newRead(), ((StreamInputPartition) partition).splits(),
                    ToSpark.fields(builder.readType()));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("Cannot read the splits of a micro-batch of table " + handle.name(), e);
        }
    }

    private static final class Reader implements PartitionReader<org.apache.spark.sql.catalyst.InternalRow> {
        private final TableRead read;
        private final Iterator<Split> splits;
        private final ValueGetters.PositionGetter[] fields;
        private RecordReader<InternalRow> rows;
        private org.apache.spark.sql.catalyst.InternalRow current;

        Reader(TableRead read, List<Split> splits, ValueGetters.PositionGetter[] fields) {
            this.read = read;
            this.splits = splits.iterator();
            this.fields = fields;
        }

        @Override
        public boolean next() throws IOException {
            while (true) {
                if (rows == null) {
                    if (!splits.hasNext()) {
                        return false;
                    }
                    rows = read.createReader(splits.next());
                }
                InternalRow row = rows.read();
                if (row != null) {
                    current = ToSpark.row(row, fields);
                    return true;
                }
                rows.close();
                rows = null;
            }
        }

        @Override
        public org.apache.spark.sql.catalyst.InternalRow get() {
            return current;
        }

        @Override
        public void close() throws IOException {
            if (rows != null) {
                rows.close();
            }
        }
    }
}
