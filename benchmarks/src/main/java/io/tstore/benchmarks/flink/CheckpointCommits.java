package io.tstore.benchmarks.flink;

import io.tstore.core.snapshot.CommitKind;
import io.tstore.core.snapshot.Snapshot;

import org.apache.flink.runtime.checkpoint.AbstractCheckpointStats;
import org.apache.flink.runtime.checkpoint.CheckpointStatsStatus;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Pairs the commits of a streaming write job with the checkpoints that made them, from two records kept by the
 * systems themselves: the table's snapshots (commit identifier = checkpoint id, and {@code timeMillis}, taken after
 * the commit's manifests are written, right before the snapshot file is published) and Flink's checkpoint
 * history (trigger time, time of the last acknowledgement). Both clocks are the same JVM's wall clock.
 *
 * <p>The connector's committer commits checkpoint n's files when checkpoint n completes; at the end of a bounded
 * input the files written after the last barrier are committed with the identifier {@code Long.MAX_VALUE} when the
 * final checkpoint completes, so that commit is paired with the last completed checkpoint before it.
 */
final class CheckpointCommits {
    static final long END_INPUT = Long.MAX_VALUE;

    /** One commit: the snapshots of one commit identifier and the checkpoint that it belongs to. */
    record Commit(long checkpointId, long triggerMillis, long completeMillis, long committedMillis,
            List<Snapshot> snapshots, boolean endOfInput) {
        /** From the checkpoint's trigger to the commit's last snapshot: how long the rows of a checkpoint stay invisible after the barrier. */
        long triggerToCommitMillis() {
            return committedMillis - triggerMillis;
        }

        /** From the checkpoint's last acknowledgement to the commit's last snapshot: the notification and the commit. */
        long completeToCommitMillis() {
            return committedMillis - completeMillis;
        }

        long appendedRecords() {
            return snapshots.stream().filter(s -> s.commitKind() == CommitKind.APPEND).mapToLong(Snapshot::deltaRecordCount).sum();
        }

        String kinds() {
            StringBuilder kinds = new StringBuilder();
            for (Snapshot s : snapshots) {
                kinds.append(kinds.length() == 0 ? "" : "+").append(s.commitKind());
            }
            return kinds.toString();
        }
    }

    private CheckpointCommits() {}

    /**
     * The commits of {@code commitUser} among {@code snapshots}, in commit order, each with its checkpoint among
     * {@code checkpoints} (the job's checkpoint history).
     *
     * @throws IllegalStateException when a commit has no completed checkpoint in the history
     */
    static List<Commit> pair(List<Snapshot> snapshots, String commitUser, List<AbstractCheckpointStats> checkpoints) {
        TreeMap<Long, AbstractCheckpointStats> completed = new TreeMap<>();
        for (AbstractCheckpointStats checkpoint : checkpoints) {
            if (checkpoint.getStatus() == CheckpointStatsStatus.COMPLETED) {
                completed.put(checkpoint.getCheckpointId(), checkpoint);
            }
        }
        Map<Long, List<Snapshot>> byIdentifier = new LinkedHashMap<>();
        snapshots.stream()
                .filter(s -> s.commitUser().equals(commitUser))
                .sorted(Comparator.comparingLong(Snapshot::id))
                .forEach(s -> byIdentifier.computeIfAbsent(s.commitIdentifier(), id -> new ArrayList<>()).add(s));
        List<Commit> commits = new ArrayList<>();
        for (Map.Entry<Long, List<Snapshot>> entry : byIdentifier.entrySet()) {
            List<Snapshot> of = entry.getValue();
            long committed = of.stream().mapToLong(Snapshot::timeMillis).max().orElseThrow();
            boolean endOfInput = entry.getKey() == END_INPUT;
            AbstractCheckpointStats checkpoint;
            if (endOfInput) {
                checkpoint = completed.values().stream()
                        .filter(c -> c.getLatestAckTimestamp() <= committed)
                        .max(Comparator.comparingLong(AbstractCheckpointStats::getCheckpointId))
                        .orElse(null);
            } else {
                checkpoint = completed.get(entry.getKey());
            }
            if (checkpoint == null) {
                throw new IllegalStateException("No completed checkpoint in the job's history for the commit of snapshots "
                        + of + "; is web.checkpoints.history large enough?");
            }
            commits.add(new Commit(checkpoint.getCheckpointId(), checkpoint.getTriggerTimestamp(),
                    checkpoint.getLatestAckTimestamp(), committed, List.copyOf(of), endOfInput));
        }
        return commits;
    }

    /** The nearest-rank percentile {@code p} (0 < p <= 1) of {@code values}; NaN for none. */
    static double percentile(List<Long> values, double p) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Long> sorted = new ArrayList<>(values);
        sorted.sort(null);
        int rank = (int) Math.ceil(p * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }
}
