package io.tstore.flink.source;

import io.tstore.core.data.InternalRow;
import io.tstore.core.data.InternalRowSerializer;
import io.tstore.core.table.DataSplit;
import io.tstore.core.system.MetadataSplit;
import io.tstore.core.table.Split;
import io.tstore.core.table.SplitSerializer;
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
 * table's {@link DataSplit} is written by the table format; a system table's
 * {@link MetadataSplit} as its rows, with the row type the serializer was made for; a {@link LogSplit} as its bucket
 * and the next offset to read; splits of other kinds must be
 * {@link Serializable} and are written with Java serialization.
 *
 * <pre>
 * split         := splitId:UTF recordsToSkip:long kind:byte
 *                  (DATA length:int bytes | METADATA metadataSplit | JAVA length:int bytes | LOG bucket:int startOffset:long)
 * metadataSplit := table:UTF rowCount:int internalRow*
 * </pre>
 *
 * Data splits are written by the table format's {@link SplitSerializer}, which versions its own format.
 */
public final class TableSourceSplitSerializer implements SimpleVersionedSerializer<TableSourceSplit>, Serializable {
    private static final long serialVersionUID = 1L;

    private static final int VERSION = 1;
    private static final byte DATA = 1;
    private static final byte JAVA = 2;
    private static final byte METADATA = 3;
    private static final byte LOG = 4;

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
            byte[] bytes = SplitSerializer.serialize(data);
            out.writeInt(bytes.length);
            out.write(bytes);
        } else if (core instanceof MetadataSplit metadata) {
            out.writeByte(METADATA);
            out.writeUTF(metadata.table());
            out.writeInt(metadata.rows().size());
            InternalRowSerializer rows = rowSerializer();
            for (InternalRow row : metadata.rows()) {
                rows.write(row, out);
            }
        } else if (core instanceof LogSplit log) {
            out.writeByte(LOG);
            out.writeInt(log.bucket());
            out.writeLong(log.startOffset());
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
            byte[] bytes = new byte[in.readInt()];
            in.readFully(bytes);
            split = SplitSerializer.deserialize(bytes);
        } else if (kind == METADATA) {
            String table = in.readUTF();
            int count = in.readInt();
            List<InternalRow> rows = new ArrayList<>(count);
            InternalRowSerializer serializer = rowSerializer();
            for (int i = 0; i < count; i++) {
                rows.add(serializer.read(in));
            }
            split = new MetadataSplit(table, rows);
        } else if (kind == LOG) {
            split = new LogSplit(in.readInt(), in.readLong());
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

}
