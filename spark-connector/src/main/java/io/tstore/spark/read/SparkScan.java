package io.tstore.spark.read;

import io.tstore.core.connector.TableHandle;
import io.tstore.core.connector.TableStatistics;
import io.tstore.core.data.BinaryRow;
import io.tstore.core.predicate.Predicate;
import io.tstore.core.table.DataSplit;
import io.tstore.core.table.FileStoreTable;
import io.tstore.core.table.ReadBuilder;
import io.tstore.core.table.Split;
import io.tstore.core.table.Table;
import io.tstore.core.table.TableScan;
import io.tstore.core.types.RowType;
import io.tstore.spark.SparkTypes;
import io.tstore.spark.stream.SparkMicroBatchStream;

import org.apache.spark.sql.connector.read.Batch;
import org.apache.spark.sql.connector.read.InputPartition;
import org.apache.spark.sql.connector.read.PartitionReaderFactory;
import org.apache.spark.sql.connector.read.Scan;
import org.apache.spark.sql.connector.read.Statistics;
import org.apache.spark.sql.connector.read.SupportsReportPartitioning;
import org.apache.spark.sql.connector.read.SupportsReportStatistics;
import org.apache.spark.sql.connector.read.partitioning.Partitioning;
import org.apache.spark.sql.connector.read.streaming.MicroBatchStream;
import org.apache.spark.sql.types.StructType;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

/**
 * A batch scan of one snapshot of a table (the one the table's options choose: the latest, or the time-travel
 * target): planned once on the driver into the core's splits, one input partition per split, read on executors.
 * Statistics come from the core's {@code TableStatistics} of the planned snapshot: records (before merging) and
 * stored bytes, of the partitions the plan reads.
 */
public final class SparkScan implements Scan, Batch, SupportsReportStatistics, SupportsReportPartitioning {
    private final Table table;
    private final TableHandle handle;
    private final Predicate filter;
    private final int[] projection;
    private final long limit;
    private final RowType readType;
    private final Map<String, String> options;
    private TableScan.Plan plan;

    SparkScan(Table table, TableHandle handle, Predicate filter, int[] projection, long limit,
            Map<String, String> options) {
        this.options = options;
        this.table = table;
        this.handle = handle;
        this.filter = filter;
        this.projection = projection;
        this.limit = limit;
        this.readType = readBuilder().readType();
    }

    private ReadBuilder readBuilder() {
        ReadBuilder builder = table.newReadBuilder();
        if (filter != null) {
            builder.withFilter(filter);
        }
        if (projection != null) {
            builder.withProjection(projection);
        }
        if (limit >= 0) {
            builder.withLimit(limit);
        }
        return builder;
    }

    /** The plan of the scan, made on first use. */
    public synchronized TableScan.Plan plan() {
        if (plan == null) {
            try {
                plan = readBuilder().newScan().plan();
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot plan a scan of table " + table.name(), e);
            }
        }
        return plan;
    }

    /** The splits planned, for tests and descriptions. */
    public List<Split> splits() {
        return plan().splits();
    }

    @Override
    public StructType readSchema() {
        return SparkTypes.toSpark(readType);
    }

    @Override
    public String description() {
        return "tstore " + table.name() + " [filter=" + filter
                + ", columns=" + readType.fieldNames()
                + (limit >= 0 ? ", limit=" + limit : "") + "]";
    }

    @Override
    public Batch toBatch() {
        if (!options.isEmpty()) {
            throw new IllegalArgumentException("Table " + table.name() + " takes no read options from Spark in batch "
                    + "reads (got " + options.keySet() + "); set table options with ALTER TABLE, and time travel with "
                    + "VERSION AS OF");
        }
        return this;
    }

    @Override
    public MicroBatchStream toMicroBatchStream(String checkpointLocation) {
        return new SparkMicroBatchStream(handle, options, checkpointLocation);
    }

    @Override
    public InputPartition[] planInputPartitions() {
        List<Split> splits = splits();
        BucketedPartitioning bucketed = BucketedPartitioning.of(table, splits);
        InputPartition[] partitions = new InputPartition[splits.size()];
        for (int i = 0; i < partitions.length; i++) {
            partitions[i] = SparkInputPartition.of(splits.get(i), table.rowType())
                    .withPartitionKey(bucketed == null ? null : bucketed.key(splits.get(i)));
        }
        return partitions;
    }

    /** Key-grouped by partition and bucket where that is safe ({@link BucketedPartitioning}), else unknown. */
    @Override
    public Partitioning outputPartitioning() {
        List<Split> splits = splits();
        BucketedPartitioning bucketed = BucketedPartitioning.of(table, splits);
        return bucketed == null ? BucketedPartitioning.unknown(splits) : bucketed.partitioning(splits);
    }

    @Override
    public PartitionReaderFactory createReaderFactory() {
        return new SparkReaderFactory(handle, filter, projection, limit, columnar());
    }

    /**
     * Whether the scan reads {@code ColumnarBatch}es: when every split of a data table needs no merge (appended files,
     * or primary-key buckets of one sorted run), the core hands out its batches; otherwise rows. One choice per scan.
     */
    public boolean columnar() {
        List<Split> splits = splits();
        return table instanceof FileStoreTable && !splits.isEmpty()
                && splits.stream().allMatch(split -> split instanceof DataSplit && !split.needsMerge());
    }

    @Override
    public Statistics estimateStatistics() {
        long[] rowsAndBytes = rowsAndBytes();
        long rows = rowsAndBytes[0];
        // As Spark's file scans do: the stored size, scaled by the share of the columns read.
        long fullSize = SparkTypes.toSpark(table.rowType()).defaultSize();
        long size = fullSize == 0 ? rowsAndBytes[1] : rowsAndBytes[1] * readSchema().defaultSize() / fullSize;
        return new Statistics() {
            @Override
            public OptionalLong sizeInBytes() {
                return OptionalLong.of(size);
            }

            @Override
            public OptionalLong numRows() {
                return OptionalLong.of(rows);
            }
        };
    }

    /**
     * Records and stored bytes of what the scan reads: for a data table, the core's {@link TableStatistics} of the
     * planned snapshot, of the partitions the plan kept when a filter pruned some (other filters are not counted,
     * so these are upper bounds); for a system table, its splits.
     */
    private long[] rowsAndBytes() {
        TableScan.Plan plan = plan();
        if (!(table instanceof FileStoreTable data)) {
            long bytes = 0;
            for (Split split : plan.splits()) {
                bytes += split.sizeInBytes();
            }
            return new long[] {plan.rowCount(), bytes};
        }
        if (plan.snapshotId() == null) {
            return new long[] {0, 0};
        }
        TableStatistics statistics;
        try {
            statistics = TableStatistics.of(data, data.snapshotManager().snapshot(plan.snapshotId()));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the statistics of snapshot " + plan.snapshotId()
                    + " of table " + table.name(), e);
        }
        if (filter == null || data.partitionKeys().isEmpty()) {
            return new long[] {statistics.rowCount(), statistics.sizeInBytes()};
        }
        Set<BinaryRow> partitions = new HashSet<>();
        for (Split split : plan.splits()) {
            if (split instanceof DataSplit dataSplit) {
                partitions.add(dataSplit.partition());
            }
        }
        long rows = 0;
        long bytes = 0;
        for (TableStatistics.PartitionStatistics partition : statistics.partitions().values()) {
            if (partitions.contains(partition.partition())) {
                rows += partition.rowCount();
                bytes += partition.sizeInBytes();
            }
        }
        return new long[] {rows, bytes};
    }

    @Override
    public String toString() {
        return description() + " projection=" + Arrays.toString(projection);
    }
}
