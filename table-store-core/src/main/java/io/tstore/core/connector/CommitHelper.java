package io.tstore.core.connector;

import io.tstore.core.commit.CommitMessage;
import io.tstore.core.commit.ManifestCommittable;
import io.tstore.core.table.FileStoreTable;
import io.tstore.core.table.TableCommit;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * The committing side of an engine's write, for one commit user: commits what the writers prepared, exactly once
 * per identifier, and deletes the files of a commit that failed.
 *
 * <ul>
 *   <li>Streaming (a commit per checkpoint): keep the {@link PendingCommit}s in the engine's state and pass them to
 *       {@link #commit(Collection)} once they are durable, again after a restore: what landed before is skipped.</li>
 *   <li>A bounded write (one commit at the end): {@link #commitOrAbort} or {@link #overwriteOrAbort}, which delete
 *       the files of a commit that failed before it landed.</li>
 * </ul>
 */
public final class CommitHelper {
    private final FileStoreTable table;
    private final TableCommit commit;

    /** @param commitUser the engine job's commit user, kept across its restarts (its state holds it) */
    public CommitHelper(FileStoreTable table, String commitUser) {
        this.table = requireNonNull(table, "table is null");
        this.commit = table.newCommit(requireNonNull(commitUser, "commitUser is null"));
    }

    /** Of {@code commits}, those this commit user has not committed yet, in identifier order. */
    public List<PendingCommit> filterCommitted(Collection<PendingCommit> commits) throws IOException {
        List<PendingCommit> sorted = new ArrayList<>(commits);
        sorted.sort(Comparator.comparingLong(PendingCommit::identifier));
        List<ManifestCommittable> committables = new ArrayList<>(sorted.size());
        for (PendingCommit pending : sorted) {
            committables.add(new ManifestCommittable(pending.identifier(), pending.messages(), pending.logOffsets()));
        }
        List<ManifestCommittable> notCommitted = commit.filterCommitted(committables);
        List<PendingCommit> result = new ArrayList<>(notCommitted.size());
        int next = 0;
        for (ManifestCommittable committable : notCommitted) {
            while (sorted.get(next).identifier() != committable.identifier()) {
                next++;
            }
            result.add(sorted.get(next++));
        }
        return result;
    }

    /**
     * Commits, in identifier order, those of {@code commits} that this commit user has not committed yet, each as
     * one commit with its log offsets. Calling it again with the same commits after a failure (or after a restore)
     * commits each exactly once. Nothing is deleted on failure: the commits stay in the engine's state for the retry.
     *
     * @return how many it committed now
     */
    public int commit(Collection<PendingCommit> commits) throws IOException {
        List<PendingCommit> toCommit = filterCommitted(commits);
        for (PendingCommit pending : toCommit) {
            commit.commit(pending.identifier(), pending.messages(), pending.logOffsets());
        }
        return toCommit.size();
    }

    /**
     * The one commit of a bounded write: commits it unless this commit user has committed its identifier already,
     * and when the commit fails, deletes the files that did not land ({@link #abort}) and rethrows.
     *
     * @return whether it committed now
     */
    public boolean commitOrAbort(PendingCommit pending) throws IOException {
        if (filterCommitted(List.of(pending)).isEmpty()) {
            return false;
        }
        try {
            commit.commit(pending.identifier(), pending.messages(), pending.logOffsets());
            return true;
        } catch (IOException | RuntimeException e) {
            abort(pending.messages());
            throw e;
        }
    }

    /**
     * Replaces data with the commit's files in one snapshot, unless this commit user has committed its identifier
     * already; on failure deletes the files that did not land and rethrows. An overwrite without messages empties
     * what it replaces. Log offsets are not recorded: an overwrite is not expressed in the log.
     *
     * @param staticPartition the partition values to replace, by partition key, checked and compared as
     *     {@link PartitionSpecs#normalize} does: every partition that matches them, the whole table when empty; null
     *     to replace exactly the partitions written (the whole table when it is not partitioned)
     * @return whether it committed now
     * @throws IllegalArgumentException naming the table when the static partition names a column that is not a
     *     partition key or a value not of its type, or a message writes outside it
     */
    public boolean overwriteOrAbort(Map<String, String> staticPartition, PendingCommit pending) throws IOException {
        if (filterCommitted(List.of(pending)).isEmpty()) {
            return false;
        }
        try {
            // typed values compare as partition directories write them: hr=03 of an INT key is hr=3
            Map<String, String> partitions = staticPartition == null ? null : PartitionSpecs.normalize(table, staticPartition);
            commit.overwrite(partitions, pending.identifier(), pending.messages());
            return true;
        } catch (IOException | RuntimeException e) {
            abort(pending.messages());
            throw e;
        }
    }

    /**
     * Deletes the files of messages that will not be committed, except those that this commit user's latest commit
     * added (a commit that failed halfway may have landed its first snapshot). When that cannot be told, nothing is
     * deleted: garbage is better than a missing file.
     */
    public void abort(List<CommitMessage> messages) {
        commit.abort(messages);
    }

    /** The table committed to. */
    public FileStoreTable table() {
        return table;
    }
}
