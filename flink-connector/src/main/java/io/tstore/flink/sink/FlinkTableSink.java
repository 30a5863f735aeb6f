package io.tstore.flink.sink;

import io.tstore.core.connector.TableHandle;
import io.tstore.core.options.CoreOptions;
import io.tstore.core.options.MergeEngine;
import io.tstore.core.table.FileStoreTable;
import io.tstore.lsm.RowKind;

import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.DataStreamSink;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.table.api.TableException;
import org.apache.flink.table.api.ValidationException;
import org.apache.flink.table.catalog.Column;
import org.apache.flink.table.connector.ChangelogMode;
import org.apache.flink.table.connector.ProviderContext;
import org.apache.flink.table.connector.RowLevelModificationScanContext;
import org.apache.flink.table.connector.sink.DataStreamSinkProvider;
import org.apache.flink.table.connector.sink.DynamicTableSink;
import org.apache.flink.table.connector.sink.abilities.SupportsOverwrite;
import org.apache.flink.table.connector.sink.abilities.SupportsPartitioning;
import org.apache.flink.table.connector.sink.abilities.SupportsRowLevelDelete;
import org.apache.flink.table.connector.sink.abilities.SupportsRowLevelUpdate;
import org.apache.flink.table.connector.sink.abilities.SupportsTruncate;
import org.apache.flink.table.data.RowData;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static java.util.Objects.requireNonNull;

/**
 * Writes a tstore table from Flink: {@code INSERT INTO}, {@code INSERT OVERWRITE} (of static partitions, of the
 * partitions written, or of the whole table), and, on primary-key tables, row-level {@code UPDATE} and
 * {@code DELETE}, and {@code TRUNCATE TABLE}. Primary-key tables take a changelog (+I, +U and -D: upserts and deletes by key); tables without
 * primary key take inserts only.
 *
 * <p>The job it adds: rows are shuffled by (partition, bucket) to the writers ({@link BucketShuffle},
 * {@link TableWriteOperator}), which hand their files to one committer ({@link CommitterOperator}) that commits
 * once per completed checkpoint, or once at the end of a batch job. A table with a log ({@code log.system}) is
 * shuffled by bucket alone, and the writers send every row to the log as well, exactly once with
 * {@code log.consistency = transactional} (see {@link TableWriteOperator}); an overwrite is not sent to the log.
 */
