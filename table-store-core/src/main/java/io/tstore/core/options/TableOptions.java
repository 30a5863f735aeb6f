package io.tstore.core.options;

import io.tstore.lsm.buffer.WriteBufferOptions;
import io.tstore.lsm.compact.CompactionOptions;
import io.tstore.lsm.lookup.LookupOptions;
import io.tstore.options.ConfigOption;
import io.tstore.options.OptionsValidator;

import java.util.List;

/** Every option a table takes, by concern; the source of the validation of table options and of docs/options.md. */
public final class TableOptions {
    private TableOptions() {}

    /** The option classes in the order the reference page lists them, each a section. */
    public static final List<Class<?>> GROUPS = List.of(
            CoreOptions.class,
            CommitOptions.class,
            MaintenanceOptions.class,
            CompactionOptions.class,
            WriteBufferOptions.class,
            LookupOptions.class,
            ScanOptions.class,
            SourceOptions.class);

    private static final OptionsValidator VALIDATOR =
            new OptionsValidator(OptionsValidator.optionsOf(GROUPS.toArray(new Class<?>[0])));

    public static OptionsValidator validator() {
        return VALIDATOR;
    }

    public static List<ConfigOption<?>> all() {
        return VALIDATOR.knownOptions();
    }
}
