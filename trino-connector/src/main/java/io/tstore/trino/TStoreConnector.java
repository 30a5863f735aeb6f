package io.tstore.trino;

import io.trino.spi.connector.Connector;
import io.trino.spi.connector.ConnectorCapabilities;
import io.trino.spi.connector.ConnectorMetadata;
import io.trino.spi.connector.ConnectorNodePartitioningProvider;
import io.trino.spi.connector.ConnectorPageSinkProvider;
import io.trino.spi.connector.ConnectorPageSourceProvider;
import io.trino.spi.connector.ConnectorSession;
import io.trino.spi.connector.ConnectorSplitManager;
import io.trino.spi.connector.ConnectorTransactionHandle;
import io.trino.spi.connector.TableProcedureMetadata;
import io.trino.spi.function.table.ConnectorTableFunction;
import io.trino.spi.session.PropertyMetadata;
import io.trino.spi.transaction.IsolationLevel;
import io.tstore.core.catalog.FileSystemCatalog;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import static java.util.Objects.requireNonNull;

/**
 * One catalog of tables in a warehouse. Metadata lives per transaction (a statement, as Trino runs this connector):
 * the table handles it resolves, and the tables it created that a rollback drops again. Every object Trino calls
 * into is wrapped by {@link ClassLoaderSafe}.
 */
final class TStoreConnector implements Connector {
    private final String catalogName;
    private final FileSystemCatalog catalog;
    private final ClassLoader pluginLoader;
    private final Map<TStoreTransactionHandle, TStoreMetadata> transactions = new ConcurrentHashMap<>();
    private final ConnectorSplitManager splitManager;
    private final ConnectorPageSourceProvider pageSourceProvider;
    private final ConnectorPageSinkProvider pageSinkProvider;
    private final ConnectorNodePartitioningProvider nodePartitioningProvider;

    TStoreConnector(String catalogName, FileSystemCatalog catalog, ClassLoader pluginLoader) {
        this.catalogName = requireNonNull(catalogName, "catalogName is null");
        this.catalog = requireNonNull(catalog, "catalog is null");
        this.pluginLoader = requireNonNull(pluginLoader, "pluginLoader is null");
        this.splitManager = ClassLoaderSafe.wrap(ConnectorSplitManager.class, new TStoreSplitManager(catalog), pluginLoader);
        this.pageSourceProvider = ClassLoaderSafe.wrap(ConnectorPageSourceProvider.class, new TStorePageSourceProvider(catalog), pluginLoader);
        this.pageSinkProvider = ClassLoaderSafe.wrap(ConnectorPageSinkProvider.class,
                new TStorePageSinkProvider(catalog, SharedWriteResources.acquire()), pluginLoader);
        this.nodePartitioningProvider = ClassLoaderSafe.wrap(ConnectorNodePartitioningProvider.class,
                new TStoreNodePartitioningProvider(catalog.fileIO()), pluginLoader);
    }

    @Override
    public ConnectorTransactionHandle beginTransaction(IsolationLevel isolationLevel, boolean readOnly, boolean autoCommit) {
        TStoreTransactionHandle transaction = new TStoreTransactionHandle(UUID.randomUUID());
        transactions.put(transaction, new TStoreMetadata(catalogName, catalog));
        return transaction;
    }

    @Override
    public ConnectorMetadata getMetadata(ConnectorSession session, ConnectorTransactionHandle transaction) {
        TStoreMetadata metadata = transactions.get((TStoreTransactionHandle) transaction);
        if (metadata == null) {
            throw new IllegalStateException("Unknown or finished transaction " + transaction);
        }
        return ClassLoaderSafe.wrap(ConnectorMetadata.class, metadata, pluginLoader);
    }

    @Override
    public void commit(ConnectorTransactionHandle transaction) {
        transactions.remove((TStoreTransactionHandle) transaction);
    }

    @Override
    public void rollback(ConnectorTransactionHandle transaction) {
        TStoreMetadata metadata = transactions.remove((TStoreTransactionHandle) transaction);
        if (metadata != null) {
            try (var ignored = ClassLoaderSafe.withLoader(pluginLoader)) {
                metadata.rollback();
            }
        }
    }

    @Override
    public ConnectorSplitManager getSplitManager() {
        return splitManager;
    }

    @Override
    public ConnectorPageSourceProvider getPageSourceProvider() {
        return pageSourceProvider;
    }

    @Override
    public ConnectorPageSinkProvider getPageSinkProvider() {
        return pageSinkProvider;
    }

    @Override
    public ConnectorNodePartitioningProvider getNodePartitioningProvider() {
        return nodePartitioningProvider;
    }

    @Override
    public Set<ConnectorTableFunction> getTableFunctions() {
        return Set.of(ClassLoaderSafe.wrap(ConnectorTableFunction.class, new TStoreTableChanges(catalog), pluginLoader));
    }

    @Override
    public Set<TableProcedureMetadata> getTableProcedures() {
        return TStoreTableProcedures.procedures();
    }

    @Override
    public List<PropertyMetadata<?>> getTableProperties() {
        return TStoreTableProperties.properties();
    }

    @Override
    public Set<ConnectorCapabilities> getCapabilities() {
        // CREATE TABLE and ADD COLUMN take NOT NULL (the core's non-nullable types); Trino checks it on writes.
        return Set.of(ConnectorCapabilities.NOT_NULL_COLUMN_CONSTRAINT);
    }

    @Override
    public boolean isSingleStatementWritesOnly() {
        return true;
    }

    @Override
    public void shutdown() {
        SharedWriteResources.release();
        catalog.close();
    }
}
