package io.tstore.core.options;

import io.tstore.lsm.buffer.WriteBufferOptions;
import io.tstore.lsm.compact.CompactionOptions;
import io.tstore.lsm.lookup.LookupOptions;
import io.tstore.options.ConfigOption;
import io.tstore.options.OptionsValidator;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/** Every option a table takes, by concern; the source of the validation of table options and of docs/options.md. */
public final class TableOptions {
    private TableOptions() {}

    /** The option classes in the order the reference page lists them, each a section. */
    public static final List<Class<?>> GROUPS = List.of(
            CoreOptions.class,
            CommitOptions.class,
            ChangelogOptions.class,
            MaintenanceOptions.class,
            CompactionOptions.class,
            WriteBufferOptions.class,
            LookupOptions.class,
            LogOptions.class,
            ScanOptions.class,
            SourceOptions.class);

    private static final OptionsValidator VALIDATOR = new OptionsValidator(knownOptions());

    /**
     * The options of {@link #GROUPS}, and those that the plug-ins on the classpath add ({@link TableOptionsProvider},
     * such as a log system's {@code kafka.*}); those are documented on the plug-in's own page.
     */
    private static List<ConfigOption<?>> knownOptions() {
        List<ConfigOption<?>> options = new ArrayList<>(OptionsValidator.optionsOf(GROUPS.toArray(new Class<?>[0])));
        for (TableOptionsProvider provider : ServiceLoader.load(TableOptionsProvider.class, TableOptions.class.getClassLoader())) {
            options.addAll(provider.options());
        }
        return options;
    }

    public static OptionsValidator validator() {
        return VALIDATOR;
    }

    public static List<ConfigOption<?>> all() {
        return VALIDATOR.knownOptions();
    }
}
