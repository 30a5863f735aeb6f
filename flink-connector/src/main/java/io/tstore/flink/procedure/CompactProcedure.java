package io.tstore.flink.procedure;

import io.tstore.core.catalog.Catalog;
import io.tstore.core.commit.CommitMessage;
import io.tstore.core.connector.CommitHelper;
import io.tstore.core.connector.PartitionSpecs;
import io.tstore.core.connector.PendingCommit;
import io.tstore.core.data.BinaryRow;
import io.tstore.core.table.TableCompactor;
import io.tstore.core.table.DataSplit;
import io.tstore.core.table.FileStoreTable;
import io.tstore.core.table.TableWrite;

import org.apache.flink.table.procedure.ProcedureContext;

import java.io.IOException;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * {@code CALL sys.compact('db.t')} compacts every bucket of a table fully, as one commit;
 * {@code CALL sys.compact('db.t', 'dt=2024-05-01;dt=2024-05-02')} only the buckets of those partitions (each
 * partition a comma-separated list of {@code key=value}, partitions separated by {@code ;}). Returns the number of
 * buckets compacted.
 */
public final class CompactProcedure extends TableProcedure {
    public static final String NAME = "compact";

    public CompactProcedure(Catalog catalog) {
        super(catalog);
    }

    public long[] call(ProcedureContext context, String table) throws IOException {
        FileStoreTable fileStoreTable = table(table);
        return new long[] {new TableCompactor(fileStoreTable, "compact-" + UUID.randomUUID()).compact(true)};
    }

    public long[] call(ProcedureContext context, String table, String partitions) throws IOException {
        if (partitions == null || partitions.isBlank()) {
            return call(context, table);
        }
        FileStoreTable fileStoreTable = table(table);
        Predicate<BinaryRow> selected = PartitionSpecs.matcher(fileStoreTable, PartitionSpecs.parse(fileStoreTable, partitions));
        CommitHelper commit = new CommitHelper(fileStoreTable, "compact-" + UUID.randomUUID());
        try (TableWrite write = fileStoreTable.newWrite(false)) {
            for (DataSplit split : fileStoreTable.newReadBuilder().newScan().dataSplits()) {
                if (split.files().size() > 1 && selected.test(split.partition())) {
                    write.compact(split.partition(), split.bucket(), true);
                }
            }
            List<CommitMessage> messages = write.prepareCommit(true);
            if (messages.isEmpty()) {
                return new long[] {0};
            }
            commit.commitOrAbort(PendingCommit.of(1, messages));
            return new long[] {messages.size()};
        }
    }

    @Override
    String name() {
        return "sys." + NAME;
    }
}
