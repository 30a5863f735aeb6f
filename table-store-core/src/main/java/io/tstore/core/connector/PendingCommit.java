package io.tstore.core.connector;

import io.tstore.core.commit.CommitMessage;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static java.util.Objects.requireNonNull;

/**
 * What an engine commits as one commit of its commit user: the identifier that makes retries idempotent (increasing
 * per commit user: a checkpoint id, an epoch, or one constant for a one-off batch), the writers' messages, and,
 * when the table has a log, per bucket the log offset after the last record of this commit (the snapshot's
 * {@code logOffsets}).
 */
public record PendingCommit(long identifier, List<CommitMessage> messages, Map<Integer, Long> logOffsets) {

    public PendingCommit {
        messages = List.copyOf(requireNonNull(messages, "messages is null"));
        logOffsets = Collections.unmodifiableMap(new TreeMap<>(requireNonNull(logOffsets, "logOffsets is null")));
    }

    /** A commit of a table without a log. */
    public static PendingCommit of(long identifier, List<CommitMessage> messages) {
        return new PendingCommit(identifier, messages, Map.of());
    }

    /** Whether it carries nothing to commit. */
    public boolean isEmpty() {
        return messages.isEmpty() && logOffsets.isEmpty();
    }

    /**
     * This commit and another part of the same commit from another writer: the messages of both, and per log bucket
     * the later offset (a bucket has one writer, so one part has it; a part that was retried repeats it).
     *
     * @throws IllegalArgumentException when the identifiers differ
     */
    public PendingCommit merge(PendingCommit other) {
        if (other.identifier != identifier) {
            throw new IllegalArgumentException("Cannot merge commit " + other.identifier + " into commit " + identifier);
        }
        List<CommitMessage> merged = new ArrayList<>(messages);
        merged.addAll(other.messages);
        Map<Integer, Long> offsets = new TreeMap<>(logOffsets);
        other.logOffsets.forEach((bucket, offset) -> offsets.merge(bucket, offset, Math::max));
        return new PendingCommit(identifier, merged, offsets);
    }
}
