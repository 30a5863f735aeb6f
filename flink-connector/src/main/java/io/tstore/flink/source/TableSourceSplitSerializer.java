package io.tstore.flink.source;

import io.tstore.core.data.BinaryRow;
import io.tstore.core.file.DataFileMeta;
import io.tstore.core.file.FileSource;
import io.tstore.core.file.SimpleStats;
import io.tstore.core.scan.DataSplit;
import io.tstore.core.data.InternalRow;
import io.tstore.core.data.InternalRowSerializer;
import io.tstore.core.system.MetadataSplit;
import io.tstore.core.table.Split;
import io.tstore.core.types.DataTypeJson;
import io.tstore.core.types.RowType;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.util.InstantiationUtil;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes {@link TableSourceSplit}s for Flink's checkpoints and for the enumerator's messages to readers. A data
 * table's {@link DataSplit} is written field by field (version 1 of the format below); a system table's
 * {@link MetadataSplit} as its rows, with the row type the serializer was made for; splits of other kinds must be
 * {@link Serializable} and are written with Java serialization.
 *
 * <pre>
 * split    := splitId:UTF recordsToSkip:long kind:byte (DATA dataSplit | METADATA metadataSplit | JAVA length:int bytes)
 * metadataSplit := table:UTF rowCount:int internalRow*
 * dataSplit:= snapshotId:long partition:row bucket:int totalBuckets:int fileCount:int file*
 * file     := name:UTF size:long rows:long minKey:row maxKey:row minValues:row maxValues:row
 *             nullCountCount:int nullCount:long* minSeq:long maxSeq:long schemaId:long level:int
 *             deleteRows:long creationMillis:long source:UTF
 * row      := fieldCount:int length:int bytes
 * </pre>
 */
public final class TableSourceSplitSerializer implements SimpleVersionedSerializer<TableSourceSplit>, Serializable {
    private static final long serialVersionUID = 1L;

    private static final int VERSION = 1;
    private static final byte DATA = 1;
    private static final byte JAVA = 2;
    private static final byte METADATA = 3;

    private final String rowTypeJson;
    private transient InternalRowSerializer rowSerializer;

    /** @param rowType the row type of the table whose splits are written (the rows of system tables' splits) */
    public TableSourceSplitSerializer(RowType rowType) {
        this.rowTypeJson = DataTypeJson.toJson(rowType).toString();
    }

    private InternalRowSerializer rowSerializer() throws IOException {
        if (rowSerializer == null) {
            rowSerializer = new InternalRowSerializer((RowType) DataTypeJson.fromJson(new ObjectMapper().readTree(rowTypeJson)));
        }
        return rowSerializer;
    }

    @Override
    public int getVersion() {
        return VERSION;
    }

