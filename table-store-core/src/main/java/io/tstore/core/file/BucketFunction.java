package io.tstore.core.file;

import io.tstore.core.data.BinaryRow;

/**
 * Routes a row to its bucket: the stable hash of its bucket key (see {@link BinaryRow#hashCode()}) modulo the
 * number of buckets. Part of the table format: changing it would send keys to buckets where their older
 * versions are not.
 */
public final class BucketFunction {
    private BucketFunction() {}

    public static int bucket(BinaryRow bucketKey, int numBuckets) {
        if (numBuckets < 1) {
            throw new IllegalArgumentException("number of buckets must be at least 1, got " + numBuckets);
        }
        return Math.floorMod(bucketKey.hashCode(), numBuckets);
    }
}
