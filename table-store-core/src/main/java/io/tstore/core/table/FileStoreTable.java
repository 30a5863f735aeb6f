package io.tstore.core.table;

import io.tstore.core.catalog.Identifier;
import io.tstore.core.fs.FileIO;
import io.tstore.core.fs.Path;
import io.tstore.core.schema.SchemaManager;
import io.tstore.core.schema.TableSchema;
import io.tstore.core.snapshot.SnapshotManager;
import io.tstore.core.types.RowType;
import io.tstore.options.Options;

import static java.util.Objects.requireNonNull;

/** A table in a directory: its schema at the time it was loaded, and the way to its snapshots and files. */
public final class FileStoreTable {
    private final FileIO fileIO;
    private final Path location;
    private final Identifier identifier;
    private final TableSchema schema;

    public FileStoreTable(FileIO fileIO, Path location, Identifier identifier, TableSchema schema) {
        this.fileIO = requireNonNull(fileIO, "fileIO is null");
        this.location = requireNonNull(location, "location is null");
        this.identifier = requireNonNull(identifier, "identifier is null");
        this.schema = requireNonNull(schema, "schema is null");
    }

    public FileIO fileIO() {
        return fileIO;
    }

    public Path location() {
        return location;
    }

    public Identifier identifier() {
        return identifier;
    }

    public String name() {
        return identifier.fullName();
    }

    public TableSchema schema() {
        return schema;
    }

    public RowType rowType() {
        return schema.rowType();
    }

    public Options options() {
        return schema.options();
    }

    public boolean hasPrimaryKey() {
        return !schema.primaryKeys().isEmpty();
    }

    public SnapshotManager snapshotManager() {
        return new SnapshotManager(fileIO, location);
    }

    /**
     * A writer of this table's rows.
     *
     * @param overwrite whether the rows replace existing data (then the writer starts every bucket empty, and
     *     must be committed with {@link TableCommit#overwrite})
     */
    public TableWrite newWrite(boolean overwrite) {
        return hasPrimaryKey() ? new KeyValueTableWrite(this, overwrite, null, null) : new AppendTableWrite(this, overwrite);
    }

    /** The committer of one commit user: a writing job, or {@code UUID.randomUUID()} for a one-off batch. */
    public TableCommit newCommit(String commitUser) {
        return new TableCommit(this, commitUser);
    }

    public ReadBuilder newReadBuilder() {
        return new ReadBuilder(this);
    }

    public SchemaManager schemaManager() {
        return new SchemaManager(fileIO, location, name(), System::currentTimeMillis);
    }
}
