package io.tstore.flink.sink;

import io.tstore.core.commit.CommitMessage;
import io.tstore.core.connector.PendingCommit;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static java.util.Objects.requireNonNull;

/**
 * What one writer subtask prepared for one checkpoint: the commit messages of the buckets it changed and, when the
 * table has a log, per bucket it sent records to, the log offset after its last record (the snapshot's
 * {@code logOffsets}). The committer commits all committables of a checkpoint as one commit whose identifier is
 * the checkpoint id; {@link #END_INPUT} marks what writers prepared at the end of a bounded input.
 */
public record Committable(long checkpointId, List<CommitMessage> messages, Map<Integer, Long> logOffsets) {
    /** The checkpoint id of what writers prepare when their input ends: after every real checkpoint. */
    public static final long END_INPUT = Long.MAX_VALUE;

    public Committable {
        messages = List.copyOf(requireNonNull(messages, "messages is null"));
        logOffsets = java.util.Collections.unmodifiableMap(new TreeMap<>(requireNonNull(logOffsets, "logOffsets is null")));
    }

    /** A committable of a table without a log. */
    public Committable(long checkpointId, List<CommitMessage> messages) {
        this(checkpointId, messages, Map.of());
    }

    /** Whether it carries nothing to commit. */
    public boolean isEmpty() {
        return messages.isEmpty() && logOffsets.isEmpty();
    }

    /** The core's form of it: the commit of identifier {@link #checkpointId}. */
    public PendingCommit toPendingCommit() {
        return new PendingCommit(checkpointId, messages, logOffsets);
    }

    /** The committables of one checkpoint from several writers, as one ({@link PendingCommit#merge}). */
    public Committable merge(Committable other) {
        PendingCommit merged = toPendingCommit().merge(other.toPendingCommit());
        return new Committable(merged.identifier(), merged.messages(), merged.logOffsets());
    }
}
