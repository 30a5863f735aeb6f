package io.tstore.flink.procedure;

import io.tstore.core.catalog.Catalog;
import io.tstore.core.commit.CommitMessage;
import io.tstore.core.data.BinaryRow;
import io.tstore.core.file.PartitionNames;
import io.tstore.core.table.TableCompactor;
import io.tstore.core.table.DataSplit;
import io.tstore.core.table.FileStoreTable;
import io.tstore.core.table.TableCommit;
import io.tstore.core.table.TableWrite;

import org.apache.flink.table.procedure.ProcedureContext;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

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
        List<Map<String, String>> specs = parsePartitions(fileStoreTable, partitions);
        TableCommit commit = fileStoreTable.newCommit("compact-" + UUID.randomUUID());
        try (TableWrite write = fileStoreTable.newWrite(false)) {
            for (DataSplit split : fileStoreTable.newReadBuilder().newScan().dataSplits()) {
                if (split.files().size() > 1 && matches(fileStoreTable, split.partition(), specs)) {
                    write.compact(split.partition(), split.bucket(), true);
                }
            }
            List<CommitMessage> messages = write.prepareCommit(true);
            if (messages.isEmpty()) {
                return new long[] {0};
            }
            try {
                commit.commit(1, messages);
            } catch (IOException | RuntimeException e) {
                commit.abort(messages);
                throw e;
            }
            return new long[] {messages.size()};
        }
    }

    /** The partitions {@code k1=v1,k2=v2;k1=v3,...}: each a map of partition keys to values as text. */
    static List<Map<String, String>> parsePartitions(FileStoreTable table, String partitions) {
        List<Map<String, String>> specs = new ArrayList<>();
        for (String partition : partitions.split(";")) {
            Map<String, String> spec = new LinkedHashMap<>();
            for (String pair : partition.split(",")) {
                int eq = pair.indexOf('=');
                if (eq <= 0) {
                    throw new IllegalArgumentException("Procedure sys.compact: bad partition '" + partition
                            + "' of table " + table.name() + ", expected key=value[,key=value...]");
                }
                spec.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
            }
            if (!table.partitionKeys().containsAll(spec.keySet())) {
                throw new IllegalArgumentException("Procedure sys.compact: partition '" + partition + "' of table "
                        + table.name() + " names columns that are not its partition keys " + table.partitionKeys());
            }
            specs.add(spec);
        }
        return specs;
    }

    /** Whether a partition matches one of the specs, comparing values as the catalog shows them. */
    private static boolean matches(FileStoreTable table, BinaryRow partition, List<Map<String, String>> specs) {
        PartitionNames names = new PartitionNames(table.schema().logicalPartitionType());
        List<String> keys = table.partitionKeys();
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < keys.size(); i++) {
            values.put(keys.get(i), names.valueString(i, partition));
        }
        for (Map<String, String> spec : specs) {
            if (values.entrySet().containsAll(spec.entrySet())) {
                return true;
            }
        }
        return false;
    }

    @Override
    String name() {
        return "sys." + NAME;
    }
}
