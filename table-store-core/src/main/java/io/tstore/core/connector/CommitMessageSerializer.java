package io.tstore.core.connector;

import io.tstore.core.commit.CommitMessage;
import io.tstore.core.commit.CommitMessageFormat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInput;
import java.io.DataInputStream;
import java.io.DataOutput;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The versioned binary form of writers' {@link CommitMessage}s, for what an engine ships from its writers to its
 * committer and keeps in its checkpoints (Flink's committables). Version 1, big-endian: a message is its partition,
 * bucket, total buckets and its five file lists (new, changelog, compact before, compact after, compact changelog);
 * a list of messages is its size and its messages. Every version reads the versions before it, so that an engine's
 * state stays restorable by a newer release: an engine keeps the version it wrote next to the bytes and passes it
 * back here.
 *
 * <p>Messages are also Java-serializable (in this form), for engines that ship them that way.
 */
public final class CommitMessageSerializer {
    /** The version this release writes. */
    public static final int VERSION = CommitMessageFormat.VERSION;

    private CommitMessageSerializer() {}

    /** One message as bytes of {@link #VERSION}. */
    public static byte[] serialize(CommitMessage message) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        CommitMessageFormat.write(message, out);
        out.flush();
        return bytes.toByteArray();
    }

    /**
     * A message from the bytes that {@link #serialize} of {@code version} wrote.
     *
     * @throws IOException naming the version when it is unknown, or when the bytes are corrupt
     */
    public static CommitMessage deserialize(int version, byte[] bytes) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
        CommitMessage message = CommitMessageFormat.read(version, in, "commit message");
        if (in.available() > 0) {
            throw new IOException("Corrupt commit message: " + in.available() + " bytes left");
        }
        return message;
    }

    /** Writes a list of messages into an engine's own framing: its size and its messages, of {@link #VERSION}. */
    public static void serializeList(List<CommitMessage> messages, DataOutput out) throws IOException {
        out.writeInt(messages.size());
        for (CommitMessage message : messages) {
            CommitMessageFormat.write(message, out);
        }
    }

    /** Reads a list that {@link #serializeList} of {@code version} wrote. */
    public static List<CommitMessage> deserializeList(int version, DataInput in) throws IOException {
        CommitMessageFormat.checkVersion(version);
        int count = in.readInt();
        if (count < 0) {
            throw new IOException("Corrupt list of commit messages: " + count + " messages");
        }
        List<CommitMessage> messages = new ArrayList<>(Math.min(count, 1024));
        for (int i = 0; i < count; i++) {
            messages.add(CommitMessageFormat.read(version, in, "commit message"));
        }
        return messages;
    }
}
