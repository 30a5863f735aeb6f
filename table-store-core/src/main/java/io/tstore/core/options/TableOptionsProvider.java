package io.tstore.core.options;

import io.tstore.options.ConfigOption;

import java.util.List;

/**
 * A plug-in that adds options a table takes, such as a log system's {@code kafka.*}. Found with
 * {@link java.util.ServiceLoader} ({@code META-INF/services/io.tstore.core.options.TableOptionsProvider}), so that
 * the options package depends on no plug-in; the plug-in documents its options on its own page.
 */
public interface TableOptionsProvider {

    /** The options this plug-in adds; their keys must not clash with {@link TableOptions#GROUPS}. */
    List<ConfigOption<?>> options();
}
