package io.tstore.core.file;

import io.tstore.core.data.BinaryRow;
import io.tstore.core.data.InternalRow;
import io.tstore.core.data.RowProjection;
import io.tstore.core.types.RowType;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * Where a row of a table goes: its partition (the values of the partition keys) and its bucket
 * ({@link BucketFunction} of the bucket key). The one routing of the table's writers and of the engines' shuffles
 * in front of them, so that a row reaches the writer task that owns its bucket. Not thread-safe (its projections
 * reuse a buffer).
 */
public final class RowRouter {
    private final RowProjection partitionProjection;
    private final RowProjection bucketKeyProjection;
    private final int numBuckets;

    public RowRouter(RowType rowType, List<String> partitionKeys, List<String> bucketKeys, int numBuckets) {
        requireNonNull(rowType, "rowType is null");
        if (numBuckets < 1) {
            throw new IllegalArgumentException("number of buckets must be at least 1, got " + numBuckets);
        }
        this.partitionProjection = RowProjection.of(rowType, requireNonNull(partitionKeys, "partitionKeys is null"));
        this.bucketKeyProjection = RowProjection.of(rowType, requireNonNull(bucketKeys, "bucketKeys is null"));
        this.numBuckets = numBuckets;
    }

    /** The row's partition: the values of its partition keys, as a row of their own bytes. */
    public BinaryRow partition(InternalRow row) {
        return partitionProjection.apply(row);
    }

    /** The row's bucket, in {@code [0, numBuckets)}. */
    public int bucket(InternalRow row) {
        return BucketFunction.bucket(bucketKeyProjection.apply(row), numBuckets);
    }

    public int numBuckets() {
        return numBuckets;
    }
}
