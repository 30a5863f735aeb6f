package io.tstore.flink.source;

import io.tstore.core.connector.BucketOwner;
import io.tstore.core.table.DataSplit;
import io.tstore.core.table.Split;

import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.api.connector.source.SplitsAssignment;
import org.apache.flink.util.FlinkRuntimeException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static java.util.Objects.requireNonNull;

/**
 * Plans a tstore source's splits and hands them to readers that ask for them.
 *
 * <p>Bounded reads plan once, and give one split per request, so that fast readers take more. Streaming reads
 * plan every discovery interval; each split goes to the reader that owns its (partition, bucket), and a reader is
 * given all its pending splits at once, in planned order: the changes of one bucket are read by one reader in the
 * order of their snapshots. A reader only asks again once it has finished its splits, and planning pauses while
 * many splits wait, so a slow job is not flooded.
 *
 * <p>Planning runs on Flink's worker thread; its results are applied on the coordinator thread together with the
 * position planning continues from, so a checkpoint never records a position without the splits planned before it.
 */
final class TableSplitEnumerator implements SplitEnumerator<TableSourceSplit, TableEnumeratorState> {
    private static final Logger LOG = LoggerFactory.getLogger(TableSplitEnumerator.class);

    /** Streaming planning pauses while more than this many splits per reader wait for assignment. */
    private static final int MAX_PENDING_PER_READER = 64;

    private final SplitEnumeratorContext<TableSourceSplit> context;
    private final SplitPlanner planner;
    private final boolean streaming;
    private final long discoveryIntervalMillis;
    private final String tableName;
    private final boolean assignByBucket;

    private final LinkedList<TableSourceSplit> pending = new LinkedList<>();
    private final Set<Integer> awaiting = new LinkedHashSet<>();
    private final TreeMap<Long, Long> positionsOfCheckpoints = new TreeMap<>();
    private Long position;
    private boolean finished;
    private long nextSplitId;
    private volatile int pendingCount;

    TableSplitEnumerator(
            SplitEnumeratorContext<TableSourceSplit> context,
            SplitPlanner planner,
            boolean streaming,
            long discoveryIntervalMillis,
            String tableName,
            TableEnumeratorState restored) {
        this(context, planner, streaming, discoveryIntervalMillis, tableName, false, restored);
    }

    /**
     * @param assignByBucket whether streaming splits go to readers by bucket alone ({@link BucketOwner#ofBucket}), as a read
     *     of the log needs, instead of by partition and bucket
     */
    TableSplitEnumerator(
            SplitEnumeratorContext<TableSourceSplit> context,
            SplitPlanner planner,
            boolean streaming,
            long discoveryIntervalMillis,
            String tableName,
            boolean assignByBucket,
            TableEnumeratorState restored) {
        this.context = requireNonNull(context, "context is null");
        this.planner = requireNonNull(planner, "planner is null");
        this.streaming = streaming;
        this.discoveryIntervalMillis = discoveryIntervalMillis;
        this.tableName = requireNonNull(tableName, "tableName is null");
        this.assignByBucket = assignByBucket;
        if (restored != null) {
            position = restored.position();
            finished = restored.finished();
            nextSplitId = restored.nextSplitId();
            pending.addAll(restored.pending());
            pendingCount = pending.size();
            if (position != null) {
                planner.restore(position);
            }
        }
    }

    @Override
    public void start() {
        if (finished) {
            return;
        }
        if (streaming) {
            context.callAsync(this::planIfNotFlooded, this::onPlanned, 0, discoveryIntervalMillis);
        } else {
            context.callAsync(planner::plan, this::onPlanned);
        }
    }

    private SplitPlanner.Planned planIfNotFlooded() throws IOException {
        if (pendingCount > MAX_PENDING_PER_READER * Math.max(1, context.currentParallelism())) {
            return null;
        }
        return planner.plan();
    }

