package io.tstore.flink.shell;

import io.tstore.core.catalog.FileSystemCatalog;
import io.tstore.core.table.Identifier;
import io.tstore.core.snapshot.SnapshotManager;
import io.tstore.flink.sink.FlinkTableSink;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import org.apache.flink.core.execution.JobClient;
import org.apache.flink.table.catalog.ObjectIdentifier;

/**
 * What a job that writes tstore tables has done so far: the rows its writers took, from the sink's job
 * accumulator {@value FlinkTableSink#ROWS_WRITTEN_ACCUMULATOR}, and the snapshots committed to its tables since
 * it started, from the tables' snapshot directories.
 *
 * <p>A batch job commits when it ends, a streaming job at each checkpoint. Accumulators of a running job reach
 * the job manager with the task managers' heartbeats, so the row count lags by a heartbeat interval.
 */
public final class JobProgress {

    /** One table the job writes, and its latest snapshot before the job. */
    private record Target(SnapshotManager snapshots, long startId) {}

    /**
     * A job's progress.
     *
     * @param rowsWritten the rows the writers took, or -1 when the job reports none (it writes no tstore table)
     * @param snapshots the snapshots committed to the job's tables since it started
     */
    public record Progress(long rowsWritten, int snapshots) {
        @Override
        public String toString() {
            String committed = snapshots + (snapshots == 1 ? " snapshot" : " snapshots") + " committed";
            return rowsWritten < 0 ? committed : rowsWritten + (rowsWritten == 1 ? " row" : " rows") + " written, "
                    + committed;
        }
    }

    private final List<Target> targets;
    private long lastRowsWritten = -1;

    private JobProgress(List<Target> targets) {
        this.targets = targets;
    }

    /**
     * Starts following a job that writes {@code sinks}, before it is submitted: the snapshots of the sinks whose
     * catalog has a warehouse ({@code catalogOptionsOf} gives the options of its {@code CREATE CATALOG}, with the
     * warehouse and the file IO's options, or null for other catalogs) count from their current latest snapshot on.
     */
    static JobProgress beforeSubmitting(List<ObjectIdentifier> sinks, Function<String, Map<String, String>> catalogOptionsOf) {
        List<Target> targets = new ArrayList<>();
        for (ObjectIdentifier sink : sinks) {
            Map<String, String> catalogOptions = catalogOptionsOf.apply(sink.getCatalogName());
            if (catalogOptions == null || catalogOptions.get("warehouse") == null) {
                continue;
            }
            try {
                FileSystemCatalog catalog = FileSystemCatalog.create(catalogOptions.get("warehouse"), catalogOptions);
                Identifier id = Identifier.of(sink.getDatabaseName(), sink.getObjectName());
                SnapshotManager snapshots = new SnapshotManager(catalog.fileIO(), catalog.tablePath(id));
                targets.add(new Target(snapshots, snapshots.latestSnapshotId().orElse(0)));
            } catch (IOException | RuntimeException e) {
                // Progress is informative only: a table it cannot read is left out of it.
            }
        }
        return new JobProgress(targets);
    }

    /** Whether the job writes tstore tables, whose progress this can tell. */
    boolean tracksAny() {
        return !targets.isEmpty();
    }

    /** The progress of the running {@code job}, as far as its accumulators have reached the job manager. */
    Progress running(JobClient job) {
        try {
            Map<String, Object> accumulators = job.getAccumulators().get(5, TimeUnit.SECONDS);
            lastRowsWritten = rowsWritten(accumulators);
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            // Not available right now (the job is starting or ending): show the last count.
        }
        return new Progress(lastRowsWritten, snapshots());
    }

    /** The progress of the finished job, from its final accumulators. */
    Progress finished(Map<String, Object> accumulators) {
        return new Progress(rowsWritten(accumulators), snapshots());
    }

    private static long rowsWritten(Map<String, Object> accumulators) {
        Object rows = accumulators.get(FlinkTableSink.ROWS_WRITTEN_ACCUMULATOR);
        return rows instanceof Long count ? count : -1;
    }

    private int snapshots() {
        int count = 0;
        for (Target target : targets) {
            try {
                OptionalLong latest = target.snapshots.latestSnapshotId();
                if (latest.isPresent() && latest.getAsLong() > target.startId) {
                    count += (int) (latest.getAsLong() - target.startId);
                }
            } catch (IOException | RuntimeException e) {
                // Unreadable for a moment: count the others.
            }
        }
        return count;
    }
}
