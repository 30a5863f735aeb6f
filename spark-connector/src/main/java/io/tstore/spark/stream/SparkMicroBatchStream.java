package io.tstore.spark.stream;

import io.tstore.core.connector.StreamingChanges;
import io.tstore.core.connector.TableHandle;
import io.tstore.core.system.SystemTables;
import io.tstore.core.table.DataSplit;
import io.tstore.core.table.FileStoreTable;
import io.tstore.core.table.Split;

import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.connector.read.InputPartition;
import org.apache.spark.sql.connector.read.PartitionReaderFactory;
import org.apache.spark.sql.connector.read.streaming.MicroBatchStream;
import org.apache.spark.sql.connector.read.streaming.Offset;
import org.apache.spark.sql.connector.read.streaming.ReadLimit;
import org.apache.spark.sql.connector.read.streaming.ReadMaxFiles;
import org.apache.spark.sql.connector.read.streaming.SupportsTriggerAvailableNow;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * A Structured Streaming read of a table's changes, in micro-batches, over the core's streaming scan: offsets are
 * snapshot ids ({@link StreamOffset}), each micro-batch reads the changes of whole snapshots (and first, when the
 * scan mode says so, a snapshot in full), as the table's changelog producer gives them. Streaming the data table
 * gives its rows (tables whose changes are inserts only); streaming {@code t$audit_log} gives every change with its
 * row kind ({@code rowkind}: +I, -U, +U, -D).
 *
 * <p>The start is taken once, when the query first starts, and kept beside Spark's checkpoint, so a micro-batch
 * replayed after a restart reads what it read before; a restarted query continues from its checkpoint and reads
 * nothing twice. With {@code consumer-id}, each batch Spark commits records the consumer's position, as Flink's
 * source does on a completed checkpoint.
 */
public final class SparkMicroBatchStream implements MicroBatchStream, SupportsTriggerAvailableNow {
    private static final String INITIAL_OFFSET_FILE = "tstore-initial-offset";

    private final FileStoreTable table;
    private final TableHandle readHandle;
    private final StreamReadOptions options;
    private final Path checkpoint;
    private final StreamPlanner planner;
    /** Micro-batches planned by {@link #latestOffset}, by start and end, until Spark plans their partitions. */
    private final Map<List<String>, List<Split>> batches = new HashMap<>();
    private StreamOffset initial;
    private StreamOffset lastRecorded;
    /** Trigger.AvailableNow: the last snapshot to read. */
    private Long availableNowEnd;

    /**
     * @param handle the handle of the table streamed: a data table or its {@code audit_log}
     * @param queryOptions the query's read options (admission limits and table options)
     * @param checkpointLocation where Spark keeps this source's metadata
     */
    public SparkMicroBatchStream(TableHandle handle, Map<String, String> queryOptions, String checkpointLocation) {
        FileStoreTable data = handle.loadDataTable();
        this.options = StreamReadOptions.of(data.name(), queryOptions);
        this.table = data.copy(options.tableOptions());
        if (handle.isSystemTable()) {
            String systemTable = handle.name().substring(handle.name().lastIndexOf(SystemTables.SEPARATOR) + 1);
            if (!systemTable.equals(SystemTables.AUDIT_LOG)) {
                throw new UnsupportedOperationException("Table " + handle.name() + " has no changes to follow: "
                        + "only a data table and its " + SystemTables.SEPARATOR + SystemTables.AUDIT_LOG + " can be streamed");
            }
            this.readHandle = TableHandle.ofSystemTable(table, systemTable);
        } else {
            StreamingChanges changes = StreamingChanges.of(table);
            if (changes != StreamingChanges.INSERTS) {
                throw new UnsupportedOperationException("Table " + table.name() + " has updates and deletes in its "
                        + "changes (" + changes + "), which a stream of its rows cannot show: stream "
                        + table.identifier().database() + ".`" + table.identifier().table() + SystemTables.SEPARATOR
                        + SystemTables.AUDIT_LOG + "`, whose column rowkind holds each row's kind (+I, -U, +U, -D)");
            }
            this.readHandle = TableHandle.of(table);
        }
        this.checkpoint = new Path(checkpointLocation);
        this.planner = new StreamPlanner(table);
    }

