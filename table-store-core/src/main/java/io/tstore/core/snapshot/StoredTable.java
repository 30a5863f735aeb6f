package io.tstore.core.snapshot;

import io.tstore.core.fs.FileIO;
import io.tstore.core.fs.Path;
import io.tstore.core.schema.TableSchema;
import io.tstore.options.Options;

/**
 * A table as it is stored: its name, its directory and the file IO to reach it, and the schema it was loaded at.
 * What the metadata layers (tags, expiry, rollback, the files of snapshots) need of a table, without its read and
 * write paths; {@link io.tstore.core.table.FileStoreTable} is the implementation engines see.
 */
public interface StoredTable {

    /** The full name, {@code database.table}, for errors. */
    String name();

    FileIO fileIO();

    Path location();

    TableSchema schema();

    /** The options of {@link #schema()}, with any dynamic options of this reader or writer. */
    default Options options() {
        return schema().options();
    }

    default SnapshotManager snapshotManager() {
        return new SnapshotManager(fileIO(), location());
    }
}