    @Override
    public byte[] serialize(TableSourceSplit split) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(256);
        write(split, out);
        return out.getCopyOfBuffer();
    }

    @Override
    public TableSourceSplit deserialize(int version, byte[] serialized) throws IOException {
        if (version != VERSION) {
            throw new IOException("Cannot read a tstore source split of serializer version " + version
                    + "; this version reads version " + VERSION);
        }
        return read(new DataInputDeserializer(serialized));
    }

    /** Writes one split, for serializers of states that hold several. */
    void write(TableSourceSplit split, DataOutput out) throws IOException {
        out.writeUTF(split.splitId());
        out.writeLong(split.recordsToSkip());
        Split core = split.split();
        if (core instanceof DataSplit data) {
            out.writeByte(DATA);
            writeDataSplit(data, out);
        } else if (core instanceof MetadataSplit metadata) {
            out.writeByte(METADATA);
            out.writeUTF(metadata.table());
            out.writeInt(metadata.rows().size());
            InternalRowSerializer rows = rowSerializer();
            for (InternalRow row : metadata.rows()) {
                rows.write(row, out);
            }
        } else if (core instanceof Serializable) {
            out.writeByte(JAVA);
            byte[] bytes = InstantiationUtil.serializeObject(core);
            out.writeInt(bytes.length);
            out.write(bytes);
        } else {
            throw new IOException("Cannot serialize split " + core + " of " + core.getClass().getName()
                    + ": it is neither a DataSplit nor Serializable");
        }
    }

    TableSourceSplit read(DataInput in) throws IOException {
        String id = in.readUTF();
        long skip = in.readLong();
        byte kind = in.readByte();
        Split split;
        if (kind == DATA) {
            split = readDataSplit(in);
        } else if (kind == METADATA) {
            String table = in.readUTF();
            int count = in.readInt();
            List<InternalRow> rows = new ArrayList<>(count);
            InternalRowSerializer serializer = rowSerializer();
            for (int i = 0; i < count; i++) {
                rows.add(serializer.read(in));
            }
            split = new MetadataSplit(table, rows);
        } else if (kind == JAVA) {
            byte[] bytes = new byte[in.readInt()];
            in.readFully(bytes);
            try {
                split = InstantiationUtil.deserializeObject(bytes, Thread.currentThread().getContextClassLoader());
            } catch (ClassNotFoundException e) {
                throw new IOException("Cannot read split " + id + ": " + e.getMessage(), e);
            }
        } else {
            throw new IOException("Corrupt tstore source split " + id + ": unknown kind " + kind);
        }
        return new TableSourceSplit(id, split, skip);
    }

    private static void writeDataSplit(DataSplit split, DataOutput out) throws IOException {
        out.writeLong(split.snapshotId());
        writeRow(split.partition(), out);
        out.writeInt(split.bucket());
        out.writeInt(split.totalBuckets());
        out.writeInt(split.files().size());
        for (DataFileMeta file : split.files()) {
            out.writeUTF(file.fileName());
            out.writeLong(file.fileSize());
            out.writeLong(file.rowCount());
            writeRow(file.minKey(), out);
            writeRow(file.maxKey(), out);
            writeRow(file.valueStats().minValues(), out);
            writeRow(file.valueStats().maxValues(), out);
            long[] nullCounts = file.valueStats().nullCounts();
            out.writeInt(nullCounts.length);
            for (long count : nullCounts) {
                out.writeLong(count);
            }
            out.writeLong(file.minSequenceNumber());
            out.writeLong(file.maxSequenceNumber());
            out.writeLong(file.schemaId());
            out.writeInt(file.level());
            out.writeLong(file.deleteRowCount());
            out.writeLong(file.creationTimeMillis());
            out.writeUTF(file.fileSource().name());
        }
    }

    private static DataSplit readDataSplit(DataInput in) throws IOException {
        long snapshotId = in.readLong();
        BinaryRow partition = readRow(in);
        int bucket = in.readInt();
        int totalBuckets = in.readInt();
        int fileCount = in.readInt();
        List<DataFileMeta> files = new ArrayList<>(fileCount);
        for (int i = 0; i < fileCount; i++) {
            String name = in.readUTF();
            long size = in.readLong();
            long rows = in.readLong();
            BinaryRow minKey = readRow(in);
            BinaryRow maxKey = readRow(in);
            BinaryRow minValues = readRow(in);
            BinaryRow maxValues = readRow(in);
            long[] nullCounts = new long[in.readInt()];
            for (int j = 0; j < nullCounts.length; j++) {
                nullCounts[j] = in.readLong();
            }
            files.add(new DataFileMeta(name, size, rows, minKey, maxKey, new SimpleStats(minValues, maxValues, nullCounts),
                    in.readLong(), in.readLong(), in.readLong(), in.readInt(), in.readLong(), in.readLong(),
                    FileSource.valueOf(in.readUTF())));
        }
        return new DataSplit(snapshotId, partition, bucket, totalBuckets, files);
    }

    private static void writeRow(BinaryRow row, DataOutput out) throws IOException {
        out.writeInt(row.getFieldCount());
        out.writeInt(row.sizeInBytes());
        row.writeTo(out);
    }

    private static BinaryRow readRow(DataInput in) throws IOException {
        int fields = in.readInt();
        byte[] bytes = new byte[in.readInt()];
        in.readFully(bytes);
        return fields == 0 && bytes.length == 0 ? BinaryRow.EMPTY_ROW : BinaryRow.fromBytes(bytes, fields);
    }
}
