package io.tstore.spark.read;

import io.tstore.core.data.InternalRow;
import io.tstore.core.data.InternalRowSerializer;
import io.tstore.core.system.MetadataSplit;
import io.tstore.core.table.DataSplit;
import io.tstore.core.table.Split;
import io.tstore.core.table.SplitSerializer;
import io.tstore.core.types.RowType;

import org.apache.spark.sql.connector.read.HasPartitionKey;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * One split shipped to an executor, as bytes: a data table's split in the format's own versioned form
 * ({@link SplitSerializer}); a system table's split (its rows, read on the driver when the scan was planned) as
 * its row count and rows in the system table's binary row form.
 */
public final class SparkInputPartition implements HasPartitionKey {
    private static final long serialVersionUID = 1L;

    private final byte[] split;
    private final String metadataTable;
    private final long rowCount;
    /** The partition values and bucket of a bucketed scan's split ({@link BucketedPartitioning}), else null. */
    private org.apache.spark.sql.catalyst.InternalRow partitionKey;

    private SparkInputPartition(byte[] split, String metadataTable, long rowCount) {
        this.split = split;
        this.metadataTable = metadataTable;
        this.rowCount = rowCount;
    }

    SparkInputPartition withPartitionKey(org.apache.spark.sql.catalyst.InternalRow partitionKey) {
        this.partitionKey = partitionKey;
        return this;
    }

    @Override
    public org.apache.spark.sql.catalyst.InternalRow partitionKey() {
        return partitionKey;
    }

    /** @param rowType the type of the table's rows (a system table's split holds whole rows) */
    static SparkInputPartition of(Split split, RowType rowType) {
        if (split instanceof DataSplit) {
            return new SparkInputPartition(SplitSerializer.serialize(split), null, split.rowCount());
        }
        if (split instanceof MetadataSplit metadata) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (DataOutputStream out = new DataOutputStream(bytes)) {
                InternalRowSerializer serializer = new InternalRowSerializer(rowType);
                out.writeInt(metadata.rows().size());
                for (InternalRow row : metadata.rows()) {
                    serializer.write(row, out);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e); // a byte array does not fail
            }
            return new SparkInputPartition(bytes.toByteArray(), metadata.table(), split.rowCount());
        }
        throw new IllegalArgumentException("Splits of type " + split.getClass().getName() + " cannot be read by Spark");
    }

    /** The split again. */
    Split split(RowType rowType) throws IOException {
        if (metadataTable == null) {
            return SplitSerializer.deserialize(split);
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(split))) {
            InternalRowSerializer serializer = new InternalRowSerializer(rowType);
            int count = in.readInt();
            List<InternalRow> rows = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                rows.add(serializer.read(in));
            }
            return new MetadataSplit(metadataTable, rows);
        }
    }

    /** The rows of the split's sources, before merging and filtering. */
    public long rowCount() {
        return rowCount;
    }
}
