package io.tstore.core.connector;

import io.tstore.core.data.BinaryRow;
import io.tstore.core.data.InternalRow;
import io.tstore.core.file.RowRouter;
import io.tstore.core.log.LogStores;
import io.tstore.core.options.CoreOptions;
import io.tstore.core.schema.TableSchema;
import io.tstore.core.table.FileStoreTable;
import io.tstore.core.types.RowType;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * Where an engine sends a row it writes: the row's partition and bucket, computed as the table's writers compute
 * them, and the writer task that owns that bucket ({@link BucketOwner}: by partition and bucket, or by bucket alone
 * for a table with a log). Flink's shuffle in front of its writers, Spark's required distribution and Trino's
 * insert layout all use it, so that every bucket has exactly one writer. Not thread-safe: one per task.
 */
public final class BucketAssigner {
    private final RowRouter router;
    private final boolean byBucketOnly;

    private BucketAssigner(RowRouter router, boolean byBucketOnly) {
        this.router = router;
        this.byBucketOnly = byBucketOnly;
    }

    /** The assigner of a table's rows, by bucket alone when the table has a log ({@code log.system}). */
    public static BucketAssigner of(FileStoreTable table) {
        requireNonNull(table, "table is null");
        TableSchema schema = table.schema();
        RowRouter router = new RowRouter(schema.rowType(), schema.partitionKeys(), schema.bucketKeys(), schema.options().get(CoreOptions.BUCKET));
        return new BucketAssigner(router, LogStores.hasLog(table));
    }

    /**
     * The assigner of rows that hold a bucket key alone (of this type): what an engine's bucket function computes
     * for a table with that bucket key and number of buckets. Such rows have no partition.
     */
    public static BucketAssigner ofBucketKey(RowType bucketKeyType, int numBuckets) {
        requireNonNull(bucketKeyType, "bucketKeyType is null");
        return new BucketAssigner(new RowRouter(bucketKeyType, List.of(), bucketKeyType.fieldNames(), numBuckets), false);
    }

    /** The row's partition (a row of its own bytes). */
    public BinaryRow partition(InternalRow row) {
        return router.partition(row);
    }

    /** The row's bucket. */
    public int bucket(InternalRow row) {
        return router.bucket(row);
    }

    /** The task, among {@code tasks}, that owns the row's bucket. */
    public int owner(InternalRow row, int tasks) {
        return owner(byBucketOnly ? BinaryRow.EMPTY_ROW : router.partition(row), router.bucket(row), tasks);
    }

    /** The task, among {@code tasks}, that owns bucket {@code bucket} of {@code partition}. */
    public int owner(BinaryRow partition, int bucket, int tasks) {
        return byBucketOnly ? BucketOwner.ofBucket(bucket, tasks) : BucketOwner.of(partition, bucket, tasks);
    }

    /** Whether buckets are assigned by bucket alone (the table has a log), so a task owns a bucket of every partition. */
    public boolean assignsByBucketOnly() {
        return byBucketOnly;
    }

    /** The table's number of buckets. */
    public int numBuckets() {
        return router.numBuckets();
    }
}
