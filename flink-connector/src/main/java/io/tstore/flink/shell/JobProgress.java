package io.tstore.flink.shell;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.Function;

import io.tstore.core.catalog.FileSystemCatalog;
import io.tstore.core.catalog.Identifier;
import io.tstore.core.snapshot.CommitKind;
import io.tstore.core.snapshot.Snapshot;
import io.tstore.core.snapshot.SnapshotManager;

import org.apache.flink.table.catalog.ObjectIdentifier;

/**
 * What a writing job has committed so far, read from the snapshots of the tables it writes: the
 * snapshots committed since the job started and the rows they added.
 *
 * <p>Rows count once they are committed, so a batch job shows them when it ends and a streaming
 * job at each checkpoint. Tables outside a {@code tablestore} catalog are not tracked.
 */
final class JobProgress {

    /** One table the job writes, and its latest snapshot before the job. */
    private record Target(ObjectIdentifier table, SnapshotManager snapshots, long startId) {}

    /** Committed work so far: snapshots and the rows that APPEND and OVERWRITE snapshots added. */
    record Committed(int snapshots, long rows) {}

    private final List<Target> targets;

    private JobProgress(List<Target> targets) {
        this.targets = targets;
    }

    /**
     * Tracks {@code sinks} whose catalog has a warehouse ({@code warehouseOf} returns null for the
     * others), from their current latest snapshots.
     */
    static JobProgress start(List<ObjectIdentifier> sinks, Function<String, String> warehouseOf) {
        List<Target> targets = new ArrayList<>();
        for (ObjectIdentifier sink : sinks) {
            String warehouse = warehouseOf.apply(sink.getCatalogName());
            if (warehouse == null) {
                continue;
            }
            try {
                FileSystemCatalog catalog = FileSystemCatalog.create(warehouse, Map.of());
                Identifier id = Identifier.of(sink.getDatabaseName(), sink.getObjectName());
                SnapshotManager snapshots = new SnapshotManager(catalog.fileIO(), catalog.tablePath(id));
                OptionalLong latest = snapshots.latestSnapshotId();
                targets.add(new Target(sink, snapshots, latest.orElse(0)));
            } catch (IOException | RuntimeException e) {
                // Progress is informative only: a table it cannot read is left out of it.
            }
        }
        return new JobProgress(targets);
    }

    /** Whether any table of the job is tracked. */
    boolean tracksAny() {
        return !targets.isEmpty();
    }

    /** Reads what has been committed since the job started. */
    Committed committed() {
        int count = 0;
        long rows = 0;
        for (Target target : targets) {
            try {
                OptionalLong latest = target.snapshots.latestSnapshotId();
                if (latest.isEmpty()) {
                    continue;
                }
                for (long id = target.startId + 1; id <= latest.getAsLong(); id++) {
                    Snapshot snapshot = target.snapshots.snapshot(id);
                    count++;
                    if (snapshot.commitKind() != CommitKind.COMPACT) {
                        rows += snapshot.deltaRecordCount();
                    }
                }
            } catch (IOException | RuntimeException e) {
                // An expired or half-written snapshot: report the others.
            }
        }
        return new Committed(count, rows);
    }
}
