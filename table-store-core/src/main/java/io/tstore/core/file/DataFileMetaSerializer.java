package io.tstore.core.file;

import io.tstore.core.data.BinaryRow;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The binary form of {@link DataFileMeta} lists and {@link BinaryRow}s inside the serializers that ship files between
 * processes and into engines' checkpoints (data splits, Flink committables). Big-endian: a list is its size and its
 * files; a file is its name, size, row count, min and max key, min and max values, null counts (-1 for none, else
 * their number and the counts), sequence number range, schema id, level, delete row count, creation time and source;
 * a row is its field count, byte length and bytes. Changing it changes those serializers' versions.
 */
public final class DataFileMetaSerializer {
    private DataFileMetaSerializer() {}

    public static void writeFiles(List<DataFileMeta> files, DataOutput out) throws IOException {
        out.writeInt(files.size());
        for (DataFileMeta file : files) {
            out.writeUTF(file.fileName());
            out.writeLong(file.fileSize());
            out.writeLong(file.rowCount());
            writeRow(file.minKey(), out);
            writeRow(file.maxKey(), out);
            SimpleStats stats = file.valueStats();
            writeRow(stats.minValues(), out);
            writeRow(stats.maxValues(), out);
            long[] nullCounts = stats.nullCounts();
            if (nullCounts == null) {
                out.writeInt(-1);
            } else {
                out.writeInt(nullCounts.length);
                for (long count : nullCounts) {
                    out.writeLong(count);
                }
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

    /** @param what what is read, for the message of corrupt input (e.g. "data split") */
    public static List<DataFileMeta> readFiles(DataInput in, String what) throws IOException {
        int count = in.readInt();
        if (count < 0) {
            throw new IOException("Corrupt " + what + ": " + count + " files");
        }
        List<DataFileMeta> files = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String name = in.readUTF();
            long size = in.readLong();
            long rows = in.readLong();
            BinaryRow minKey = readRow(in, what);
            BinaryRow maxKey = readRow(in, what);
            BinaryRow minValues = readRow(in, what);
            BinaryRow maxValues = readRow(in, what);
            int nullCountsLength = in.readInt();
            long[] nullCounts = null;
            if (nullCountsLength >= 0) {
                nullCounts = new long[nullCountsLength];
                for (int c = 0; c < nullCountsLength; c++) {
                    nullCounts[c] = in.readLong();
                }
            }
            long minSeq = in.readLong();
            long maxSeq = in.readLong();
            long schemaId = in.readLong();
            int level = in.readInt();
            long deleteRows = in.readLong();
            long created = in.readLong();
            String sourceName = in.readUTF();
            FileSource source;
            try {
                source = FileSource.valueOf(sourceName);
            } catch (IllegalArgumentException e) {
                throw new IOException("Corrupt " + what + ": unknown file source " + sourceName, e);
            }
            files.add(new DataFileMeta(name, size, rows, minKey, maxKey, new SimpleStats(minValues, maxValues, nullCounts),
                    minSeq, maxSeq, schemaId, level, deleteRows, created, source));
        }
        return files;
    }

    public static void writeRow(BinaryRow row, DataOutput out) throws IOException {
        byte[] bytes = row.toBytes();
        out.writeInt(row.getFieldCount());
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    /** @param what what is read, for the message of corrupt input */
    public static BinaryRow readRow(DataInput in, String what) throws IOException {
        int fields = in.readInt();
        int length = in.readInt();
        if (fields < 0 || length < 0) {
            throw new IOException("Corrupt " + what + ": a row of " + fields + " fields and " + length + " bytes");
        }
        if (fields == 0 && length == 0) {
            return BinaryRow.EMPTY_ROW;
        }
        byte[] bytes = new byte[length];
        in.readFully(bytes);
        return BinaryRow.fromBytes(bytes, fields);
    }
}
