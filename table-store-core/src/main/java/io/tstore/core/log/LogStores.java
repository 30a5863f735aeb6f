package io.tstore.core.log;

import io.tstore.core.options.LogOptions;
import io.tstore.core.table.FileStoreTable;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;

/** Finds the log system of a table among the {@link LogStoreFactory}s on the classpath. */
public final class LogStores {
    private static final Logger LOG = LoggerFactory.getLogger(LogStores.class);

    private LogStores() {}

    /** The factories on the classpath of this class's loader, in the order {@link ServiceLoader} finds them. */
    public static List<LogStoreFactory> factories() {
        List<LogStoreFactory> factories = new ArrayList<>();
        ServiceLoader.load(LogStoreFactory.class, LogStores.class.getClassLoader()).forEach(factories::add);
        return factories;
    }

    /**
     * The factory of a log system.
     *
     * @throws IllegalArgumentException naming the table, the option and the value when none is on the classpath
     */
    public static LogStoreFactory factory(String logSystem, String tableName) {
        List<String> known = new ArrayList<>();
        for (LogStoreFactory factory : factories()) {
            if (factory.identifier().equalsIgnoreCase(logSystem)) {
                return factory;
            }
            known.add(factory.identifier());
        }
        throw new IllegalArgumentException(String.format(
                "Table %s: option '%s' = '%s', but no log system of that name is on the classpath (found: %s). "
                        + "For kafka, add io.tstore:log-store to the classpath.",
                tableName, LogOptions.LOG_SYSTEM.key(), logSystem, known.isEmpty() ? "none" : String.join(", ", known)));
    }

    /** Whether the table has a log: its {@code log.system} is not {@code none}. */
    public static boolean hasLog(FileStoreTable table) {
        return !table.options().get(LogOptions.LOG_SYSTEM).equalsIgnoreCase(LogOptions.NONE);
    }

    /** The log store of a table, or empty when its {@code log.system} is {@code none}. Close what it returns. */
    public static Optional<LogStore> of(FileStoreTable table) {
        if (!hasLog(table)) {
            return Optional.empty();
        }
        String logSystem = table.options().get(LogOptions.LOG_SYSTEM);
        return Optional.of(factory(logSystem, table.name()).create(table));
    }

    /**
     * The hook a catalog calls after it created a table: creates the table's log (or checks the one that exists)
     * when its {@code log.system} is not {@code none}.
     */
    public static void createLog(FileStoreTable table) throws IOException {
        Optional<LogStore> log = of(table);
        if (log.isPresent()) {
            try (LogStore store = log.get()) {
                store.createLog();
            }
        }
    }

    /**
     * The hook a catalog calls after it dropped a table: deletes the table's log when its {@code log.system} is not
     * {@code none}. The table is gone already, so a failure is logged (naming the log left behind), not thrown.
     */
    public static void dropLog(FileStoreTable table) {
        Optional<LogStore> log;
        try {
            log = of(table);
        } catch (RuntimeException e) {
            LOG.warn("Table {} was dropped, but its log could not be found to delete it", table.name(), e);
            return;
        }
        if (log.isPresent()) {
            try (LogStore store = log.get()) {
                store.dropLog();
            } catch (IOException | RuntimeException e) {
                LOG.warn("Table {} was dropped, but its log, {}, could not be deleted; delete it by hand",
                        table.name(), log.get().describe(), e);
            }
        }
    }
}
