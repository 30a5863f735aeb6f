package io.tstore.trino;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.trino.spi.connector.ConnectorPartitioningHandle;

import static java.util.Objects.requireNonNull;

/**
 * The partitioning of a write: rows go to the writer that owns their (partition, bucket), as the core's
 * {@code BucketAssigner} assigns them, so each bucket has exactly one writer. {@code table} is the core's table
 * handle as JSON (for CREATE TABLE AS, the schema the table will get). The partitioning columns are the partition
 * keys and then the bucket keys; with {@code rowId}, the one partitioning column is the merge row id (the primary
 * key as a row), which holds both.
 */
public record TStorePartitioningHandle(String table, boolean rowId) implements ConnectorPartitioningHandle {
    @JsonCreator
    public TStorePartitioningHandle(@JsonProperty("table") String table, @JsonProperty("rowId") boolean rowId) {
        this.table = requireNonNull(table, "table is null");
        this.rowId = rowId;
    }

    @Override
    @JsonProperty
    public String table() {
        return table;
    }

    @Override
    @JsonProperty
    public boolean rowId() {
        return rowId;
    }
}
