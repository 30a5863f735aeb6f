package io.tstore.spark.write;

import io.tstore.core.commit.CommitMessage;
import io.tstore.core.connector.CommitMessageSerializer;

import org.apache.spark.sql.connector.write.WriterCommitMessage;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * What one writer task hands the driver: its commit messages, held as the core's versioned bytes
 * ({@link CommitMessageSerializer}). Spark ships a task's result with its configured serializer: with Kryo
 * ({@code spark.serializer}), a message object itself cannot travel (Kryo's field serializer refuses records), a byte
 * array and an int always can. Nothing keeps them beyond the job.
 */
public final class SparkCommitMessage implements WriterCommitMessage {
    private static final long serialVersionUID = 3L;

    private final int version;
    private final byte[] bytes;

    SparkCommitMessage(List<CommitMessage> messages) {
        try {
            ByteArrayOutputStream buffer = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(buffer);
            CommitMessageSerializer.serializeList(messages, out);
            out.flush();
            this.version = CommitMessageSerializer.VERSION;
            this.bytes = buffer.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot serialize the commit messages of a Spark write task", e);
        }
    }

    public List<CommitMessage> messages() {
        try {
            return List.copyOf(CommitMessageSerializer.deserializeList(version,
                    new DataInputStream(new ByteArrayInputStream(bytes))));
        } catch (IOException e) {
            throw new UncheckedIOException("Corrupt commit messages of a Spark write task", e);
        }
    }

    /** The commit messages of all tasks of a job (or of a micro-batch). */
    public static List<CommitMessage> collect(WriterCommitMessage[] messages) {
        List<CommitMessage> all = new ArrayList<>();
        for (WriterCommitMessage message : messages) {
            if (message instanceof SparkCommitMessage spark) {
                all.addAll(spark.messages());
            }
        }
        return all;
    }
}
