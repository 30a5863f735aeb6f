package io.tstore.spark.stream;

import io.tstore.core.table.DataSplit;
import io.tstore.core.table.FileStoreTable;
import io.tstore.core.table.Split;
import io.tstore.core.table.StreamTableScan;
import io.tstore.core.table.TableScan;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * The driver's side of a streaming read: the core's {@link StreamTableScan} of the data table, positioned at a
 * {@link StreamOffset}, handing out the changes of one snapshot (or a starting full read) at a time. Steps taken
 * from the scan but not yet admitted to a micro-batch wait in a look-ahead. Snapshots with nothing to read
 * (a compaction without changelog, an empty commit) are passed over by the scan, so they never hold a stream up.
 */
final class StreamPlanner {
    /** What one snapshot adds to a micro-batch: its splits, and the position after it. */
    record Step(long snapshotId, long nextAfter, List<Split> splits) {
        int files() {
            int files = 0;
            for (Split split : splits) {
                files += split instanceof DataSplit data ? data.files().size() + data.beforeFiles().size() : 1;
            }
            return files;
        }
    }

    private final FileStoreTable table;
    private final Deque<Step> lookahead = new ArrayDeque<>();
    private StreamTableScan scan;
    /** The position of the scan minus the look-ahead; null before the first reset. */
    private StreamOffset position;

    StreamPlanner(FileStoreTable table) {
        this.table = table;
    }

    /**
     * Starts a new read per the table's scan options (or its consumer's recorded position): returns the position of
     * the start, with the first step (when there is one) in the look-ahead.
     */
    StreamOffset start() throws IOException {
        lookahead.clear();
        scan = table.newReadBuilder().newStreamScan();
        TableScan.Plan plan = scan.plan();
        Long snapshot = plan.snapshotId();
        if (snapshot == null || plan.splits().isEmpty()) {
            // Nothing yet, or a full read of an empty snapshot: the scan's position is the start.
            position = StreamOffset.at(scan.checkpoint());
            return position;
        }
        Step step = new Step(snapshot, snapshot + 1, plan.splits());
        lookahead.add(step);
        boolean full = plan.splits().get(0) instanceof DataSplit data && data.kind() == DataSplit.Kind.SNAPSHOT;
        position = full ? StreamOffset.beforeFullRead(snapshot) : StreamOffset.at(snapshot);
        return position;
    }

    /** The position the next step starts at; null before a start or reset. */
    StreamOffset position() {
        return position;
    }

    /** Positions the planner at an offset (a no-op when it is there already). */
    void resetTo(StreamOffset offset) throws IOException {
        if (offset.equals(position)) {
            return;
        }
        lookahead.clear();
        scan = table.newReadBuilder().newStreamScan();
        if (offset.full() != null) {
            long snapshot = offset.full();
            TableScan.Plan plan = table.newReadBuilder().withSnapshot(snapshot).newScan().plan();
            if (!plan.splits().isEmpty()) {
                lookahead.add(new Step(snapshot, snapshot + 1, plan.splits()));
            }
        }
        scan.restore(offset.next());
        position = offset;
    }

    /** The next step, or null when nothing new is committed. */
    Step next() throws IOException {
        Step step = lookahead.poll();
        if (step == null) {
            TableScan.Plan plan = scan.plan();
            if (plan.snapshotId() == null) {
                return null;
            }
            step = new Step(plan.snapshotId(), plan.snapshotId() + 1, plan.splits());
        }
        position = StreamOffset.at(step.nextAfter());
        return step;
    }

    /** Gives back a step taken by {@link #next()} that the micro-batch did not admit. */
    void pushBack(Step step, StreamOffset before) {
        lookahead.push(step);
        position = before;
    }

    /** Records the consumer's position ({@code consumer-id}) once Spark has committed a batch ending there. */
    void committed(StreamOffset end) throws IOException {
        StreamTableScan recorder = scan != null ? scan : table.newReadBuilder().newStreamScan();
        recorder.notifyCheckpointComplete(end.next());
    }
}
