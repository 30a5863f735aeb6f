package io.tstore.flink.sink;

import io.tstore.core.commit.CommitMessage;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * What one writer subtask prepared for one checkpoint: the commit messages of the buckets it changed. The
 * committer commits all committables of a checkpoint as one commit whose identifier is the checkpoint id;
 * {@link #END_INPUT} marks what writers prepared at the end of a bounded input.
 */
public record Committable(long checkpointId, List<CommitMessage> messages) {
    /** The checkpoint id of what writers prepare when their input ends: after every real checkpoint. */
    public static final long END_INPUT = Long.MAX_VALUE;

    public Committable {
        messages = List.copyOf(requireNonNull(messages, "messages is null"));
    }
}
