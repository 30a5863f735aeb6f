package io.tstore.trino;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.trino.spi.connector.ConnectorMergeTableHandle;
import io.trino.spi.connector.ConnectorTableHandle;

import static java.util.Objects.requireNonNull;

/** A DELETE, UPDATE or MERGE: the table as the query read it, and the write (table, columns, commit user) it makes. */
public record TStoreMergeHandle(TStoreTableHandle table, TStoreWriteHandle write) implements ConnectorMergeTableHandle {
    @JsonCreator
    public TStoreMergeHandle(@JsonProperty("table") TStoreTableHandle table, @JsonProperty("write") TStoreWriteHandle write) {
        this.table = requireNonNull(table, "table is null");
        this.write = requireNonNull(write, "write is null");
    }

    @Override
    @JsonProperty
    public TStoreTableHandle table() {
        return table;
    }

    @Override
    @JsonProperty
    public TStoreWriteHandle write() {
        return write;
    }

    @Override
    public ConnectorTableHandle getTableHandle() {
        return table;
    }
}
