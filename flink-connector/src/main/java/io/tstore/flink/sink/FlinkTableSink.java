package io.tstore.flink.sink;

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
import org.apache.flink.table.data.RowData;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * Writes a tstore table from Flink: {@code INSERT INTO}, {@code INSERT OVERWRITE} (of static partitions, of the
 * partitions written, or of the whole table), and, on primary-key tables, row-level {@code UPDATE} and
 * {@code DELETE}. Primary-key tables take a changelog (+I, +U and -D: upserts and deletes by key); tables without
 * primary key take inserts only.
 *
 * <p>The job it adds: rows are shuffled by (partition, bucket) to the writers ({@link BucketShuffle},
 * {@link TableWriteOperator}), which hand their files to one committer ({@link CommitterOperator}) that commits
 * once per completed checkpoint, or once at the end of a batch job.
 */
public final class FlinkTableSink implements DynamicTableSink, SupportsOverwrite, SupportsPartitioning,
        SupportsRowLevelUpdate, SupportsRowLevelDelete {
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

    @Override
    public ChangelogMode getChangelogMode(ChangelogMode requestedMode) {
        return table.hasPrimaryKey() ? ChangelogMode.upsert() : ChangelogMode.insertOnly();
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
        TableLoader loader = new TableLoader(table);

        DataStream<RowData> shuffled = input.partitionCustom(
                new BucketShuffle.ChannelPartitioner(), new BucketShuffle.BucketKeySelector(loader));
        SingleOutputStreamOperator<Committable> written = shuffled.transform(
                "Writer: " + table.name(), new CommittableTypeInfo(), new TableWriteOperator(loader, overwrite, forcedKind));
        if (parallelism != null) {
            written.setParallelism(parallelism);
        }
        providerContext.generateUid("writer").ifPresent(written::uid);

        SingleOutputStreamOperator<Void> committed = written.transform(
                        "Committer: " + table.name(), Types.VOID,
                        new CommitterOperator(loader, commitOnCheckpoint, overwrite, staticPartition.isEmpty() ? null : staticPartition))
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
