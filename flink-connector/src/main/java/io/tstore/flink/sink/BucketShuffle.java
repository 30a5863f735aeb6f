package io.tstore.flink.sink;

import io.tstore.core.connector.TableHandle;
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
 *
 * <p>A table with a log shuffles by bucket alone: a log partition carries one bucket of every table partition, and
 * it must have one writer (its transactions are per bucket), so a bucket of every partition goes to one subtask.
 */
public final class BucketShuffle {
    private BucketShuffle() {}

    /** The subtask of a partition and bucket among {@code numChannels} writers. */
    public static int channel(BinaryRow partition, int bucket, int numChannels, boolean byBucketOnly) {
        return Math.floorMod(byBucketOnly ? bucket : partition.hashCode() + bucket, numChannels);
    }

    /** Whether bucket {@code bucket} of every partition goes to {@code subtask}, as with a log. */
    public static boolean ownsBucket(int bucket, int subtask, int numChannels) {
        return Math.floorMod(bucket, numChannels) == subtask;
    }

    /** The key of a row: its partition's hash plus its bucket, which {@link ChannelPartitioner} maps to a subtask. */
    public static final class BucketKeySelector implements KeySelector<RowData, Integer> {
        private static final long serialVersionUID = 1L;

        private final TableHandle handle;
        private final boolean byBucketOnly;
        private transient RowProjection partitionProjection;
        private transient RowProjection bucketKeyProjection;
        private transient int numBuckets;
        private transient FlinkInternalRow view;

        /** @param byBucketOnly whether the table has a log (see the class comment) */
        public BucketKeySelector(TableHandle handle, boolean byBucketOnly) {
            this.handle = handle;
            this.byBucketOnly = byBucketOnly;
        }

        @Override
        public Integer getKey(RowData row) {
            if (view == null) {
                TableSchema schema = handle.loadDataTable().schema();
                partitionProjection = RowProjection.of(schema.rowType(), schema.partitionKeys());
                bucketKeyProjection = RowProjection.of(schema.rowType(), schema.bucketKeys());
                numBuckets = schema.options().get(CoreOptions.BUCKET);
                view = new FlinkInternalRow();
            }
            view.replace(row);
            int bucket = BucketFunction.bucket(bucketKeyProjection.apply(view), numBuckets);
            if (byBucketOnly) {
                return bucket;
            }
            BinaryRow partition = partitionProjection.apply(view);
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