    private void onPlanned(SplitPlanner.Planned planned, Throwable error) {
        if (error != null) {
            throw new FlinkRuntimeException("Failed to plan the splits of table " + tableName, error);
        }
        if (planned == null) {
            return;
        }
        for (Split split : planned.splits()) {
            pending.add(new TableSourceSplit(String.valueOf(nextSplitId++), split, 0));
        }
        pendingCount = pending.size();
        position = planned.position();
        finished = planned.finished();
        if (!planned.splits().isEmpty()) {
            LOG.debug("Planned {} splits of {}; planning continues at {}", planned.splits().size(), tableName, position);
        }
        assignPending();
    }

    @Override
    public void handleSplitRequest(int subtask, String requesterHostname) {
        awaiting.add(subtask);
        assignPending();
    }

    @Override
    public void addSplitsBack(List<TableSourceSplit> splits, int subtask) {
        // They were assigned before anything pending now: they go first, in their order.
        pending.addAll(0, splits);
        pendingCount = pending.size();
        assignPending();
    }

    @Override
    public void addReader(int subtask) {
        // Readers ask for splits when they start.
    }

    private void assignPending() {
        Map<Integer, ?> registered = context.registeredReaders();
        Iterator<Integer> readers = awaiting.iterator();
        while (readers.hasNext()) {
            int reader = readers.next();
            if (!registered.containsKey(reader)) {
                continue;
            }
            List<TableSourceSplit> assigned = streaming ? takeOwnedBy(reader) : takeOne();
            if (!assigned.isEmpty()) {
                // One assignment, so that the reader gets them together and in order.
                context.assignSplits(new SplitsAssignment<>(Map.of(reader, assigned)));
                readers.remove();
            } else if (finished && pending.isEmpty()) {
                context.signalNoMoreSplits(reader);
                readers.remove();
            }
        }
        pendingCount = pending.size();
    }

    private List<TableSourceSplit> takeOne() {
        return pending.isEmpty() ? List.of() : List.of(pending.removeFirst());
    }

    private List<TableSourceSplit> takeOwnedBy(int reader) {
        int parallelism = context.currentParallelism();
        List<TableSourceSplit> owned = new ArrayList<>();
        Iterator<TableSourceSplit> it = pending.iterator();
        while (it.hasNext()) {
            TableSourceSplit split = it.next();
            if (ownerOf(split, parallelism, assignByBucket) == reader) {
                owned.add(split);
                it.remove();
            }
        }
        return owned;
    }

    /** The reader of a split in streaming mode: all splits of one (partition, bucket) go to the same reader. */
    static int ownerOf(TableSourceSplit split, int parallelism) {
        return ownerOf(split, parallelism, false);
    }

    /**
     * The reader of a split in streaming mode; by bucket alone, every partition's files of a bucket go to the reader
     * of that bucket's log.
     */
    static int ownerOf(TableSourceSplit split, int parallelism, boolean byBucket) {
        Split core = split.split();
        if (core instanceof LogSplit log) {
            return BucketOwner.ofBucket(log.bucket(), parallelism);
        }
        if (core instanceof DataSplit data) {
            return byBucket ? BucketOwner.ofBucket(data.bucket(), parallelism) : BucketOwner.of(data.partition(), data.bucket(), parallelism);
        }
        return Math.floorMod(split.splitId().hashCode(), parallelism);
    }

    @Override
    public TableEnumeratorState snapshotState(long checkpointId) {
        positionsOfCheckpoints.put(checkpointId, position);
        return new TableEnumeratorState(position, finished, nextSplitId, new ArrayList<>(pending));
    }

    @Override
    public void notifyCheckpointComplete(long checkpointId) throws Exception {
        Map.Entry<Long, Long> entry = positionsOfCheckpoints.floorEntry(checkpointId);
        positionsOfCheckpoints.headMap(checkpointId, true).clear();
        if (entry != null && entry.getKey() == checkpointId && entry.getValue() != null) {
            planner.notifyCheckpointComplete(entry.getValue());
        }
    }

    @Override
    public void close() throws IOException {
        planner.close();
    }
}
