package io.tstore.spark.write;

import io.tstore.core.commit.CommitMessage;
import io.tstore.core.data.BinaryRow;
import io.tstore.core.file.DataFileMetaSerializer;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Commit messages as bytes, from writer tasks to the driver: the count, then per message its partition, bucket,
 * total buckets and five file lists, as the format's {@code DataFileMetaSerializer} writes them.
 *
 * <p>TODO(connector-layer): the commit-message serializer of {@code io.tstore.core.connector} replaces this class
 * once it lands; it is the one class of this module that reaches into the core's inside ({@code file}), and
 * SparkArchitectureTest excludes it by name until then.
 */
final class CommitMessages {
    private CommitMessages() {}

    static byte[] serialize(List<CommitMessage> messages) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(messages.size());
            for (CommitMessage message : messages) {
                DataFileMetaSerializer.writeRow(message.partition(), out);
                out.writeInt(message.bucket());
                out.writeInt(message.totalBuckets());
                DataFileMetaSerializer.writeFiles(message.newFiles(), out);
                DataFileMetaSerializer.writeFiles(message.changelogFiles(), out);
                DataFileMetaSerializer.writeFiles(message.compactBefore(), out);
                DataFileMetaSerializer.writeFiles(message.compactAfter(), out);
                DataFileMetaSerializer.writeFiles(message.compactChangelog(), out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a byte array does not fail
        }
        return bytes.toByteArray();
    }

    static List<CommitMessage> deserialize(byte[] bytes) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            int count = in.readInt();
            List<CommitMessage> messages = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                BinaryRow partition = DataFileMetaSerializer.readRow(in, "Spark commit message");
                int bucket = in.readInt();
                int totalBuckets = in.readInt();
                messages.add(new CommitMessage(partition, bucket, totalBuckets,
                        DataFileMetaSerializer.readFiles(in, "Spark commit message"),
                        DataFileMetaSerializer.readFiles(in, "Spark commit message"),
                        DataFileMetaSerializer.readFiles(in, "Spark commit message"),
                        DataFileMetaSerializer.readFiles(in, "Spark commit message"),
                        DataFileMetaSerializer.readFiles(in, "Spark commit message")));
            }
            return messages;
        } catch (IOException e) {
            throw new UncheckedIOException("Corrupt commit message from a Spark writer task", e);
        }
    }
}
