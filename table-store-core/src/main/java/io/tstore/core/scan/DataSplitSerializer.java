package io.tstore.core.scan;

import io.tstore.core.data.BinaryRow;
import io.tstore.core.file.DataFileMeta;
import io.tstore.core.file.FileSource;
import io.tstore.core.file.SimpleStats;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The binary form of a {@link DataSplit}, for engines that ship splits to other processes and keep them in their
 * checkpoints. Versioned: {@link #VERSION} is written ahead of the body by {@code SplitSerializer}, and a reader
 * reads every version up to its own. Rows (partition, keys, statistics) are stored as a field count and their
 * binary-row bytes, as in manifests.
 *
 * <p>Version 1: {@code snapshotId} long, partition row, {@code bucket} int, {@code totalBuckets} int, kind byte
 * (0 SNAPSHOT, 1 CHANGES, 2 OVERWRITE), files, before files; a file list is a count and the files; a file is its
 * name (modified UTF-8), size, row count, min and max key rows, statistics (min row, max row, null counts as a
 * count, -1 for unknown, and longs), min and max sequence number, schema id, level (int), delete row count,
 * creation time and source name.
 */
public final class DataSplitSerializer {
    public static final int VERSION = 1;

    private static final DataSplit.Kind[] KINDS = {DataSplit.Kind.SNAPSHOT, DataSplit.Kind.CHANGES, DataSplit.Kind.OVERWRITE};

    private DataSplitSerializer() {}

    public static void serialize(DataSplit split, DataOutput out) throws IOException {
        out.writeLong(split.snapshotId());
        writeRow(split.partition(), out);
        out.writeInt(split.bucket());
        out.writeInt(split.totalBuckets());
        out.writeByte(kindByte(split.kind()));
        writeFiles(split.files(), out);
        writeFiles(split.beforeFiles(), out);
    }

    public static DataSplit deserialize(int version, DataInput in) throws IOException {
        if (version < 1 || version > VERSION) {
            throw new IOException("Cannot read a data split of version " + version + "; this reader reads versions 1 to " + VERSION);
        }
        long snapshotId = in.readLong();
        BinaryRow partition = readRow(in);
        int bucket = in.readInt();
        int totalBuckets = in.readInt();
        byte kind = in.readByte();
        if (kind < 0 || kind >= KINDS.length) {
            throw new IOException("Unknown data split kind " + kind);
        }
        List<DataFileMeta> files = readFiles(in);
        List<DataFileMeta> beforeFiles = readFiles(in);
        return new DataSplit(snapshotId, partition, bucket, totalBuckets, files, beforeFiles, KINDS[kind]);
    }

    private static int kindByte(DataSplit.Kind kind) {
        for (int i = 0; i < KINDS.length; i++) {
            if (KINDS[i] == kind) {
                return i;
            }
        }
        throw new IllegalStateException("no byte for split kind " + kind);
    }

    private static void writeFiles(List<DataFileMeta> files, DataOutput out) throws IOException {
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

    private static List<DataFileMeta> readFiles(DataInput in) throws IOException {
        int count = in.readInt();
        if (count < 0) {
            throw new IOException("Corrupt data split: " + count + " files");
        }
        List<DataFileMeta> files = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String name = in.readUTF();
            long size = in.readLong();
            long rows = in.readLong();
            BinaryRow minKey = readRow(in);
            BinaryRow maxKey = readRow(in);
            BinaryRow minValues = readRow(in);
            BinaryRow maxValues = readRow(in);
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
            FileSource source;
            String sourceName = in.readUTF();
            try {
                source = FileSource.valueOf(sourceName);
            } catch (IllegalArgumentException e) {
                throw new IOException("Corrupt data split: unknown file source " + sourceName, e);
            }
            files.add(new DataFileMeta(name, size, rows, minKey, maxKey, new SimpleStats(minValues, maxValues, nullCounts),
                    minSeq, maxSeq, schemaId, level, deleteRows, created, source));
        }
        return files;
    }

    private static void writeRow(BinaryRow row, DataOutput out) throws IOException {
        byte[] bytes = row.toBytes();
        out.writeInt(row.getFieldCount());
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private static BinaryRow readRow(DataInput in) throws IOException {
        int fields = in.readInt();
        int length = in.readInt();
        if (fields < 0 || length < 0) {
            throw new IOException("Corrupt data split: a row of " + fields + " fields and " + length + " bytes");
        }
        if (fields == 0 && length == 0) {
            return BinaryRow.EMPTY_ROW;
        }
        byte[] bytes = new byte[length];
        in.readFully(bytes);
        return BinaryRow.fromBytes(bytes, fields);
    }
}
