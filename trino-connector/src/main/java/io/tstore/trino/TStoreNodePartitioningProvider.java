package io.tstore.trino;

import io.trino.spi.Page;
import io.trino.spi.block.Block;
import io.trino.spi.connector.BucketFunction;
import io.trino.spi.connector.ConnectorNodePartitioningProvider;
import io.trino.spi.connector.ConnectorPartitioningHandle;
import io.trino.spi.connector.ConnectorSession;
import io.trino.spi.connector.ConnectorTransactionHandle;
import io.trino.spi.type.Type;
import io.tstore.core.connector.BucketAssigner;
import io.tstore.core.connector.TableHandle;
import io.tstore.core.data.GenericRow;
import io.tstore.core.fs.FileIO;
import io.tstore.core.table.FileStoreTable;
import io.tstore.core.types.DataType;
import io.tstore.core.types.RowType;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * Trino's bucket function of a write is the core's owner function: Trino asks for {@code bucketCount} writer
 * partitions (its own number) and each row goes to {@code BucketAssigner.owner(row, bucketCount)}, so all rows of
 * one (partition, bucket) reach one writer. Nodes are left to Trino (no fixed mapping).
 */
final class TStoreNodePartitioningProvider implements ConnectorNodePartitioningProvider {
    private final FileIO fileIO;

    TStoreNodePartitioningProvider(FileIO fileIO) {
        this.fileIO = requireNonNull(fileIO, "fileIO is null");
    }

    @Override
    public BucketFunction getBucketFunction(ConnectorTransactionHandle transaction, ConnectorSession session, ConnectorPartitioningHandle partitioningHandle,
            List<Type> partitionChannelTypes, int bucketCount) {
        TStorePartitioningHandle handle = (TStorePartitioningHandle) partitioningHandle;
        FileStoreTable table = TableHandle.fromJson(handle.table(), fileIO).loadDataTable();
        return new OwnerFunction(table, handle.rowId() ? table.primaryKeys() : layoutColumns(table), handle.rowId(), bucketCount);
    }

    /** The partitioning columns of a table's write layout: partition keys, then the bucket keys not among them. */
    static List<String> layoutColumns(FileStoreTable table) {
        java.util.LinkedHashSet<String> columns = new java.util.LinkedHashSet<>(table.partitionKeys());
        columns.addAll(table.schema().bucketKeys());
        return List.copyOf(columns);
    }

    /** Rows of a page (the layout's columns, or the row id) to their owning writer. */
    private static final class OwnerFunction implements BucketFunction {
        private final BucketAssigner assigner;
        private final int fieldCount;
        private final int[] fields;
        private final DataType[] types;
        private final Type[] trinoTypes;
        private final boolean rowId;
        private final RowType rowIdType;
        private final Type rowIdTrinoType;
        private final int bucketCount;

        OwnerFunction(FileStoreTable table, List<String> columns, boolean rowId, int bucketCount) {
            this.assigner = BucketAssigner.of(table);
            RowType rowType = table.rowType();
            this.fieldCount = rowType.fieldCount();
            this.fields = new int[columns.size()];
            this.types = new DataType[columns.size()];
            this.trinoTypes = new Type[columns.size()];
            for (int i = 0; i < columns.size(); i++) {
                fields[i] = rowType.fieldIndex(columns.get(i));
                types[i] = rowType.typeAt(fields[i]);
                trinoTypes[i] = TypeMapping.toTrinoType(types[i]);
            }
            this.rowId = rowId;
            this.rowIdType = rowType.project(columns);
            this.rowIdTrinoType = TypeMapping.toTrinoType(rowIdType);
            this.bucketCount = bucketCount;
        }

        @Override
        public int getBucket(Page page, int position) {
            GenericRow row = new GenericRow(fieldCount);
            if (rowId) {
                GenericRow key = (GenericRow) TypeMapping.toCoreValue(rowIdType, rowIdTrinoType, page.getBlock(0), position);
                for (int i = 0; i < fields.length; i++) {
                    row.setField(fields[i], key.getField(i));
                }
            } else {
                for (int i = 0; i < fields.length; i++) {
                    Block block = page.getBlock(i);
                    row.setField(fields[i], TypeMapping.toCoreValue(types[i], trinoTypes[i], block, position));
                }
            }
            return assigner.owner(row, bucketCount);
        }
    }
}
