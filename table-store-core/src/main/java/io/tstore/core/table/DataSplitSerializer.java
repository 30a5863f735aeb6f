package io.tstore.core.table;

import io.tstore.core.data.BinaryRow;
import io.tstore.core.file.DataFileMeta;
import io.tstore.core.file.DataFileMetaSerializer;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
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
        DataFileMetaSerializer.writeRow(split.partition(), out);
        out.writeInt(split.bucket());
        out.writeInt(split.totalBuckets());
        out.writeByte(kindByte(split.kind()));
        DataFileMetaSerializer.writeFiles(split.files(), out);
        DataFileMetaSerializer.writeFiles(split.beforeFiles(), out);
    }

    public static DataSplit deserialize(int version, DataInput in) throws IOException {
        if (version < 1 || version > VERSION) {
            throw new IOException("Cannot read a data split of version " + version + "; this reader reads versions 1 to " + VERSION);
        }
        long snapshotId = in.readLong();
        BinaryRow partition = DataFileMetaSerializer.readRow(in, "data split");
        int bucket = in.readInt();
        int totalBuckets = in.readInt();
        byte kind = in.readByte();
        if (kind < 0 || kind >= KINDS.length) {
            throw new IOException("Unknown data split kind " + kind);
        }
        List<DataFileMeta> files = DataFileMetaSerializer.readFiles(in, "data split");
        List<DataFileMeta> beforeFiles = DataFileMetaSerializer.readFiles(in, "data split");
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
}
