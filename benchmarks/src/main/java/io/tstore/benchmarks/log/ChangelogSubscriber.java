package io.tstore.benchmarks.log;

import io.tstore.core.data.InternalRow;
import io.tstore.core.connector.HybridReader;
import io.tstore.core.log.LogStore;
import io.tstore.core.log.LogStores;
import io.tstore.core.table.DataReadBuilder;
import io.tstore.core.table.FileStoreTable;
import io.tstore.core.table.Split;
import io.tstore.core.table.StreamTableScan;
import io.tstore.core.table.TableRead;
import io.tstore.core.table.TableScan;
import io.tstore.lsm.RecordReader;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

import static java.util.Objects.requireNonNull;

/**
 * The subscriber of the latency benchmarks: a thread that follows a table's changes from the start, in one of two
 * ways, and notes for every row when it was written ({@link LatencyRows#sentNanos}) and when it saw it
 * ({@link System#nanoTime()} right after the row was returned to it):
 *
 * <ul>
 *   <li>{@link LatencyMode#NONE}: the table's snapshots, with a streaming scan ({@code newStreamScan()}) whose
 *       {@code plan()} it calls again every {@code snapshotPoll} while nothing new is committed, reading each
 *       plan's splits at once;
 *   <li>the log modes: a {@link HybridReader} from the latest snapshot (none at the start: the whole log).
 * </ul>
 *
 * It is independent of the writer, so the core benchmark and a Flink job can both be measured with it. Start it
 * before the first row is written; {@link #finish} when the writer has committed everything.
 */
public final class ChangelogSubscriber {
    private static final Duration LOG_POLL = Duration.ofMillis(50);

    private final FileStoreTable table;
    private final LatencyMode mode;
    private final Duration snapshotPoll;
    private final Thread thread;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private volatile long expectedRows = Long.MAX_VALUE;
    private volatile boolean stopped;
    // Written by the subscriber thread only; read by others after it ended (Thread.join orders the two).
    private long[] sent = new long[1 << 16];
    private long[] seen = new long[1 << 16];
    private int count;

    private ChangelogSubscriber(FileStoreTable table, LatencyMode mode, Duration snapshotPoll) {
        this.table = requireNonNull(table, "table is null");
        this.mode = requireNonNull(mode, "mode is null");
        this.snapshotPoll = requireNonNull(snapshotPoll, "snapshotPoll is null");
        this.thread = new Thread(this::follow, "subscriber-" + mode.modeName());
        this.thread.setDaemon(true);
    }

    /** Starts a subscriber of {@code table} in {@code mode}; {@code snapshotPoll} is the pause between empty plans. */
    public static ChangelogSubscriber start(FileStoreTable table, LatencyMode mode, Duration snapshotPoll) {
        ChangelogSubscriber subscriber = new ChangelogSubscriber(table, mode, snapshotPoll);
        subscriber.thread.start();
        return subscriber;
    }

    /**
     * Waits until the subscriber has seen {@code rows} rows (all the writer wrote) or {@code timeout} has passed,
     * stops it and returns what it saw. Fails with the subscriber's own error when it failed.
     */
    public Observed finish(long rows, Duration timeout) throws InterruptedException {
        expectedRows = rows;
        thread.join(timeout.toMillis());
        stopped = true;
        thread.join();
        if (failure.get() != null) {
            throw new IllegalStateException("The subscriber of " + table.name() + " (" + mode.modeName() + ") failed", failure.get());
        }
        return new Observed(Arrays.copyOf(sent, count), Arrays.copyOf(seen, count));
    }

    private void follow() {
        try {
            if (mode.usesLog()) {
                followLog();
            } else {
                followSnapshots();
            }
        } catch (Throwable t) {
            failure.set(t);
        }
    }

    private boolean running() {
        return !stopped && count < expectedRows;
    }

    private void followLog() throws Exception {
        try (LogStore log = LogStores.of(table).orElseThrow(() -> new IllegalStateException(
                        "Table " + table.name() + " has no log store (log.system), but mode " + mode.modeName() + " reads one"));
                HybridReader reader = HybridReader.fromLatestSnapshot(table, log)) {
            while (running()) {
                List<InternalRow> rows = reader.poll(LOG_POLL);
                long now = System.nanoTime();
                for (InternalRow row : rows) {
                    add(LatencyRows.sentNanos(row), now);
                }
            }
        }
    }

    private void followSnapshots() throws Exception {
        DataReadBuilder builder = table.newReadBuilder();
        StreamTableScan scan = builder.newStreamScan();
        TableRead read = builder.newRead();
        while (running()) {
            TableScan.Plan plan = scan.plan();
            if (plan.splits().isEmpty()) {
                LockSupport.parkNanos(snapshotPoll.toNanos());
                continue;
            }
            for (Split split : plan.splits()) {
                try (RecordReader<InternalRow> rows = read.createReader(split)) {
                    for (InternalRow row = rows.read(); row != null; row = rows.read()) {
                        add(LatencyRows.sentNanos(row), System.nanoTime());
                    }
                }
            }
        }
    }

    private void add(long sentNanos, long seenNanos) {
        if (count == sent.length) {
            sent = Arrays.copyOf(sent, count * 2);
            seen = Arrays.copyOf(seen, count * 2);
        }
        sent[count] = sentNanos;
        seen[count] = seenNanos;
        count++;
    }

    /** What a subscriber saw: per row, in the order seen, the write time and the time it saw the row (nanoTime). */
    public record Observed(long[] sentNanos, long[] seenNanos) {
        /** The number of rows seen. */
        public int rows() {
            return sentNanos.length;
        }

        /** The earliest write time seen, or {@link Long#MAX_VALUE} when nothing was seen. */
        public long firstSentNanos() {
            return Arrays.stream(sentNanos).min().orElse(Long.MAX_VALUE);
        }

        /** The latencies (ns) of the rows written at or after {@code fromNanos}, sorted. */
        public long[] latenciesOfRowsSentFrom(long fromNanos) {
            long[] latencies = new long[sentNanos.length];
            int n = 0;
            for (int i = 0; i < sentNanos.length; i++) {
                if (sentNanos[i] >= fromNanos) {
                    latencies[n++] = seenNanos[i] - sentNanos[i];
                }
            }
            long[] measured = Arrays.copyOf(latencies, n);
            Arrays.sort(measured);
            return measured;
        }
    }
}
