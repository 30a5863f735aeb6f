package io.tstore.flink.sink;

import io.tstore.core.connector.BucketAssigner;
import io.tstore.core.connector.TableHandle;
import io.tstore.flink.data.FlinkInternalRow;

import org.apache.flink.api.common.functions.Partitioner;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.table.data.RowData;

import static java.util.Objects.requireNonNull;

/**
 * Sends each row to the writer subtask that owns its (partition, bucket), so that every bucket has exactly one
 * writer: the core's {@link BucketAssigner} computes the row's partition and bucket as the table writer does, and
 * its owner among the writers ({@code BucketOwner}; by bucket alone for a table with a log).
 */
public final class BucketShuffle {
    private BucketShuffle() {}

    /** The row itself is the key: {@link OwnerPartitioner} needs its partition and bucket. */
    public static final class RowKey implements KeySelector<RowData, RowData> {
        private static final long serialVersionUID = 1L;

        @Override
        public RowData getKey(RowData row) {
            return row;
        }
    }

    /** Maps a row to the writer subtask that owns its bucket. */
    public static final class OwnerPartitioner implements Partitioner<RowData> {
        private static final long serialVersionUID = 1L;

        private final TableHandle handle;
        private transient BucketAssigner assigner;
        private transient FlinkInternalRow view;

        public OwnerPartitioner(TableHandle handle) {
            this.handle = requireNonNull(handle, "handle is null");
        }

        @Override
        public int partition(RowData row, int numPartitions) {
            if (assigner == null) {
                assigner = BucketAssigner.of(handle.loadDataTable());
                view = new FlinkInternalRow();
            }
            view.replace(row);
            return assigner.owner(view, numPartitions);
        }
    }
}
