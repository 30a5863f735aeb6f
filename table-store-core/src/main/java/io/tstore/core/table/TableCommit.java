package io.tstore.core.table;

import io.tstore.core.commit.CommitMessage;
import io.tstore.core.commit.FileStoreCommit;
import io.tstore.core.commit.ManifestCommittable;
import io.tstore.core.data.BinaryRow;
import io.tstore.core.data.RowComparator;
import io.tstore.core.file.DataFileMeta;
import io.tstore.core.file.PartitionNames;
import io.tstore.core.file.TablePaths;
import io.tstore.core.fs.Path;
import io.tstore.core.lifecycle.SnapshotExpiration;
import io.tstore.core.options.MaintenanceOptions;
import io.tstore.core.schema.TableSchema;
import io.tstore.core.types.RowType;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import static java.util.Objects.requireNonNull;

/**
 * Commits writers' messages to a table as one commit user: appends (with compaction results) or overwrites of
 * the whole table, of static partitions, or of the partitions written.
 */
public final class TableCommit {
    private static final Logger LOG = LoggerFactory.getLogger(TableCommit.class);

    private final FileStoreTable table;
    private final FileStoreCommit commit;
    private final RowType partitionType;
    private final PartitionNames partitionNames;

    public TableCommit(FileStoreTable table, String commitUser) {
        this.table = requireNonNull(table, "table is null");
        TableSchema schema = table.schema();
        this.partitionType = schema.logicalPartitionType();
        this.partitionNames = new PartitionNames(partitionType);
        Comparator<BinaryRow> keyComparator = null;
        if (table.hasPrimaryKey()) {
            RowComparator keyOrder = new RowComparator(schema.logicalTrimmedPrimaryKeyType());
            keyComparator = keyOrder::compare;
        }
        this.commit = new FileStoreCommit(table.fileIO(), table.location(), table.name(), commitUser, schema.id(),
                partitionType, keyComparator, schema.options(), System::currentTimeMillis);
    }

    /** Drops the identifiers this commit user has already committed (for retries after a failure). */
    public List<ManifestCommittable> filterCommitted(List<ManifestCommittable> committables) throws IOException {
        return commit.filterCommitted(committables);
    }

    public void commit(long identifier, List<CommitMessage> messages) throws IOException {
        checkNotDropped();
        if (commit.commit(new ManifestCommittable(identifier, messages)) > 0) {
            expireAfterCommit();
        }
    }

    /**
     * Replaces data with the messages' files in one snapshot.
     *
     * @param staticPartition the partition values to replace, by field name: all partitions matching them (empty:
     *     the whole table); null to replace exactly the partitions the messages write (the whole table when it is
     *     not partitioned)
     */
    public void overwrite(Map<String, String> staticPartition, long identifier, List<CommitMessage> messages) throws IOException {
        checkNotDropped();
        Predicate<BinaryRow> partitions;
        if (staticPartition == null) {
            Set<BinaryRow> written = new HashSet<>();
            for (CommitMessage message : messages) {
                written.add(message.partition());
            }
            partitions = partitionType.fieldCount() == 0 ? p -> true : written::contains;
        } else {
            partitions = staticFilter(staticPartition);
            for (CommitMessage message : messages) {
                if (!partitions.test(message.partition())) {
                    throw new IllegalArgumentException(String.format(
                            "Overwrite of partition %s of table %s received a row of partition %s",
                            staticPartition, table.name(), partitionNames.describe(message.partition())));
                }
            }
        }
        commit.overwrite(partitions, new ManifestCommittable(identifier, messages));
        expireAfterCommit();
    }

    /**
     * Expires snapshots by the table's options once a commit has landed, unless the table is {@code write-only}
     * (then a separate compaction process expires). A failure is logged, not thrown: the commit has landed, and
     * the next commit's expiry continues where this one stopped.
     */
    private void expireAfterCommit() {
        if (table.options().get(MaintenanceOptions.WRITE_ONLY)) {
            return;
        }
        try {
            new SnapshotExpiration(table).expire();
        } catch (IOException | RuntimeException e) {
            LOG.warn("Table {}: snapshot expiry after a commit failed; the next commit retries it", table.name(), e);
        }
    }

    private Predicate<BinaryRow> staticFilter(Map<String, String> spec) {
        int[] fields = new int[spec.size()];
        String[] values = new String[spec.size()];
        int i = 0;
        for (Map.Entry<String, String> entry : spec.entrySet()) {
            int index = partitionType.fieldNames().indexOf(entry.getKey());
            if (index < 0) {
                throw new IllegalArgumentException(String.format(
                        "'%s' is not a partition key of table %s; its partition keys are %s",
                        entry.getKey(), table.name(), partitionType.fieldNames()));
            }
            fields[i] = index;
            values[i++] = entry.getValue() == null ? PartitionNames.DEFAULT_PARTITION_NAME : entry.getValue();
        }
        return partition -> {
            for (int f = 0; f < fields.length; f++) {
                if (!partitionNames.valueString(fields[f], partition).equals(values[f])) {
                    return false;
                }
            }
            return true;
        };
    }

    /**
     * Deletes the files of messages whose commit failed, except those that landed: a commit makes an APPEND and
     * then a COMPACT snapshot, and when the second fails (a conflict with another compaction, an I/O error) the
     * first has landed and its new files belong to the table. So the files that this commit user's latest commit
     * added are kept. When that cannot be read, nothing is deleted: garbage is better than a missing file.
     */
    public void abort(List<CommitMessage> messages) {
        Set<String> landed;
        try {
            landed = commit.filesAddedByLatestCommit();
        } catch (IOException | RuntimeException e) {
            LOG.warn("Table {}: cannot tell which files of an aborted commit landed; leaving all of them", table.name(), e);
            return;
        }
        TablePaths paths = new TablePaths(table.location(), partitionType);
        for (CommitMessage message : messages) {
            for (DataFileMeta file : message.writtenFiles()) {
                if (!landed.contains(file.fileName())) {
                    table.fileIO().deleteQuietly(new Path(paths.bucketPath(message.partition(), message.bucket()), file.fileName()));
                }
            }
        }
    }

    private void checkNotDropped() throws IOException {
        if (table.schemaManager().listIds().isEmpty()) {
            throw new IllegalStateException("Table " + table.name() + " was dropped; nothing was committed");
        }
    }
}
