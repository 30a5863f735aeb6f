package io.tstore.spark.write;

import org.apache.spark.unsafe.hash.Murmur3_x86_32;

import java.util.concurrent.ConcurrentHashMap;

/**
 * For n tasks, one int per task t whose Spark hash lands on t: Spark's clustered distribution sends a row to task
 * {@code pmod(murmur3(value, 42), n)}, so clustering on the owner task's value puts every row of a bucket on the
 * task that owns it, and each task gets exactly the buckets {@link io.tstore.core.connector.BucketOwner} gives it.
 * Clustering on the bucket id or the owner itself would be hashed again and leave some tasks with several owners'
 * rows and others idle.
 */
final class OwnerValues {
    /** The seed of Spark's {@code Murmur3Hash} (and of {@code HashPartitioning}). */
    private static final int SPARK_HASH_SEED = 42;
    private static final ConcurrentHashMap<Integer, int[]> BY_TASKS = new ConcurrentHashMap<>();

    private OwnerValues() {}

    /** The value of each of {@code tasks} tasks: {@code values[t]} is hashed by Spark to task t. */
    static int[] of(int tasks) {
        if (tasks < 1) {
            throw new IllegalArgumentException("The number of write tasks must be at least 1, got " + tasks);
        }
        return BY_TASKS.computeIfAbsent(tasks, OwnerValues::compute);
    }

    /** The task Spark sends a clustering value to. */
    static int sparkTask(int value, int tasks) {
        return Math.floorMod(Murmur3_x86_32.hashInt(value, SPARK_HASH_SEED), tasks);
    }

    private static int[] compute(int tasks) {
        int[] values = new int[tasks];
        boolean[] found = new boolean[tasks];
        int missing = tasks;
        for (int value = 0; missing > 0; value++) {
            int task = sparkTask(value, tasks);
            if (!found[task]) {
                found[task] = true;
                values[task] = value;
                missing--;
            }
        }
        return values;
    }
}
