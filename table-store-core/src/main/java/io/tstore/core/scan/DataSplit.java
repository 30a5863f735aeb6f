package io.tstore.core.scan;

import io.tstore.core.data.BinaryRow;
import io.tstore.core.file.DataFileMeta;
import io.tstore.core.table.Split;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * The unit of reading: the files of one bucket of one partition at one snapshot. All files of a bucket go to one
 * split, so that each key's versions are merged by one reader.
 */
public record DataSplit(long snapshotId, BinaryRow partition, int bucket, int totalBuckets, List<DataFileMeta> files)
        implements Split {

    public DataSplit {
        requireNonNull(partition, "partition is null");
        files = List.copyOf(files);
    }

    @Override
    public long rowCount() {
        long rows = 0;
        for (DataFileMeta file : files) {
            rows += file.rowCount();
        }
        return rows;
    }
}
