package io.tstore.core.system;

import io.tstore.core.data.InternalRow;
import io.tstore.core.predicate.Predicate;
import io.tstore.core.table.FileStoreTable;
import io.tstore.core.table.ReadBuilder;
import io.tstore.core.table.Split;
import io.tstore.core.table.Table;
import io.tstore.core.table.TableRead;
import io.tstore.core.table.TableScan;
import io.tstore.core.types.RowType;
import io.tstore.lsm.RecordReader;
import io.tstore.options.Options;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * A system table whose rows are computed from a data table's metadata (snapshots, schemas, manifests...). Its scan
 * computes the rows into one {@link MetadataSplit}; filters and projections are applied when the split is read.
 */
public abstract class MetadataTable implements Table {
    protected final FileStoreTable dataTable;
    private final String systemName;
    private final RowType rowType;
    private final String description;

    protected MetadataTable(FileStoreTable dataTable, String systemName, RowType rowType, String description) {
        this.dataTable = requireNonNull(dataTable, "dataTable is null");
        this.systemName = requireNonNull(systemName, "systemName is null");
        this.rowType = requireNonNull(rowType, "rowType is null");
        this.description = requireNonNull(description, "description is null");
    }

    /** The rows of the table now, before filtering. */
    protected abstract List<InternalRow> rows() throws IOException;

    @Override
    public String name() {
        return dataTable.name() + SystemTables.SEPARATOR + systemName;
    }

    @Override
    public RowType rowType() {
        return rowType;
    }

    @Override
    public List<String> partitionKeys() {
        return List.of();
    }

    @Override
    public List<String> primaryKeys() {
        return List.of();
    }

    @Override
    public Options options() {
        return Options.empty();
    }

    @Override
    public Optional<String> comment() {
        return Optional.of(description);
    }

    @Override
    public ReadBuilder newReadBuilder() {
        return new Builder();
    }

    @Override
    public String toString() {
        return name();
    }

    private final class Builder extends SystemReadBuilder {
        Builder() {
            super(name(), rowType());
        }







        @Override
        public TableScan newScan() {
            return () -> new TableScan.Plan(null, List.of(new MetadataSplit(name(), rows())));
        }

        @Override
        public TableRead newRead() {
            Predicate readFilter = filter;
            int[] readProjection = projection;
            RowType type = readType();
            return new TableRead() {
                @Override
                public RowType readType() {
                    return type;
                }

                @Override
                public RecordReader<InternalRow> createReader(Split split) {
                    if (!(split instanceof MetadataSplit metadata) || !metadata.table().equals(name())) {
                        throw new IllegalArgumentException("Table " + name() + " cannot read split " + split);
                    }
                    return Rows.filterAndProject(RecordReader.fromIterator(metadata.rows().iterator()), rowType, readFilter, readProjection);
                }
            };
        }

    }
}
