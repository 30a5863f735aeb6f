package io.tstore.core.commit;

import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * Everything one commit of one commit user brings: the identifier that makes retries idempotent (increasing per
 * user, e.g. a checkpoint id), the writers' messages, and the log offsets per bucket when a log store is on.
 */
public record ManifestCommittable(long identifier, List<CommitMessage> messages, Map<Integer, Long> logOffsets) {

    public ManifestCommittable {
        messages = List.copyOf(requireNonNull(messages, "messages is null"));
        logOffsets = logOffsets == null ? null : Map.copyOf(logOffsets);
    }

    public ManifestCommittable(long identifier, List<CommitMessage> messages) {
        this(identifier, messages, null);
    }
}
