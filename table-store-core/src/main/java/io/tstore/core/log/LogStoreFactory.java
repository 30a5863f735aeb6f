package io.tstore.core.log;

import io.tstore.core.options.TableOptionsProvider;
import io.tstore.core.table.FileStoreTable;
import io.tstore.options.ConfigOption;

import java.util.List;

/**
 * A log system that can carry a table's changelog beside its files, found with {@link java.util.ServiceLoader}
 * (register implementations in {@code META-INF/services/io.tstore.core.log.LogStoreFactory}) under its
 * {@link #identifier()}, the value of the table option {@code log.system}. Engines reach it through
 * {@link LogStores#of(FileStoreTable)} and never name the log system.
 */
public interface LogStoreFactory extends TableOptionsProvider {

    /** The value of {@code log.system} that selects this log system, e.g. {@code kafka}. */
    String identifier();

    /**
     * The table options this log system adds (for Kafka the {@code kafka.*} options); table option validation
     * accepts them when this factory is also registered as a {@link TableOptionsProvider}.
     */
    @Override
    List<ConfigOption<?>> options();

    /** The log store of one table; fails naming the table and the option when the table's options are not enough. */
    LogStore create(FileStoreTable table);
}
