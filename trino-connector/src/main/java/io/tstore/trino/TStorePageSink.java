package io.tstore.trino;

import io.airlift.slice.Slice;
import io.trino.spi.Page;
import io.trino.spi.TrinoException;
import io.trino.spi.block.Block;
import io.trino.spi.connector.ConnectorPageSink;
import io.trino.spi.type.Type;
import io.tstore.core.commit.CommitMessage;
import io.tstore.core.connector.CommitHelper;
import io.tstore.core.connector.WriteBuilder;
import io.tstore.core.connector.WriteResources;
import io.tstore.core.data.GenericRow;
import io.tstore.core.fs.FileIO;
import io.tstore.core.table.FileStoreTable;
import io.tstore.core.table.TableWrite;
import io.tstore.core.types.DataType;
import io.tstore.core.types.RowType;
import io.tstore.lsm.RowKind;

import java.io.IOException;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static io.trino.spi.StandardErrorCode.GENERIC_INTERNAL_ERROR;
import static io.trino.spi.StandardErrorCode.INVALID_ARGUMENTS;
import static java.util.Objects.requireNonNull;

/**
 * One writer task of an INSERT or CREATE TABLE AS: rows go to the core's table writer (routed to their partition
 * and bucket, buffered in the process's shared write budget, flushed as sorted files); {@link #finish} hands the commit messages to the coordinator as
 * fragments, and {@link #abort} deletes the files written.
 */
final class TStorePageSink implements ConnectorPageSink {
    private final FileStoreTable table;
    private final String commitUser;
    private final TableWrite write;
    private final DataType[] types;
    private final Type[] trinoTypes;
    private final int[] fieldOfChannel;
    private List<CommitMessage> prepared;

    TStorePageSink(FileIO fileIO, TStoreWriteHandle handle, WriteResources writeResources) {
        requireNonNull(handle, "handle is null");
        requireNonNull(writeResources, "writeResources is null");
        this.commitUser = handle.commitUser();
        this.table = io.tstore.core.connector.TableHandle.fromJson(handle.table(), fileIO).loadDataTable();
        RowType rowType = table.rowType();
        List<String> columns = handle.columns();
        this.fieldOfChannel = new int[columns.size()];
        this.types = new DataType[rowType.fieldCount()];
        this.trinoTypes = new Type[rowType.fieldCount()];
        for (int i = 0; i < columns.size(); i++) {
            fieldOfChannel[i] = rowType.fieldIndex(columns.get(i));
        }
        for (int f = 0; f < rowType.fieldCount(); f++) {
            types[f] = rowType.typeAt(f);
            trinoTypes[f] = TypeMapping.toTrinoType(types[f]);
        }
        // The insert layout (TStoreNodePartitioningProvider) sends each bucket to one writer, so writers may compact.
        this.write = WriteBuilder.of(table).withResources(writeResources).build();
    }

    @Override
    public CompletableFuture<?> appendPage(Page page) {
        for (int position = 0; position < page.getPositionCount(); position++) {
            write(row(page, position, RowKind.INSERT));
        }
        return NOT_BLOCKED;
    }

    /** The row at {@code position} of a page whose channels are the handle's columns. */
    GenericRow row(Page page, int position, RowKind kind) {
        GenericRow row = new GenericRow(types.length);
        row.setRowKind(kind);
        try {
            for (int channel = 0; channel < fieldOfChannel.length; channel++) {
                int field = fieldOfChannel[channel];
                Block block = page.getBlock(channel);
                row.setField(field, TypeMapping.toCoreValue(types[field], trinoTypes[field], block, position));
            }
        } catch (IllegalArgumentException e) {
            throw new TrinoException(INVALID_ARGUMENTS, "Table " + table.name() + ": " + e.getMessage(), e);
        }
        return row;
    }

    /** Writes one row (its kind: an upsert or a delete) into the LSM tree of its bucket. */
    void write(GenericRow row) {
        try {
            write.write(row);
        } catch (IllegalArgumentException e) {
            throw new TrinoException(INVALID_ARGUMENTS, "Table " + table.name() + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new TrinoException(GENERIC_INTERNAL_ERROR, "Cannot write table " + table.name() + ": " + e.getMessage(), e);
        }
    }

    FileStoreTable table() {
        return table;
    }

    @Override
    public CompletableFuture<Collection<Slice>> finish() {
        try {
            prepared = write.prepareCommit(true);
            write.close();
        } catch (IOException e) {
            abort();
            throw new TrinoException(GENERIC_INTERNAL_ERROR, "Cannot write table " + table.name() + ": " + e.getMessage(), e);
        }
        return CompletableFuture.completedFuture(TStoreWrites.fragments(prepared));
    }

    @Override
    public void abort() {
        try {
            if (prepared == null) {
                prepared = write.prepareCommit(false);
            }
        } catch (IOException | RuntimeException e) {
            prepared = List.of();
        } finally {
            try {
                write.close();
            } catch (IOException | RuntimeException ignored) {
                // closing after a failure; the files are deleted below
            }
        }
        // As the statement's commit user: files that a commit of the statement landed are kept.
        new CommitHelper(table, commitUser).abort(prepared);
    }
}
