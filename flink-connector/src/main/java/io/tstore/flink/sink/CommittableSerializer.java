package io.tstore.flink.sink;

import io.tstore.core.commit.CommitMessage;
import io.tstore.core.data.BinaryRow;
import io.tstore.core.file.DataFileMetaSerializer;

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
 * changelog), files and rows as {@link DataFileMetaSerializer} writes them.
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
            DataFileMetaSerializer.writeRow(message.partition(), out);
            out.writeInt(message.bucket());
            out.writeInt(message.totalBuckets());
            DataFileMetaSerializer.writeFiles(message.newFiles(), out);
            DataFileMetaSerializer.writeFiles(message.changelogFiles(), out);
            DataFileMetaSerializer.writeFiles(message.compactBefore(), out);
            DataFileMetaSerializer.writeFiles(message.compactAfter(), out);
            DataFileMetaSerializer.writeFiles(message.compactChangelog(), out);
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
            BinaryRow partition = DataFileMetaSerializer.readRow(in, "committable");
            int bucket = in.readInt();
            int totalBuckets = in.readInt();
            messages.add(new CommitMessage(partition, bucket, totalBuckets,
                    DataFileMetaSerializer.readFiles(in, "committable"), DataFileMetaSerializer.readFiles(in, "committable"), DataFileMetaSerializer.readFiles(in, "committable"), DataFileMetaSerializer.readFiles(in, "committable"), DataFileMetaSerializer.readFiles(in, "committable")));
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
}
