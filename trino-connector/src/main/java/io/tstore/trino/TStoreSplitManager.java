package io.tstore.trino;

import io.trino.spi.TrinoException;
import io.trino.spi.connector.ColumnHandle;
import io.trino.spi.connector.ConnectorSession;
import io.trino.spi.connector.ConnectorSplit;
import io.trino.spi.connector.ConnectorSplitManager;
import io.trino.spi.connector.ConnectorSplitSource;
import io.trino.spi.connector.ConnectorTableHandle;
import io.trino.spi.connector.ConnectorTransactionHandle;
import io.trino.spi.connector.Constraint;
import io.trino.spi.connector.FixedSplitSource;
import io.tstore.core.catalog.FileSystemCatalog;
import io.tstore.core.connector.TableHandle;
import io.tstore.core.table.DataReadBuilder;
import io.tstore.core.table.FileStoreTable;
import io.tstore.core.table.Split;
import io.tstore.core.table.SplitSerializer;
import io.tstore.core.table.StreamTableScan;
import io.tstore.core.table.TableScan;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;

import static io.trino.spi.StandardErrorCode.GENERIC_INTERNAL_ERROR;
import static java.util.Objects.requireNonNull;

/**
 * Plans the handle's snapshot with the core's planner (partitions and files pruned by the enforced predicate) into
 * one Trino split per core split, the core split's bytes carried as base64 in a small JSON handle. A system table is
 * one split that its page source reads whole.
 */
final class TStoreSplitManager implements ConnectorSplitManager {
    private final FileSystemCatalog catalog;

    TStoreSplitManager(FileSystemCatalog catalog) {
        this.catalog = requireNonNull(catalog, "catalog is null");
    }

    @Override
    public ConnectorSplitSource getSplits(ConnectorTransactionHandle transaction, ConnectorSession session, ConnectorTableHandle tableHandle,
            Set<ColumnHandle> dynamicFilterColumns, Constraint constraint) {
        TStoreTableHandle handle = (TStoreTableHandle) tableHandle;
        TableHandle core = handle.coreHandle(catalog.fileIO());
        if (core.isSystemTable()) {
            return new FixedSplitSource(new TStoreSplit(null, 0));
        }
        if (handle.getSnapshotId() == null || handle.getEnforced().isNone()) {
            return FixedSplitSource.emptySplitSource();
        }
        FileStoreTable table = core.loadDataTable();
        if (handle.readsChanges()) {
            return changes(table, handle.getChangesAfter(), handle.getSnapshotId());
        }
        // TODO(connector-layer): plan through the layer's ReadDescription and split packing with sizes, and
        // make the split source asynchronous and aware of dynamic filters, once they land.
        DataReadBuilder read = table.newReadBuilder().withSnapshot(handle.getSnapshotId());
        TStorePredicates.toPredicate(table.rowType(), handle.getEnforced()).ifPresent(read::withFilter);
        TableScan.Plan plan;
        try {
            plan = read.newScan().plan();
        } catch (IOException e) {
            throw new TrinoException(GENERIC_INTERNAL_ERROR, "Cannot plan a read of table " + table.name() + " at snapshot "
                    + handle.getSnapshotId() + ": " + e.getMessage(), e);
        }
        // Only an append table's row counts are exact (a primary-key split counts rows before its merge): there,
        // splits beyond a pushed limit are not needed.
        boolean exactCounts = table.primaryKeys().isEmpty() && handle.getEnforced().isAll();
        long rows = 0;
        List<ConnectorSplit> splits = new ArrayList<>();
        for (Split split : plan.splits()) {
            if (exactCounts && handle.getLimit() != null && rows >= handle.getLimit()) {
                break;
            }
            splits.add(new TStoreSplit(Base64.getEncoder().encodeToString(SplitSerializer.serialize(split)), split.rowCount()));
            rows += split.rowCount();
        }
        return new FixedSplitSource(splits);
    }

    /**
     * The changes of the snapshots after {@code after} up to {@code end}: the core's streaming scan positioned at
     * snapshot {@code after + 1}, one plan per snapshot (its delta or changelog files, read raw with row kinds).
     */
    private static ConnectorSplitSource changes(FileStoreTable table, long after, long end) {
        List<ConnectorSplit> splits = new ArrayList<>();
        try {
            StreamTableScan scan = table.newReadBuilder().newStreamScan();
            scan.restore(after + 1);
            while (true) {
                TableScan.Plan plan = scan.plan();
                if (plan.snapshotId() == null || plan.snapshotId() > end) {
                    break;
                }
                for (Split split : plan.splits()) {
                    splits.add(new TStoreSplit(Base64.getEncoder().encodeToString(SplitSerializer.serialize(split)), split.rowCount(), plan.snapshotId()));
                }
            }
        } catch (IOException e) {
            throw new TrinoException(GENERIC_INTERNAL_ERROR, "Cannot plan the changes of table " + table.name() + " after snapshot " + after
                    + ": " + e.getMessage(), e);
        }
        return new FixedSplitSource(splits);
    }
}
