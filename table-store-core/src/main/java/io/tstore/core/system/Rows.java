package io.tstore.core.system;

import io.tstore.core.data.BinaryString;
import io.tstore.core.data.GenericRow;
import io.tstore.core.data.InternalRow;
import io.tstore.core.data.Timestamp;
import io.tstore.core.predicate.Predicate;
import io.tstore.core.types.RowType;
import io.tstore.lsm.RecordReader;

/** Filters, projects and builds the rows of system tables. */
final class Rows {
    private Rows() {}

    static BinaryString string(String value) {
        return value == null ? null : BinaryString.fromString(value);
    }

    static Timestamp timestamp(long epochMillis) {
        return Timestamp.fromEpochMillis(epochMillis);
    }

    /** The rows that satisfy the filter (all, for null), projected (all columns, for null). */
    static RecordReader<InternalRow> filterAndProject(RecordReader<InternalRow> rows, RowType type, Predicate filter, int[] projection) {
        RecordReader<InternalRow> filtered = filter == null ? rows : rows.filter(filter::test);
        if (projection == null) {
            return filtered;
        }
        InternalRow.FieldGetter[] getters = new InternalRow.FieldGetter[projection.length];
        for (int i = 0; i < projection.length; i++) {
            getters[i] = InternalRow.createFieldGetter(type.typeAt(projection[i]), projection[i]);
        }
        return filtered.map(row -> {
            GenericRow projected = new GenericRow(getters.length);
            for (int i = 0; i < getters.length; i++) {
                projected.setField(i, getters[i].getFieldOrNull(row));
            }
            projected.setRowKind(row.getRowKind());
            return projected;
        });
    }
}
