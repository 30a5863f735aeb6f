package io.tstore.trino;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.trino.spi.connector.ConnectorTransactionHandle;

import java.util.UUID;

import static java.util.Objects.requireNonNull;

/** A Trino transaction: the connector keeps one metadata object per transaction. */
public record TStoreTransactionHandle(UUID id) implements ConnectorTransactionHandle {
    @JsonCreator
    public TStoreTransactionHandle(@JsonProperty("id") UUID id) {
        this.id = requireNonNull(id, "id is null");
    }

    @Override
    @JsonProperty
    public UUID id() {
        return id;
    }
}
