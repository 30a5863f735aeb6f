package io.tstore.trino;

import io.trino.spi.connector.ConnectorInsertTableHandle;
import io.trino.spi.connector.ConnectorMergeSink;
import io.trino.spi.connector.ConnectorMergeTableHandle;
import io.trino.spi.connector.ConnectorOutputTableHandle;
import io.trino.spi.connector.ConnectorPageSink;
import io.trino.spi.connector.ConnectorPageSinkId;
import io.trino.spi.connector.ConnectorPageSinkProvider;
import io.trino.spi.connector.ConnectorSession;
import io.trino.spi.connector.ConnectorTableCredentials;
import io.trino.spi.connector.ConnectorTransactionHandle;
import io.tstore.core.catalog.FileSystemCatalog;
import io.tstore.core.connector.WriteResources;

import java.util.Optional;

import static java.util.Objects.requireNonNull;

/** Page sinks of INSERT and CREATE TABLE AS, and merge sinks of DELETE, UPDATE and MERGE: each writes into the table's LSM trees. */
final class TStorePageSinkProvider implements ConnectorPageSinkProvider {
    private final FileSystemCatalog catalog;
    private final WriteResources writeResources;

    TStorePageSinkProvider(FileSystemCatalog catalog, WriteResources writeResources) {
        this.catalog = requireNonNull(catalog, "catalog is null");
        this.writeResources = requireNonNull(writeResources, "writeResources is null");
    }

    @Override
    public ConnectorPageSink createPageSink(ConnectorTransactionHandle transaction, ConnectorSession session, ConnectorOutputTableHandle handle,
            Optional<ConnectorTableCredentials> credentials, ConnectorPageSinkId pageSinkId) {
        return new TStorePageSink(catalog.fileIO(), (TStoreWriteHandle) handle, writeResources);
    }

    @Override
    public ConnectorPageSink createPageSink(ConnectorTransactionHandle transaction, ConnectorSession session, ConnectorInsertTableHandle handle,
            Optional<ConnectorTableCredentials> credentials, ConnectorPageSinkId pageSinkId) {
        return new TStorePageSink(catalog.fileIO(), (TStoreWriteHandle) handle, writeResources);
    }

    @Override
    public ConnectorMergeSink createMergeSink(ConnectorTransactionHandle transaction, ConnectorSession session, ConnectorMergeTableHandle handle,
            Optional<ConnectorTableCredentials> credentials, ConnectorPageSinkId pageSinkId) {
        return new TStoreMergeSink(new TStorePageSink(catalog.fileIO(), ((TStoreMergeHandle) handle).write(), writeResources));
    }
}