    @Override
    public synchronized Offset initialOffset() {
        if (initial == null) {
            try {
                initial = readInitialOffset();
                if (initial == null) {
                    initial = planner.start();
                    writeInitialOffset(initial);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot start a streaming read of table " + table.name(), e);
            }
        }
        return initial;
    }

    @Override
    public Offset deserializeOffset(String json) {
        return StreamOffset.fromJson(json);
    }

    @Override
    public ReadLimit getDefaultReadLimit() {
        if (options.maxSnapshotsPerTrigger() == Integer.MAX_VALUE) {
            return options.maxFilesPerTrigger() == Integer.MAX_VALUE
                    ? ReadLimit.allAvailable() : ReadLimit.maxFiles(options.maxFilesPerTrigger());
        }
        return new AdmissionLimit(options.maxFilesPerTrigger(), options.maxSnapshotsPerTrigger());
    }

    /** The read options' limits per micro-batch, when they limit snapshots (Spark has no limit of its own for those). */
    private record AdmissionLimit(int maxFiles, int maxSnapshots) implements ReadLimit {}

    @Override
    public Offset latestOffset() {
        throw new UnsupportedOperationException("latestOffset(Offset, ReadLimit) is used for table " + table.name());
    }

    @Override
    public synchronized void prepareForTriggerAvailableNow() {
        try {
            OptionalLong latest = table.snapshotManager().latestSnapshotId();
            availableNowEnd = latest.isPresent() ? latest.getAsLong() : 0L;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the latest snapshot of table " + table.name(), e);
        }
    }

    @Override
    public synchronized Offset latestOffset(Offset startOffset, ReadLimit limit) {
        StreamOffset start = (StreamOffset) startOffset;
        int maxFiles = Integer.MAX_VALUE;
        int maxSnapshots = Integer.MAX_VALUE;
        if (limit instanceof ReadMaxFiles files) {
            maxFiles = files.maxFiles();
        } else if (limit instanceof AdmissionLimit admission) {
            maxFiles = admission.maxFiles();
            maxSnapshots = admission.maxSnapshots();
        }
        try {
            if (!start.equals(initial)) {
                // Spark asks for the next batch once the batch ending at start is in its commit log (after a
                // restart, once it has run the batch it had not committed): the reader's checkpoint is durable.
                recordConsumer(start);
            }
            planner.resetTo(start);
            List<Split> splits = new ArrayList<>();
            int files = 0;
            int snapshots = 0;
            while (snapshots < maxSnapshots) {
                StreamOffset before = planner.position();
                StreamPlanner.Step step = planner.next();
                if (step == null) {
                    break;
                }
                boolean beyondEnd = availableNowEnd != null && step.snapshotId() > availableNowEnd;
                if (beyondEnd || (snapshots > 0 && files + step.files() > maxFiles)) {
                    planner.pushBack(step, before);
                    break;
                }
                splits.addAll(step.splits());
                files += step.files();
                snapshots++;
            }
            StreamOffset end = planner.position();
            if (snapshots == 0) {
                // Nothing to read; when only empty snapshots passed, the next batch starts after them anyway.
                return start;
            }
            batches.put(List.of(start.json(), end.json()), splits);
            return end;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot plan a micro-batch of table " + table.name() + " from " + start.json(), e);
        }
    }

    @Override
    public synchronized InputPartition[] planInputPartitions(Offset startOffset, Offset endOffset) {
        StreamOffset start = (StreamOffset) startOffset;
        StreamOffset end = (StreamOffset) endOffset;
        List<Split> splits = batches.remove(List.of(start.json(), end.json()));
        if (splits == null) {
            splits = replay(start, end);
        }
        // One partition per (partition, bucket), its splits in plan order: a key's changes stay in order.
        Map<List<Object>, List<Split>> byBucket = new LinkedHashMap<>();
        for (Split split : splits) {
            DataSplit data = (DataSplit) split;
            byBucket.computeIfAbsent(List.of(data.partition(), data.bucket()), k -> new ArrayList<>()).add(split);
        }
        List<InputPartition> partitions = new ArrayList<>(byBucket.size());
        for (List<Split> bucket : byBucket.values()) {
            partitions.add(new StreamInputPartition(bucket));
        }
        return partitions.toArray(new InputPartition[0]);
    }

    /** The splits of a micro-batch planned before a restart, planned again from its start to its end. */
    private List<Split> replay(StreamOffset start, StreamOffset end) {
        StreamPlanner replay = new StreamPlanner(table);
        List<Split> splits = new ArrayList<>();
        try {
            replay.resetTo(start);
            while (replay.position().next() < end.next() || replay.position().full() != null) {
                StreamPlanner.Step step = replay.next();
                if (step == null || step.nextAfter() > end.next()) {
                    throw new IllegalStateException("Table " + table.name() + ": cannot read the micro-batch from "
                            + start.json() + " to " + end.json() + " again: its snapshots are no longer there"
                            + " (expired or rolled back); set option 'consumer-id' so that expiry keeps what a reader needs");
                }
                splits.addAll(step.splits());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot plan the micro-batch of table " + table.name() + " from "
                    + start.json() + " to " + end.json(), e);
        }
        return splits;
    }

    @Override
    public PartitionReaderFactory createReaderFactory() {
        return new StreamReaderFactory(readHandle);
    }

    @Override
    public synchronized void commit(Offset end) {
        try {
            recordConsumer((StreamOffset) end);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot record the consumer of table " + table.name() + " at " + end.json(), e);
        }
    }

    /** Records the consumer's position ({@code consumer-id}) once, when a batch ending there is committed. */
    private void recordConsumer(StreamOffset end) throws IOException {
        if (end.full() == null && !end.equals(lastRecorded)) {
            planner.committed(end);
            lastRecorded = end;
        }
    }

    @Override
    public void stop() {}

    @Override
    public String toString() {
        return "tstore stream of " + readHandle.name();
    }

    private StreamOffset readInitialOffset() throws IOException {
        Path file = new Path(checkpoint, INITIAL_OFFSET_FILE);
        FileSystem fs = file.getFileSystem(hadoopConf());
        if (!fs.exists(file)) {
            return null;
        }
        try (FSDataInputStream in = fs.open(file)) {
            return StreamOffset.fromJson(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    private void writeInitialOffset(StreamOffset offset) throws IOException {
        Path file = new Path(checkpoint, INITIAL_OFFSET_FILE);
        Path temp = new Path(checkpoint, "." + INITIAL_OFFSET_FILE + ".tmp");
        FileSystem fs = file.getFileSystem(hadoopConf());
        fs.mkdirs(checkpoint);
        try (FSDataOutputStream out = fs.create(temp, true)) {
            out.write(offset.json().getBytes(StandardCharsets.UTF_8));
        }
        if (!fs.rename(temp, file)) {
            throw new IOException("Cannot keep the start of the streaming read of table " + table.name()
                    + " in " + file + ": the rename of " + temp + " failed");
        }
    }

    private static org.apache.hadoop.conf.Configuration hadoopConf() {
        return SparkSession.active().sessionState().newHadoopConf();
    }
}
