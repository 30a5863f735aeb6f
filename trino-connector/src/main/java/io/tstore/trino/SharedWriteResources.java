package io.tstore.trino;

import io.tstore.core.connector.WriteResources;
import io.tstore.options.Options;

/**
 * The one {@link WriteResources} of a Trino process: every page sink of every tstore catalog of the process shares
 * one write-buffer budget ({@code write-buffer-size}, by default 256 mb for all of them together) and the compaction
 * and flush threads, instead of a budget and threads per writer task. Catalogs hold it while they live; the last
 * catalog to shut down closes it.
 */
final class SharedWriteResources {
    private static WriteResources resources;
    private static int holders;

    private SharedWriteResources() {}

    /** The process's resources, created for the first catalog; each call must be paired with a {@link #release}. */
    static synchronized WriteResources acquire() {
        if (resources == null) {
            resources = WriteResources.create(Options.empty());
        }
        holders++;
        return resources;
    }

    /** A catalog's release at its shutdown: closes the resources after the last one. */
    static synchronized void release() {
        if (holders > 0 && --holders == 0) {
            resources.close();
            resources = null;
        }
    }
}
