package io.tstore.core.commit;

import io.tstore.core.data.BinaryRow;
import io.tstore.core.file.DataFileMeta;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * What one writer of one bucket changed since its last commit: files it flushed, changelog it wrote, and what its
 * compaction replaced. Writers hand these to the single committer.
 */
public record CommitMessage(
        BinaryRow partition,
        int bucket,
        int totalBuckets,
        List<DataFileMeta> newFiles,
        List<DataFileMeta> changelogFiles,
        List<DataFileMeta> compactBefore,
        List<DataFileMeta> compactAfter,
        List<DataFileMeta> compactChangelog) {

    public CommitMessage {
        requireNonNull(partition, "partition is null");
        newFiles = List.copyOf(newFiles);
        changelogFiles = List.copyOf(changelogFiles);
        compactBefore = List.copyOf(compactBefore);
        compactAfter = List.copyOf(compactAfter);
        compactChangelog = List.copyOf(compactChangelog);
    }

    public static CommitMessage ofNewFiles(BinaryRow partition, int bucket, int totalBuckets, List<DataFileMeta> newFiles) {
        return new CommitMessage(partition, bucket, totalBuckets, newFiles, List.of(), List.of(), List.of(), List.of());
    }

    public boolean isEmpty() {
        return newFiles.isEmpty() && changelogFiles.isEmpty() && compactBefore.isEmpty()
                && compactAfter.isEmpty() && compactChangelog.isEmpty();
    }
}
