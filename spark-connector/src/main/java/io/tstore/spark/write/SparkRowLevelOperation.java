package io.tstore.spark.write;

import io.tstore.core.connector.RowLevelChanges;
import io.tstore.core.connector.TableHandle;
import io.tstore.core.table.FileStoreTable;
import io.tstore.spark.read.SparkScanBuilder;

import org.apache.spark.sql.connector.expressions.Expressions;
import org.apache.spark.sql.connector.expressions.NamedReference;
import org.apache.spark.sql.connector.read.ScanBuilder;
import org.apache.spark.sql.connector.write.DeltaWrite;
import org.apache.spark.sql.connector.write.DeltaWriteBuilder;
import org.apache.spark.sql.connector.write.LogicalWriteInfo;
import org.apache.spark.sql.connector.write.RowLevelOperationInfo;
import org.apache.spark.sql.connector.write.SupportsDelta;
import org.apache.spark.sql.util.CaseInsensitiveStringMap;

import static java.util.Objects.requireNonNull;

/**
 * {@code DELETE}, {@code UPDATE} or {@code MERGE INTO} of a primary-key table as a delta: Spark reads the rows the
 * statement touches through the table's scan and hands the writer deletes and upserts keyed by the primary key (the
 * row id), which go into the LSM tree as records ({@link SparkDeltaWrite}); no file is rewritten. Whether the table
 * can take the statement is checked here, when Spark plans it, by the core's {@link RowLevelChanges}: a MERGE,
 * whose clauses Spark does not show the source, is checked for updates here and for deletes by the writer, before
 * it writes the first one.
 */
public final class SparkRowLevelOperation implements SupportsDelta {
    private final FileStoreTable table;
    private final TableHandle handle;
    private final Command command;

    public SparkRowLevelOperation(FileStoreTable table, TableHandle handle, RowLevelOperationInfo info) {
        this.table = requireNonNull(table, "table is null");
        this.handle = requireNonNull(handle, "handle is null");
        this.command = info.command();
        switch (command) {
            case DELETE -> RowLevelChanges.checkDeletes(table, "DELETE");
            case UPDATE -> RowLevelChanges.checkUpdates(table, "UPDATE");
            case MERGE -> RowLevelChanges.checkUpdates(table, "MERGE INTO");
            default -> throw new UnsupportedOperationException("Table " + table.name() + " cannot take " + command);
        }
        if (!info.options().isEmpty()) {
            throw new IllegalArgumentException("Table " + table.name() + " takes no options from Spark for " + command
                    + " (got " + info.options().keySet() + "); set table options with ALTER TABLE");
        }
    }

    @Override
    public Command command() {
        return command;
    }

    @Override
    public String description() {
        return "tstore " + command + " of " + table.name() + " as deltas by primary key " + table.primaryKeys();
    }

    @Override
    public ScanBuilder newScanBuilder(CaseInsensitiveStringMap options) {
        return new SparkScanBuilder(table, handle, options);
    }

    @Override
    public NamedReference[] rowId() {
        return table.primaryKeys().stream().map(Expressions::column).toArray(NamedReference[]::new);
    }

    @Override
    public DeltaWriteBuilder newWriteBuilder(LogicalWriteInfo info) {
        return new DeltaWriteBuilder() {
            @Override
            public DeltaWrite build() {
                return new SparkDeltaWrite(table, info.queryId(), command);
            }
        };
    }
}
