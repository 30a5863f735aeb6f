package io.tstore.core.table;

import io.tstore.core.fs.FileIO;
import io.tstore.core.fs.Path;
import io.tstore.core.schema.SchemaChange;
import io.tstore.core.schema.SchemaEvolution;
import io.tstore.core.schema.SchemaManager;
import io.tstore.core.schema.TableSchema;
import io.tstore.core.snapshot.SnapshotManager;
import io.tstore.core.snapshot.StoredTable;
import io.tstore.core.types.RowType;
import io.tstore.options.Options;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * A data table in a directory: its schema at the time it was loaded (with any dynamic options of this reader or
 * writer, see {@link #copy}), and the way to its snapshots and files.
 */
public final class FileStoreTable implements Table, StoredTable {
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

    @Override
    public FileIO fileIO() {
        return fileIO;
    }

    @Override
    public Path location() {
        return location;
    }

    public Identifier identifier() {
        return identifier;
    }

    @Override
    public String name() {
        return identifier.fullName();
    }

    @Override
    public TableSchema schema() {
        return schema;
    }

    @Override
    public RowType rowType() {
        return schema.rowType();
    }

    @Override
    public Options options() {
        return schema.options();
    }

    @Override
    public List<String> partitionKeys() {
        return schema.partitionKeys();
    }

    @Override
    public List<String> primaryKeys() {
        return schema.primaryKeys();
    }

    @Override
    public Optional<String> comment() {
        return Optional.ofNullable(schema.comment());
    }

    /**
     * This table with some options set for this reader or writer only (an engine's dynamic options, such as
     * {@code scan.snapshot-id}); nothing is stored. The options are validated as ALTER TABLE would validate them,
     * so unknown keys, bad values and changes of fixed options (such as {@code bucket}) are errors naming the
     * table and the option.
     */
    public FileStoreTable copy(Map<String, String> dynamicOptions) {
        if (dynamicOptions.isEmpty()) {
            return this;
        }
        List<SchemaChange> changes = new ArrayList<>();
        dynamicOptions.forEach((key, value) -> changes.add(SchemaChange.setOption(key, value)));
        TableSchema changed = SchemaEvolution.apply(name(), schema, changes, schema.timeMillis());
        // Same id: the files of this schema are still read as written with it.
        TableSchema withOptions = TableSchema.of(name(), schema.id(), schema.fields(), schema.highestFieldId(),
                schema.partitionKeys(), schema.primaryKeys(), changed.optionsMap(), schema.comment(), schema.timeMillis());
        return new FileStoreTable(fileIO, location, identifier, withOptions);
    }

    public boolean hasPrimaryKey() {
        return !schema.primaryKeys().isEmpty();
    }

    @Override
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

    @Override
    public DataReadBuilder newReadBuilder() {
        return new DataReadBuilder(this);
    }

    public SchemaManager schemaManager() {
        return new SchemaManager(fileIO, location, name(), System::currentTimeMillis);
    }
}
