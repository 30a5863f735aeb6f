package io.tstore.core.connector;

import io.tstore.core.table.AppendTableWrite;
import io.tstore.core.table.FileStoreTable;
import io.tstore.core.table.KeyValueTableWrite;
import io.tstore.core.table.TableWrite;

import static java.util.Objects.requireNonNull;

/**
 * Builds a writer of a table for an engine's write task:
 * {@code WriteBuilder.of(table).withOverwrite(true).withResources(shared).build()}. Without
 * {@link #withResources} the writer has its own memory budget and threads, as {@link FileStoreTable#newWrite} gives.
 */
public final class WriteBuilder {
    private final FileStoreTable table;
    private boolean overwrite;
    private WriteResources resources;

    private WriteBuilder(FileStoreTable table) {
        this.table = requireNonNull(table, "table is null");
    }

    public static WriteBuilder of(FileStoreTable table) {
        return new WriteBuilder(table);
    }

    /** Whether the rows replace existing data: the writer starts every bucket empty; commit with an overwrite. */
    public WriteBuilder withOverwrite(boolean overwrite) {
        this.overwrite = overwrite;
        return this;
    }

    /** Shares the memory budget and threads of the process's other writers (see {@link WriteResources}). */
    public WriteBuilder withResources(WriteResources resources) {
        this.resources = requireNonNull(resources, "resources is null");
        return this;
    }

    public TableWrite build() {
        if (resources == null) {
            return table.newWrite(overwrite);
        }
        if (!table.hasPrimaryKey()) {
            // an append writer has no write buffer and compacts inside its commits
            return new AppendTableWrite(table, overwrite);
        }
        return new KeyValueTableWrite(table, overwrite, resources.memoryPool(), resources.compactExecutor(), resources.flushExecutor());
    }
}
