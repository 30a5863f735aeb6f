package io.tstore.flink.source;

import io.tstore.core.table.Split;

import org.apache.flink.api.connector.source.SourceSplit;

import static java.util.Objects.requireNonNull;

/**
 * A core {@link Split} as Flink's source sees it: an id unique within the job, the split, and how many of its rows
 * a reader has emitted already (restored readers skip them, so that a split is read exactly once across failures).
 */
public record TableSourceSplit(String splitId, Split split, long recordsToSkip) implements SourceSplit {

    public TableSourceSplit {
        requireNonNull(splitId, "splitId is null");
        requireNonNull(split, "split is null");
        if (recordsToSkip < 0) {
            throw new IllegalArgumentException("recordsToSkip must not be negative: " + recordsToSkip);
        }
    }

    /** This split, to be resumed after the given number of emitted rows. */
    public TableSourceSplit withRecordsToSkip(long records) {
        return new TableSourceSplit(splitId, split, records);
    }

    @Override
    public String toString() {
        return "TableSourceSplit{" + splitId + ", skip " + recordsToSkip + ", " + split + "}";
    }
}
