package io.tstore.trino;

import io.trino.spi.TrinoException;
import io.trino.spi.connector.ColumnHandle;
import io.trino.spi.connector.ConnectorPageSource;
import io.trino.spi.connector.ConnectorPageSourceProvider;
import io.trino.spi.connector.ConnectorSession;
import io.trino.spi.connector.ConnectorSplit;
import io.trino.spi.connector.ConnectorTableCredentials;
import io.trino.spi.connector.ConnectorTableHandle;
import io.trino.spi.connector.ConnectorTransactionHandle;
import io.trino.spi.connector.DynamicFilter;
import io.tstore.core.catalog.FileSystemCatalog;
import io.tstore.core.connector.TableHandle;
import io.tstore.core.data.InternalRow;
import io.tstore.core.table.DataReadBuilder;
import io.tstore.core.table.FileStoreTable;
import io.tstore.core.table.ReadBuilder;
import io.tstore.core.table.SplitSerializer;
import io.tstore.core.table.Table;
import io.tstore.core.types.RowType;
import io.tstore.lsm.RecordReader;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import static io.trino.spi.StandardErrorCode.GENERIC_INTERNAL_ERROR;
import static java.util.Objects.requireNonNull;

/**
 * Opens a split: the core's reader of the split (a primary-key split merged on read by the core, with the enforced
 * predicate applied after the merge), projected to the query's columns.
 */
final class TStorePageSourceProvider implements ConnectorPageSourceProvider {
    private final FileSystemCatalog catalog;

    TStorePageSourceProvider(FileSystemCatalog catalog) {
        this.catalog = requireNonNull(catalog, "catalog is null");
    }

    @Override
    public ConnectorPageSource createPageSource(ConnectorTransactionHandle transaction, ConnectorSession session, ConnectorSplit split,
            ConnectorTableHandle tableHandle, Optional<ConnectorTableCredentials> credentials, List<ColumnHandle> columns, DynamicFilter dynamicFilter) {
        TStoreTableHandle handle = (TStoreTableHandle) tableHandle;
        TStoreSplit tstoreSplit = (TStoreSplit) split;
        TableHandle core = handle.coreHandle(catalog.fileIO());
        Table table = core.load();
        // The columns read: the query's, and for a merge's row id the primary key columns it is made of.
        List<String> names = new ArrayList<>();
        List<TStoreColumnHandle> handles = new ArrayList<>();
        int[] outputs = new int[columns.size()];
        int[] keyColumns = new int[0];
        for (int i = 0; i < columns.size(); i++) {
            TStoreColumnHandle c = (TStoreColumnHandle) columns.get(i);
            if (c.isRowId()) {
                outputs[i] = TStorePageSource.ROW_ID;
                continue;
            }
            if (handle.readsChanges() && c.getName().equals(TStoreTableChanges.ROW_KIND)) {
                outputs[i] = TStorePageSource.ROW_KIND;
                continue;
            }
            if (handle.readsChanges() && c.getName().equals(TStoreTableChanges.SNAPSHOT_ID)) {
                outputs[i] = TStorePageSource.SNAPSHOT_ID;
                continue;
            }
            outputs[i] = names.size();
            names.add(c.getName());
            handles.add(c);
        }
        if (java.util.Arrays.stream(outputs).anyMatch(output -> output == TStorePageSource.ROW_ID)) {
            List<String> keys = TStoreMergeSink.rowIdColumns((FileStoreTable) table);
            keyColumns = new int[keys.size()];
            for (int k = 0; k < keys.size(); k++) {
                int index = names.indexOf(keys.get(k));
                if (index < 0) {
                    index = names.size();
                    names.add(keys.get(k));
                    handles.add(TStoreColumnHandle.of(keys.get(k), table.rowType().field(keys.get(k)).type()));
                }
                keyColumns[k] = index;
            }
        }
        // A query that needs no column (count(*)) still reads one, for the number of rows.
        List<String> readColumns = names.isEmpty() ? List.of(table.rowType().fields().get(0).name()) : names;
        long limit = handle.getLimit() == null ? -1 : handle.getLimit();
        try {
            RecordReader<InternalRow> rows;
            RowType readType;
            if (tstoreSplit.split() == null) {
                ReadBuilder read = table.newReadBuilder().withProjection(readColumns);
                readType = read.readType();
                rows = read.read();
            } else {
                // TODO(connector-layer): read through the layer's ReadDescription and column-vector batches once they land.
                FileStoreTable data = (FileStoreTable) table;
                DataReadBuilder read = data.newReadBuilder().withProjection(readColumns);
                TStorePredicates.toPredicate(data.rowType(), handle.getEnforced()).ifPresent(read::withFilter);
                readType = read.readType();
                rows = read.newRead().createReader(SplitSerializer.deserialize(Base64.getDecoder().decode(tstoreSplit.split())));
            }
            return new TStorePageSource(rows, readType, names.isEmpty() ? List.of() : handles, outputs, keyColumns, tstoreSplit.snapshotId(), limit);
        } catch (IOException e) {
            throw new TrinoException(GENERIC_INTERNAL_ERROR, "Cannot read table " + core.name() + ": " + e.getMessage(), e);
        }
    }
}
