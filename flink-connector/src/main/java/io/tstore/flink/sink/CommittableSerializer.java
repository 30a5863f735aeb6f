package io.tstore.flink.sink;

import io.tstore.core.commit.CommitMessage;
import io.tstore.core.data.BinaryRow;
import io.tstore.core.file.DataFileMeta;
import io.tstore.core.file.FileSource;
import io.tstore.core.file.SimpleStats;

import org.apache.flink.core.io.SimpleVersionedSerializer;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The binary form of {@link Committable}s, between writers and the committer and in the committer's checkpointed
 * state. Version 1 writes, big-endian: the checkpoint id, the number of messages, and per message the partition,
 * bucket, total buckets and its five file lists (new, changelog, compact before, compact after, compact
 * changelog). A file is its name, size, row count, min and max key, value statistics, sequence number range,
 * schema id, level, delete row count, creation time and source. A row is its field count, byte length and bytes.
 * Version 2 appends the log offsets: their count, and per bucket the bucket and the offset. Every version reads
 * the versions before it: state of a job may be restored by a newer connector.
 */
public final class CommittableSerializer implements SimpleVersionedSerializer<Committable> {
    public static final int VERSION = 2;

    @Override
    public int getVersion() {
        return VERSION;
    }

    @Override
    public byte[] serialize(Committable committable) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeLong(committable.checkpointId());
        out.writeInt(committable.messages().size());
        for (CommitMessage message : committable.messages()) {
            writeRow(out, message.partition());
            out.writeInt(message.bucket());
            out.writeInt(message.totalBuckets());
            writeFiles(out, message.newFiles());
            writeFiles(out, message.changelogFiles());
            writeFiles(out, message.compactBefore());
            writeFiles(out, message.compactAfter());
            writeFiles(out, message.compactChangelog());
        }
        out.writeInt(committable.logOffsets().size());
        for (java.util.Map.Entry<Integer, Long> entry : committable.logOffsets().entrySet()) {
            out.writeInt(entry.getKey());
            out.writeLong(entry.getValue());
        }
        out.flush();
        return bytes.toByteArray();
    }

    @Override
    public Committable deserialize(int version, byte[] serialized) throws IOException {
        if (version < 1 || version > VERSION) {
            throw new IOException("Cannot read committables of serializer version " + version + "; this connector reads versions 1 to " + VERSION);
        }
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(serialized));
        long checkpointId = in.readLong();
        int count = in.readInt();
        List<CommitMessage> messages = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            BinaryRow partition = readRow(in);
            int bucket = in.readInt();
            int totalBuckets = in.readInt();
            messages.add(new CommitMessage(partition, bucket, totalBuckets,
                    readFiles(in), readFiles(in), readFiles(in), readFiles(in), readFiles(in)));
        }
        java.util.Map<Integer, Long> logOffsets = new java.util.TreeMap<>();
        if (version >= 2) {
            int buckets = in.readInt();
            for (int i = 0; i < buckets; i++) {
                logOffsets.put(in.readInt(), in.readLong());
            }
        }
        if (in.available() > 0) {
            throw new IOException("Corrupt committable: " + in.available() + " bytes left after " + count + " messages");
        }
        return new Committable(checkpointId, messages, logOffsets);
    }

    private static void writeFiles(DataOutputStream out, List<DataFileMeta> files) throws IOException {
        out.writeInt(files.size());
        for (DataFileMeta file : files) {
            out.writeUTF(file.fileName());
            out.writeLong(file.fileSize());
            out.writeLong(file.rowCount());
            writeRow(out, file.minKey());
            writeRow(out, file.maxKey());
            SimpleStats stats = file.valueStats();
            writeRow(out, stats.minValues());
            writeRow(out, stats.maxValues());
            long[] nullCounts = stats.nullCounts();
            out.writeInt(nullCounts == null ? -1 : nullCounts.length);
            if (nullCounts != null) {
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

    private static List<DataFileMeta> readFiles(DataInputStream in) throws IOException {
        int count = in.readInt();
        List<DataFileMeta> files = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String fileName = in.readUTF();
            long fileSize = in.readLong();
            long rowCount = in.readLong();
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
            files.add(new DataFileMeta(fileName, fileSize, rowCount, minKey, maxKey,
                    new SimpleStats(minValues, maxValues, nullCounts),
                    in.readLong(), in.readLong(), in.readLong(), in.readInt(), in.readLong(), in.readLong(),
                    FileSource.valueOf(in.readUTF())));
        }
        return files;
    }

    private static void writeRow(DataOutputStream out, BinaryRow row) throws IOException {
        byte[] bytes = row.toBytes();
        out.writeInt(row.getFieldCount());
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private static BinaryRow readRow(DataInputStream in) throws IOException {
        int fieldCount = in.readInt();
        byte[] bytes = new byte[in.readInt()];
        in.readFully(bytes);
        return fieldCount == 0 && bytes.length == 0 ? BinaryRow.EMPTY_ROW : BinaryRow.fromBytes(bytes, fieldCount);
    }
}
