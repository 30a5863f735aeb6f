package io.tstore.trino;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.trino.spi.connector.ConnectorSplit;

/**
 * One split of a read: the core's split as base64 of its binary form ({@code SplitSerializer}), or, for a system
 * table, none (its rows are small and read by one task from the table itself). A split of {@code table_changes}
 * names the snapshot whose changes it holds.
 */
public record TStoreSplit(String split, long rowCount, Long snapshotId) implements ConnectorSplit {
    @JsonCreator
    public TStoreSplit(@JsonProperty("split") String split, @JsonProperty("rowCount") long rowCount, @JsonProperty("snapshotId") Long snapshotId) {
        this.split = split;
        this.rowCount = rowCount;
        this.snapshotId = snapshotId;
    }

    TStoreSplit(String split, long rowCount) {
        this(split, rowCount, null);
    }

    /** For {@code table_changes}: the snapshot whose changes the split holds. */
    @Override
    @JsonProperty
    public Long snapshotId() {
        return snapshotId;
    }

    @Override
    @JsonProperty
    public String split() {
        return split;
    }

    @Override
    @JsonProperty
    public long rowCount() {
        return rowCount;
    }

    @Override
    public long getRetainedSizeInBytes() {
        return 64L + (split == null ? 0 : 2L * split.length());
    }
}
