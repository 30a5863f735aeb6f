package io.tstore.trino;

import io.trino.spi.connector.ColumnHandle;
import io.trino.spi.statistics.ColumnStatistics;
import io.trino.spi.statistics.DoubleRange;
import io.trino.spi.statistics.Estimate;
import io.trino.spi.statistics.TableStatistics;
import io.tstore.core.data.Decimal;
import io.tstore.core.table.FileStoreTable;
import io.tstore.core.types.BigIntType;
import io.tstore.core.types.DataType;
import io.tstore.core.types.DateType;
import io.tstore.core.types.DecimalType;
import io.tstore.core.types.DoubleType;
import io.tstore.core.types.FloatType;
import io.tstore.core.types.IntType;
import io.tstore.core.types.SmallIntType;
import io.tstore.core.types.TinyIntType;

import java.io.IOException;
import java.util.Map;

/**
 * Trino's table statistics from the core's {@link io.tstore.core.connector.TableStatistics} of the snapshot a query
 * reads (the manifests only, no data file is opened): the row count, and per column the null fraction and, for
 * numbers, decimals and dates, the range (in the representation Trino's planner compares: the value, days for a
 * date).
 *
 * <p>Counts are of the records in the files: for a primary-key table an upper bound until a full compaction merges
 * its updates and deletes. They describe the whole snapshot; Trino applies the query's filters to them itself.
 */
final class TStoreStatistics {
    private TStoreStatistics() {}

    static TableStatistics of(FileStoreTable table, Long snapshotId, Map<String, ColumnHandle> columns) throws IOException {
        io.tstore.core.connector.TableStatistics stats = snapshotId == null
                ? io.tstore.core.connector.TableStatistics.of(table, null)
                : io.tstore.core.connector.TableStatistics.of(table, table.snapshotManager().snapshot(snapshotId));
        TableStatistics.Builder builder = TableStatistics.builder().setRowCount(Estimate.of(stats.rowCount()));
        if (stats.rowCount() == 0) {
            return builder.build();
        }
        for (Map.Entry<String, ColumnHandle> entry : columns.entrySet()) {
            io.tstore.core.connector.TableStatistics.ColumnStatistics column = stats.columns().get(entry.getKey());
            if (column == null) {
                continue;
            }
            DataType type = ((TStoreColumnHandle) entry.getValue()).coreType();
            ColumnStatistics.Builder columnBuilder = ColumnStatistics.builder();
            if (column.nullCount() >= 0) {
                columnBuilder.setNullsFraction(Estimate.of(Math.min(1.0, (double) column.nullCount() / stats.rowCount())));
            }
            Double min = asDouble(type, column.min());
            Double max = asDouble(type, column.max());
            if (min != null && max != null && min <= max) {
                columnBuilder.setRange(new DoubleRange(min, max));
            }
            builder.setColumnStatistics(entry.getValue(), columnBuilder.build());
        }
        return builder.build();
    }

    /** A value in internal form as a double of Trino's statistics, or null where that is not cheap or meaningful. */
    static Double asDouble(DataType type, Object value) {
        if (value == null) {
            return null;
        }
        if (type instanceof TinyIntType || type instanceof SmallIntType || type instanceof IntType
                || type instanceof BigIntType || type instanceof DateType) {
            return ((Number) value).doubleValue();
        }
        if (type instanceof FloatType || type instanceof DoubleType) {
            double d = ((Number) value).doubleValue();
            return Double.isNaN(d) ? null : d;
        }
        if (type instanceof DecimalType) {
            return ((Decimal) value).toBigDecimal().doubleValue();
        }
        return null;
    }
}
