package io.tstore.flink.sink;

import io.tstore.core.data.BinaryRow;
import io.tstore.core.data.RowProjection;
import io.tstore.core.file.BucketFunction;
import io.tstore.core.options.CoreOptions;
import io.tstore.core.schema.TableSchema;
import io.tstore.flink.data.FlinkInternalRow;

import org.apache.flink.api.common.functions.Partitioner;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.table.data.RowData;

/**
 * Sends each row to the writer subtask of its (partition, bucket), so that every bucket has exactly one writer.
 * The bucket is the table format's own ({@link BucketFunction} of the bucket key), computed as the table writer
 * computes it; the buckets of one partition go to consecutive subtasks, so that a partition's rows spread over all
 * writers even when there are few partitions.
 */
public final class BucketShuffle {
    private BucketShuffle() {}

    /** The subtask of a partition and bucket among {@code numChannels} writers. */
    public static int channel(BinaryRow partition, int bucket, int numChannels) {
        return Math.floorMod(partition.hashCode() + bucket, numChannels);
    }

    /** The key of a row: its partition's hash plus its bucket, which {@link ChannelPartitioner} maps to a subtask. */
    public static final class BucketKeySelector implements KeySelector<RowData, Integer> {
        private static final long serialVersionUID = 1L;

        private final TableLoader loader;
        private transient RowProjection partitionProjection;
        private transient RowProjection bucketKeyProjection;
        private transient int numBuckets;
        private transient FlinkInternalRow view;

        public BucketKeySelector(TableLoader loader) {
            this.loader = loader;
        }

        @Override
        public Integer getKey(RowData row) {
            if (view == null) {
                TableSchema schema = loader.load().schema();
                partitionProjection = RowProjection.of(schema.rowType(), schema.partitionKeys());
                bucketKeyProjection = RowProjection.of(schema.rowType(), schema.bucketKeys());
                numBuckets = schema.options().get(CoreOptions.BUCKET);
                view = new FlinkInternalRow();
            }
            view.replace(row);
            BinaryRow partition = partitionProjection.apply(view);
            int bucket = BucketFunction.bucket(bucketKeyProjection.apply(view), numBuckets);
            return partition.hashCode() + bucket;
        }
    }

    /** Maps the keys of {@link BucketKeySelector} to subtasks as {@link #channel} does. */
    public static final class ChannelPartitioner implements Partitioner<Integer> {
        private static final long serialVersionUID = 1L;

        @Override
        public int partition(Integer key, int numPartitions) {
            return Math.floorMod(key, numPartitions);
        }
    }
}
