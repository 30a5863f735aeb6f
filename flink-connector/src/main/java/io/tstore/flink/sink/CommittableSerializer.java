package io.tstore.flink.sink;

import io.tstore.core.commit.CommitMessage;
import io.tstore.core.connector.CommitMessageSerializer;

import org.apache.flink.core.io.SimpleVersionedSerializer;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The binary form of {@link Committable}s, between writers and the committer and in the committer's checkpointed
 * state. Version 1 writes, big-endian: the checkpoint id and the messages as the core's
 * {@link CommitMessageSerializer} writes a list of them (its version 1). Version 2 appends the log offsets: their
 * count, and per bucket the bucket and the offset. Every version reads the versions before it: state of a job may
 * be restored by a newer connector.
 */
public final class CommittableSerializer implements SimpleVersionedSerializer<Committable> {
    public static final int VERSION = 2;

    /** The version of the core's commit messages in committables of versions 1 and 2. */
    private static final int MESSAGES_VERSION = 1;

    @Override
    public int getVersion() {
        return VERSION;
    }

    @Override
    public byte[] serialize(Committable committable) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeLong(committable.checkpointId());
        CommitMessageSerializer.serializeList(committable.messages(), out);
        out.writeInt(committable.logOffsets().size());
        for (Map.Entry<Integer, Long> entry : committable.logOffsets().entrySet()) {
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
        List<CommitMessage> messages = CommitMessageSerializer.deserializeList(MESSAGES_VERSION, in);
        Map<Integer, Long> logOffsets = new TreeMap<>();
        if (version >= 2) {
            int buckets = in.readInt();
            for (int i = 0; i < buckets; i++) {
                logOffsets.put(in.readInt(), in.readLong());
            }
        }
        if (in.available() > 0) {
            throw new IOException("Corrupt committable: " + in.available() + " bytes left after " + messages.size() + " messages");
        }
        return new Committable(checkpointId, messages, logOffsets);
    }
}
