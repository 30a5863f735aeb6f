package io.tstore.flink.source;

import io.tstore.core.connector.ReadDescription;
import io.tstore.core.connector.StreamingChanges;
import io.tstore.core.connector.TableHandle;
import io.tstore.core.table.FileStoreTable;
import io.tstore.core.table.ReadBuilder;
import io.tstore.core.table.Table;
import io.tstore.core.types.RowType;

import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.table.data.RowData;

import static java.util.Objects.requireNonNull;

/**
 * The Flink source (FLIP-27) of a tstore table, data or system table: bounded, reading one snapshot, or unbounded,
 * following the table's changes. The enumerator ({@link TableSplitEnumerator}) plans splits on the coordinator;
 * readers ({@link TableSourceReader}) read them into {@link RowData} with row kinds. A streaming read of a table with
 * a log store reads the starting snapshot's files and then the log ({@link LogSplitPlanner}, {@link LogSplit}).
 */
public final class TableStoreSource implements Source<RowData, TableSourceSplit, TableEnumeratorState> {
    private static final long serialVersionUID = 1L;

    private final TableHandle table;
    private final ReadDescription spec;
    private final boolean streaming;
    private final long discoveryIntervalMillis;
    private final boolean readLog;
    private final TableSourceSplitSerializer splitSerializer;

    /**
     * @param table the table to read
     * @param rowType the table's row type
     * @param spec the projection, filter and limit pushed into the read
     * @param streaming whether to follow the table's changes (unbounded) instead of reading one snapshot
     * @param discoveryIntervalMillis how often a streaming read looks for new snapshots
     */
    public TableStoreSource(TableHandle table, RowType rowType, ReadDescription spec, boolean streaming, long discoveryIntervalMillis) {
        this(table, rowType, spec, streaming, discoveryIntervalMillis, false);
    }

    /**
     * @param readLog whether a streaming read of a data table continues from its log store after the snapshot it
     *     starts at ({@link LogSplitPlanner}) instead of following its snapshots
     */
    public TableStoreSource(
            TableHandle table, RowType rowType, ReadDescription spec, boolean streaming, long discoveryIntervalMillis, boolean readLog) {
        if (readLog && !streaming) {
            throw new IllegalArgumentException("Only a streaming read of table " + table.name() + " can read its log");
        }
        this.readLog = readLog;
        this.table = requireNonNull(table, "table is null");
        this.spec = requireNonNull(spec, "spec is null");
        this.streaming = streaming;
        if (streaming && discoveryIntervalMillis <= 0) {
            throw new IllegalArgumentException("The discovery interval of a streaming read of table " + table.name()
                    + " must be positive: " + discoveryIntervalMillis + " ms");
        }
        this.discoveryIntervalMillis = discoveryIntervalMillis;
        this.splitSerializer = new TableSourceSplitSerializer(rowType);
    }

    @Override
    public Boundedness getBoundedness() {
        return streaming ? Boundedness.CONTINUOUS_UNBOUNDED : Boundedness.BOUNDED;
    }

    @Override
    public SplitEnumerator<TableSourceSplit, TableEnumeratorState> createEnumerator(
            SplitEnumeratorContext<TableSourceSplit> context) {
        return restoreEnumerator(context, null);
    }

    @Override
    public SplitEnumerator<TableSourceSplit, TableEnumeratorState> restoreEnumerator(
            SplitEnumeratorContext<TableSourceSplit> context, TableEnumeratorState checkpoint) {
        Table loaded = table.load();
        ReadBuilder builder = spec.apply(loaded);
        SplitPlanner planner;
        if (readLog) {
            planner = new LogSplitPlanner(dataTable(loaded), spec);
        } else {
            planner = streaming ? StreamSplitPlanner.create(builder) : new BatchSplitPlanner(builder);
        }
        return new TableSplitEnumerator(context, planner, streaming, discoveryIntervalMillis, table.name(), readLog, checkpoint);
    }

    @Override
    public SimpleVersionedSerializer<TableSourceSplit> getSplitSerializer() {
        return splitSerializer;
    }

    @Override
    public SimpleVersionedSerializer<TableEnumeratorState> getEnumeratorCheckpointSerializer() {
        return new TableEnumeratorState.Serializer(splitSerializer);
    }

    @Override
    public SourceReader<RowData, TableSourceSplit> createReader(SourceReaderContext context) {
        Table loaded = table.load();
        ReadBuilder builder = spec.apply(loaded);
        TableSplitReader.LogRead log = null;
        if (readLog) {
            FileStoreTable data = dataTable(loaded);
            log = new TableSplitReader.LogRead(data, spec, StreamingChanges.logGivesUpserts(data));
        }
        return new TableSourceReader(builder.newRead(), spec.limit(), log, context);
    }

    private FileStoreTable dataTable(Table loaded) {
        if (!(loaded instanceof FileStoreTable data)) {
            throw new IllegalArgumentException("Table " + table.name() + " has no log to read: it is not a data table");
        }
        return data;
    }
}