public final class FlinkTableSink implements DynamicTableSink, SupportsOverwrite, SupportsPartitioning,
        SupportsRowLevelUpdate, SupportsRowLevelDelete, SupportsTruncate {
    /**
     * The job accumulator (a long) of the rows the writers took, for progress reports; summed over the sinks of a
     * job, and counted again for rows written again after a restart.
     */
    public static final String ROWS_WRITTEN_ACCUMULATOR = "tstore.rows-written";

    /** The job accumulator (a long) of the commits the committers made, summed over the sinks of a job. */
    public static final String COMMITS_ACCUMULATOR = "tstore.commits";

    private final FileStoreTable table;
    private final Integer parallelism;
    private boolean overwrite;
    private Map<String, String> staticPartition = new LinkedHashMap<>();
    private RowKind forcedKind;

    /** @param parallelism the writers' parallelism, or null for the job's default */
    public FlinkTableSink(FileStoreTable table, Integer parallelism) {
        this.table = requireNonNull(table, "table is null");
        this.parallelism = parallelism;
    }

    /**
     * Tables without primary key take inserts only. Primary-key tables take what comes; with the deduplicate merge
     * engine an update needs only its +U (the new version replaces the old by key), so -U is dropped, while other
     * merge engines (aggregation, partial update) see -U as the retraction it is.
     */
    @Override
    public ChangelogMode getChangelogMode(ChangelogMode requestedMode) {
        if (!table.hasPrimaryKey()) {
            return ChangelogMode.insertOnly();
        }
        if (table.options().get(CoreOptions.MERGE_ENGINE) != MergeEngine.DEDUPLICATE) {
            return requestedMode;
        }
        ChangelogMode.Builder mode = ChangelogMode.newBuilder();
        for (org.apache.flink.types.RowKind kind : requestedMode.getContainedKinds()) {
            if (kind != org.apache.flink.types.RowKind.UPDATE_BEFORE) {
                mode.addContainedKind(kind);
            }
        }
        return mode.build();
    }

    @Override
    public SinkRuntimeProvider getSinkRuntimeProvider(Context context) {
        return new DataStreamSinkProvider() {
            @Override
            public DataStreamSink<?> consumeDataStream(ProviderContext providerContext, DataStream<RowData> input) {
                return build(providerContext, input);
            }
        };
    }

    private DataStreamSink<?> build(ProviderContext providerContext, DataStream<RowData> input) {
        StreamExecutionEnvironment env = input.getExecutionEnvironment();
        boolean batch = env.getConfiguration().get(ExecutionOptions.RUNTIME_MODE) == RuntimeExecutionMode.BATCH;
        boolean commitOnCheckpoint = !batch && env.getCheckpointConfig().isCheckpointingEnabled();
        if (overwrite && !batch) {
            throw new ValidationException("Table " + table.name() + ": INSERT OVERWRITE runs in batch mode only");
        }
        TableHandle handle = TableHandle.of(table);
        // the writers and the committer of a new job share it; a restored job keeps the one of its state
        String commitUser = UUID.randomUUID().toString();

        DataStream<RowData> shuffled = input.partitionCustom(
                new BucketShuffle.OwnerPartitioner(handle), new BucketShuffle.RowKey());
        SingleOutputStreamOperator<Committable> written = shuffled.transform(
                "Writer: " + table.name(), new CommittableTypeInfo(),
                new TableWriteOperator(handle, overwrite, forcedKind, commitUser, commitOnCheckpoint));
        if (parallelism != null) {
            written.setParallelism(parallelism);
        }
        providerContext.generateUid("writer").ifPresent(written::uid);

        SingleOutputStreamOperator<Void> committed = written.transform(
                        "Committer: " + table.name(), Types.VOID,
                        new CommitterOperator(handle, commitUser, commitOnCheckpoint, overwrite, staticPartition.isEmpty() ? null : staticPartition))
                .setParallelism(1)
                .setMaxParallelism(1);
        providerContext.generateUid("committer").ifPresent(committed::uid);
        DataStreamSink<Void> end = committed.sinkTo(new DiscardingSink<>()).name("End: " + table.name()).setParallelism(1);
        providerContext.generateUid("end").ifPresent(end::uid);
        return end;
    }

    @Override
    public void applyOverwrite(boolean newOverwrite) {
        this.overwrite = newOverwrite;
    }

    @Override
    public void applyStaticPartition(Map<String, String> partition) {
        this.staticPartition = new LinkedHashMap<>(partition);
    }

    @Override
    public RowLevelUpdateInfo applyRowLevelUpdate(List<Column> updatedColumns, RowLevelModificationScanContext context) {
        checkRowLevelModification("UPDATE");
        for (Column column : updatedColumns) {
            if (table.schema().primaryKeys().contains(column.getName())) {
                throw new ValidationException(String.format(
                        "Table %s: UPDATE cannot change primary key column '%s'; delete the row and insert the new one instead",
                        table.name(), column.getName()));
            }
        }
        forcedKind = RowKind.UPDATE_AFTER;
        return new RowLevelUpdateInfo() {};
    }

    @Override
    public RowLevelDeleteInfo applyRowLevelDelete(RowLevelModificationScanContext context) {
        checkRowLevelModification("DELETE");
        forcedKind = RowKind.DELETE;
        return new RowLevelDeleteInfo() {};
    }

    /** Rows of UPDATE and DELETE are upserts and deletes by key, which mean just that with the deduplicate merge engine only. */
    private void checkRowLevelModification(String statement) {
        if (!table.hasPrimaryKey()) {
            throw new ValidationException(String.format(
                    "Table %s has no primary key; %s needs one to find the rows it changes", table.name(), statement));
        }
        MergeEngine engine = table.options().get(CoreOptions.MERGE_ENGINE);
        if (engine != MergeEngine.DEDUPLICATE) {
            throw new ValidationException(String.format(
                    "Table %s: %s is supported with merge-engine 'deduplicate' only, but the table's is '%s'",
                    table.name(), statement, engine));
        }
    }

    /** {@code TRUNCATE TABLE}: one OVERWRITE snapshot without files, right away, without a job. */
    @Override
    public void executeTruncation() {
        try {
            table.newCommit(UUID.randomUUID().toString()).overwrite(Map.of(), Committable.END_INPUT, List.of());
        } catch (IOException e) {
            throw new TableException("Table " + table.name() + ": cannot truncate: " + e.getMessage(), e);
        }
    }

    @Override
    public DynamicTableSink copy() {
        FlinkTableSink copy = new FlinkTableSink(table, parallelism);
        copy.overwrite = overwrite;
        copy.staticPartition = new LinkedHashMap<>(staticPartition);
        copy.forcedKind = forcedKind;
        return copy;
    }

    @Override
    public String asSummaryString() {
        return "tstore table " + table.name();
    }
}
