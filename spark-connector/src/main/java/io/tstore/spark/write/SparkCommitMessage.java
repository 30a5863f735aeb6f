package io.tstore.spark.write;

import io.tstore.core.commit.CommitMessage;

import org.apache.spark.sql.connector.write.WriterCommitMessage;

import java.util.List;

/** What one writer task hands the driver: its commit messages, as bytes. */
public final class SparkCommitMessage implements WriterCommitMessage {
    private static final long serialVersionUID = 1L;

    private final byte[] messages;

    SparkCommitMessage(List<CommitMessage> messages) {
        this.messages = CommitMessages.serialize(messages);
    }

    public List<CommitMessage> messages() {
        return CommitMessages.deserialize(messages);
    }
}
