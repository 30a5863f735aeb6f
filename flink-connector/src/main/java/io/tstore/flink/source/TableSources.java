package io.tstore.flink.source;

import io.tstore.core.table.FileStoreTable;

import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.table.api.ValidationException;
import org.apache.flink.table.factories.DynamicTableFactory;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/** Builds the planner's source of a tstore table from a table factory's context. */
public final class TableSources {
    private TableSources() {}

    /**
     * The source of the table of a factory's context: a system table ({@link SystemCatalogTable}), or the data table
     * that {@code dataTable} finds for the context.
     */
    public static TableStoreDynamicSource create(
            DynamicTableFactory.Context context, Function<DynamicTableFactory.Context, FileStoreTable> dataTable) {
        if (context.getCatalogTable().getOrigin() instanceof SystemCatalogTable system) {
            return new TableStoreDynamicSource(system.table(), system.handle(), isStreaming(context));
        }
        return create(dataTable.apply(context), context);
    }

    /**
     * The source of a data table: with the context's dynamic options (OPTIONS hints such as
     * {@code scan.snapshot-id}) applied to the table for this query only, bounded in batch mode.
     */
    public static TableStoreDynamicSource create(FileStoreTable table, DynamicTableFactory.Context context) {
        FileStoreTable withOptions;
        try {
            withOptions = table.copy(dynamicOptions(table, context.getCatalogTable().getOptions()));
        } catch (IllegalArgumentException e) {
            throw new ValidationException(e.getMessage(), e);
        }
        return TableStoreDynamicSource.of(withOptions, isStreaming(context));
    }

    /** Whether the query runs in streaming mode. */
    public static boolean isStreaming(DynamicTableFactory.Context context) {
        return context.getConfiguration().get(ExecutionOptions.RUNTIME_MODE) != RuntimeExecutionMode.BATCH;
    }

    /** The options the planner's table has that the stored table does not have, or has with another value. */
    static Map<String, String> dynamicOptions(FileStoreTable table, Map<String, String> plannerOptions) {
        Map<String, String> stored = table.options().toMap();
        Map<String, String> dynamic = new HashMap<>();
        plannerOptions.forEach((key, value) -> {
            if (!Objects.equals(stored.get(key), value)) {
                dynamic.put(key, value);
            }
        });
        return dynamic;
    }
}
