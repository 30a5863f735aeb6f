package io.tstore.core.io;

import io.tstore.core.data.BinaryRow;
import io.tstore.core.data.GenericRow;
import io.tstore.core.data.InternalRow;
import io.tstore.core.data.RowProjection;
import io.tstore.core.data.SliceableRow;
import io.tstore.core.types.DataField;
import io.tstore.core.types.DataTypes;
import io.tstore.core.types.RowType;
import io.tstore.lsm.KeyValue;
import io.tstore.lsm.RowKind;

import java.util.ArrayList;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * The columns of a primary-key data file: the key columns ({@code _KEY_<name>}), {@code _SEQUENCE_NUMBER},
 * {@code _ROW_KIND}, then every column of the table. Field ids of key columns are the table field's id plus
 * {@link #KEY_FIELD_ID_START}; the two system columns have fixed ids. Readers match columns by these ids.
 */
public final class KeyValueFileSchema {
    public static final String KEY_FIELD_PREFIX = "_KEY_";
    public static final String SEQUENCE_NUMBER = "_SEQUENCE_NUMBER";
    public static final String ROW_KIND = "_ROW_KIND";
    public static final int KEY_FIELD_ID_START = 1_000_000_000;
    public static final int SEQUENCE_NUMBER_ID = Integer.MAX_VALUE - 1;
    public static final int ROW_KIND_ID = Integer.MAX_VALUE - 2;

    private final RowType keyType;
    private final RowType valueType;
    private final RowType fileType;
    private final InternalRow.FieldGetter[] keyGetters;
    private final InternalRow.FieldGetter[] valueGetters;
    private final InternalRow.FieldGetter[] fileGetters;

    public KeyValueFileSchema(RowType keyType, RowType valueType) {
        this.keyType = requireNonNull(keyType, "keyType is null");
        this.valueType = requireNonNull(valueType, "valueType is null");
        List<DataField> fields = new ArrayList<>();
        for (DataField key : keyType.fields()) {
            fields.add(new DataField(KEY_FIELD_ID_START + key.id(), KEY_FIELD_PREFIX + key.name(), key.type(), key.description()));
        }
        fields.add(new DataField(SEQUENCE_NUMBER_ID, SEQUENCE_NUMBER, DataTypes.BIGINT().notNull(), null));
        fields.add(new DataField(ROW_KIND_ID, ROW_KIND, DataTypes.TINYINT().notNull(), null));
        fields.addAll(valueType.fields());
        this.fileType = new RowType(fields);
        this.keyGetters = getters(keyType);
        this.valueGetters = getters(valueType);
        this.fileGetters = getters(fileType);
    }

    public RowType keyType() {
        return keyType;
    }

    public RowType valueType() {
        return valueType;
    }

    /** The row type of the file. */
    public RowType fileType() {
        return fileType;
    }

    public int keyArity() {
        return keyType.fieldCount();
    }

    /** The position of the first value column in the file's rows. */
    public int valueOffset() {
        return keyType.fieldCount() + 2;
    }

    /** The file row of a record: key fields, sequence number, row kind, value fields. */
    public InternalRow toFileRow(KeyValue<BinaryRow, InternalRow> kv) {
        int keyArity = keyType.fieldCount();
        int valueArity = valueType.fieldCount();
        GenericRow row = new GenericRow(keyArity + 2 + valueArity);
        for (int i = 0; i < keyArity; i++) {
            row.setField(i, keyGetters[i].getFieldOrNull(kv.key()));
        }
        row.setField(keyArity, kv.sequenceNumber());
        row.setField(keyArity + 1, kv.kind().toByteValue());
        InternalRow value = kv.value();
        if (value instanceof GenericRow generic && generic.getFieldCount() == valueArity) {
            // The file row lives only until the writer has encoded it: it may share the value's field objects.
            row.setFields(keyArity + 2, generic);
            return row;
        }
        for (int i = 0; i < valueArity; i++) {
            row.setField(keyArity + 2 + i, value == null ? null : valueGetters[i].getFieldOrNull(value));
        }
        return row;
    }

    /**
     * Builds the keys of file rows. Not thread-safe: each reader makes its own, so that keys are built with
     * conversions planned once.
     */
    public RowProjection newKeyProjection() {
        int[] keyPositions = new int[keyType.fieldCount()];
        for (int i = 0; i < keyPositions.length; i++) {
            keyPositions[i] = i;
        }
        return new RowProjection(fileType, keyPositions);
    }

    /** The record of a file row read back with {@link #fileType()}; the key comes from {@link #newKeyProjection()}. */
    public KeyValue<BinaryRow, InternalRow> fromFileRow(InternalRow row, RowProjection keyProjection) {
        int keyArity = keyType.fieldCount();
        int valueArity = valueType.fieldCount();
        BinaryRow key = keyProjection.apply(row);
        long sequenceNumber = row.getLong(keyArity);
        RowKind kind = RowKind.fromByteValue(row.getByte(keyArity + 1));
        InternalRow value;
        if (row instanceof SliceableRow sliceable) {
            // Format readers return a new row for every read and never change it (FormatReaderFactory): the value
            // can share its fields instead of getting a copy of each. ORC's rows decode a field when it is first
            // read, so the values of records that a merge drops are never decoded at all.
            value = sliceable.slice(keyArity + 2, keyArity + 2 + valueArity);
        } else {
            GenericRow copy = new GenericRow(valueArity);
            for (int i = 0; i < valueArity; i++) {
                copy.setField(i, fileGetters[keyArity + 2 + i].getFieldOrNull(row));
            }
            value = copy;
        }
        value.setRowKind(kind);
        return new KeyValue<>(key, sequenceNumber, kind, value);
    }

    private static InternalRow.FieldGetter[] getters(RowType type) {
        InternalRow.FieldGetter[] getters = new InternalRow.FieldGetter[type.fieldCount()];
        for (int i = 0; i < getters.length; i++) {
            getters[i] = InternalRow.createFieldGetter(type.typeAt(i), i);
        }
        return getters;
    }
}
