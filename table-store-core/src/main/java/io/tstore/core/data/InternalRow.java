package io.tstore.core.data;

import io.tstore.core.types.DataType;
import io.tstore.lsm.RowKind;

import static java.util.Objects.requireNonNull;

/**
 * A row in the table format's internal representation, with a {@link RowKind}: what connectors translate their
 * engine's rows to and from, and what the core reads, writes, merges and compares. Field values are read with
 * the typed getters of {@link DataGetters}.
 */
public interface InternalRow extends DataGetters {

    int getFieldCount();

    RowKind getRowKind();

    void setRowKind(RowKind kind);

    /** Reads one field of a row as an object in its internal form, or null. */
    @FunctionalInterface
    interface FieldGetter {
        Object getFieldOrNull(InternalRow row);
    }

    /**
     * A getter of the field at a position, for code that handles fields generically. The value is the internal
     * form boxed (Integer for INT, BinaryString for STRING...), or null when the field is null.
     */
    static FieldGetter createFieldGetter(DataType type, int pos) {
        requireNonNull(type, "type is null");
        ValueGetters.PositionGetter getter = ValueGetters.forType(type);
        return row -> row.isNullAt(pos) ? null : getter.get(row, pos);
    }
}
