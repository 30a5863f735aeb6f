package io.tstore.core.system;

import io.tstore.core.data.GenericRow;
import io.tstore.core.data.InternalRow;
import io.tstore.core.predicate.Predicate;
import io.tstore.core.predicate.PredicateUtils;
import io.tstore.core.table.DataReadBuilder;
import io.tstore.core.table.FileStoreTable;
import io.tstore.core.table.ReadBuilder;
import io.tstore.core.table.Split;
import io.tstore.core.table.Table;
import io.tstore.core.table.TableRead;
import io.tstore.core.table.TableScan;
import io.tstore.core.types.DataField;
import io.tstore.core.types.DataTypes;
import io.tstore.core.types.RowType;
import io.tstore.lsm.RecordReader;
import io.tstore.options.Options;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * {@code t$audit_log}: the rows of the data table, each with its row kind ({@code +I}, {@code -U}, {@code +U},
 * {@code -D}) as a first column {@code rowkind}. A batch read reads the snapshot merged, so every row is
 * {@code +I}; a streaming read of the changelog shows each change's own kind. It plans and reads the data table's
 * splits, so filters on data columns prune partitions and files as on the data table.
 */
final class AuditLogTable implements Table {
    static final String ROW_KIND = "rowkind";

    private final FileStoreTable dataTable;
    private final RowType rowType;

    AuditLogTable(FileStoreTable dataTable) {
        this.dataTable = requireNonNull(dataTable, "dataTable is null");
        List<DataField> fields = new ArrayList<>();
        fields.add(new DataField(dataTable.schema().highestFieldId() + 1, ROW_KIND, DataTypes.STRING().notNull()));
        fields.addAll(dataTable.rowType().fields());
        this.rowType = new RowType(fields);
    }

    @Override
    public String name() {
        return dataTable.name() + SystemTables.SEPARATOR + SystemTables.AUDIT_LOG;
    }

    @Override
    public RowType rowType() {
        return rowType;
    }

    @Override
    public List<String> partitionKeys() {
        return dataTable.partitionKeys();
    }

    @Override
    public List<String> primaryKeys() {
        return List.of();
    }

    @Override
    public Options options() {
        return dataTable.options();
    }

    @Override
    public Optional<String> comment() {
        return Optional.of("The rows of " + dataTable.name() + " with their row kind");
    }

    @Override
    public ReadBuilder newReadBuilder() {
        return new Builder();
    }

    /** The row of the audit log for a row of the data table. */
    static InternalRow withRowKind(InternalRow row, InternalRow.FieldGetter[] getters) {
        GenericRow audit = new GenericRow(getters.length + 1);
        audit.setField(0, Rows.string(row.getRowKind().shortString()));
        for (int i = 0; i < getters.length; i++) {
            audit.setField(i + 1, getters[i].getFieldOrNull(row));
        }
        return audit;
    }

    private final class Builder extends SystemReadBuilder {
        private final DataReadBuilder data = dataTable.newReadBuilder();

        Builder() {
            super(name(), rowType());
        }

        @Override
        public ReadBuilder withFilter(Predicate filter) {
            this.filter = filter;
            if (filter != null) {
                // The conjuncts on data columns prune as on the data table; the whole filter applies to the rows.
                int[] toData = new int[rowType.fieldCount()];
                for (int i = 0; i < toData.length; i++) {
                    toData[i] = i - 1;
                }
                PredicateUtils.project(filter, toData).ifPresent(data::withFilter);
            }
            return this;
        }





        @Override
        public TableScan newScan() {
            return data.newScan();
        }

        @Override
        public TableRead newRead() {
            TableRead dataRead = data.newRead();
            RowType dataType = dataTable.rowType();
            InternalRow.FieldGetter[] getters = new InternalRow.FieldGetter[dataType.fieldCount()];
            for (int i = 0; i < getters.length; i++) {
                getters[i] = InternalRow.createFieldGetter(dataType.typeAt(i), i);
            }
            Predicate readFilter = filter;
            int[] readProjection = projection;
            RowType type = readType();
            return new TableRead() {
                @Override
                public RowType readType() {
                    return type;
                }

                @Override
                public RecordReader<InternalRow> createReader(Split split) throws java.io.IOException {
                    RecordReader<InternalRow> rows = dataRead.createReader(split).map(row -> withRowKind(row, getters));
                    return Rows.filterAndProject(rows, rowType, readFilter, readProjection);
                }
            };
        }

    }
}
