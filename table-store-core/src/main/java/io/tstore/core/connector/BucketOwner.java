package io.tstore.core.connector;

import io.tstore.core.data.BinaryRow;

import static java.util.Objects.requireNonNull;

/**
 * Which of an engine's parallel tasks owns a bucket: the one writer of a (partition, bucket) in Flink's shuffle,
 * Spark's required distribution and Trino's insert layout, and the one reader of a bucket's streaming splits. One
 * formula for every engine, so that a bucket has exactly one writer (two would break its sequence order) and a
 * key's changes are read in order.
 *
 * <p>The buckets of one partition go to consecutive tasks, {@code floorMod(hash(partition) + bucket, tasks)}, so a
 * partition's rows spread over all tasks even when there are few partitions; the bucket id is not hashed again,
 * which would make tasks skewed. A table with a log assigns by bucket alone ({@link #ofBucket}): a log partition
 * carries one bucket of every table partition and must have one writer.
 */
public final class BucketOwner {
    private BucketOwner() {}

    /** The task, among {@code tasks}, that owns bucket {@code bucket} of {@code partition}. */
    public static int of(BinaryRow partition, int bucket, int tasks) {
        requireNonNull(partition, "partition is null");
        checkTasks(tasks);
        return Math.floorMod(partition.hashCode() + bucket, tasks);
    }

    /** The task that owns bucket {@code bucket} of every partition: the assignment of tables with a log. */
    public static int ofBucket(int bucket, int tasks) {
        checkTasks(tasks);
        return Math.floorMod(bucket, tasks);
    }

    /** Whether {@code task} owns bucket {@code bucket} of every partition, as {@link #ofBucket} assigns. */
    public static boolean ownsBucket(int bucket, int task, int tasks) {
        return ofBucket(bucket, tasks) == task;
    }

    private static void checkTasks(int tasks) {
        if (tasks < 1) {
            throw new IllegalArgumentException("The number of tasks must be at least 1, got " + tasks);
        }
    }
}
