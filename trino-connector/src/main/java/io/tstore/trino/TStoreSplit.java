package io.tstore.trino;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.trino.spi.connector.ConnectorSplit;

/**
 * One split of a read: the core's split as base64 of its binary form ({@code SplitSerializer}), or, for a system
 * table, none (its rows are small and read by one task from the table itself).
 */
public record TStoreSplit(String split, long rowCount) implements ConnectorSplit {
    @JsonCreator
    public TStoreSplit(@JsonProperty("split") String split, @JsonProperty("rowCount") long rowCount) {
        this.split = split;
        this.rowCount = rowCount;
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
