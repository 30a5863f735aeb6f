package io.tstore.spark.write;

import io.tstore.core.commit.CommitMessage;

import org.apache.spark.sql.connector.write.WriterCommitMessage;

import java.util.ArrayList;
import java.util.List;

/**
 * What one writer task hands the driver: its commit messages. They travel Java-serialized, as {@code CommitMessage}
 * is (in the core's versioned form); nothing keeps them beyond the job, so no version of ours goes beside them.
 */
public final class SparkCommitMessage implements WriterCommitMessage {
    private static final long serialVersionUID = 2L;

    private final ArrayList<CommitMessage> messages;

    SparkCommitMessage(List<CommitMessage> messages) {
        this.messages = new ArrayList<>(messages);
    }

    public List<CommitMessage> messages() {
        return List.copyOf(messages);
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
