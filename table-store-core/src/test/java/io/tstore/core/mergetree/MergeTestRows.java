package io.tstore.core.mergetree;

import io.tstore.core.data.BinaryRow;
import io.tstore.core.data.BinaryString;
import io.tstore.core.data.GenericRow;
import io.tstore.core.data.InternalRow;
import io.tstore.core.data.InternalRows;
import io.tstore.core.data.KeyProjection;
import io.tstore.core.types.RowType;
import io.tstore.lsm.KeyValue;
import io.tstore.lsm.RowKind;
import io.tstore.lsm.merge.MergeFunction;
import io.tstore.lsm.merge.MergeFunctionFactory;
import io.tstore.options.Options;

import java.util.ArrayList;
import java.util.List;

import static java.util.Objects.requireNonNull;

/** Builds records of a table for merge engine tests: the key is projected from the full row, as the writer does. */
final class MergeTestRows {
    private final RowType rowType;
    private final List<String> primaryKeys;
    private final KeyProjection keys;
    private long nextSequenceNumber;

    MergeTestRows(RowType rowType, List<String> primaryKeys) {
        this.rowType = requireNonNull(rowType, "rowType is null");
        this.primaryKeys = List.copyOf(primaryKeys);
        this.keys = KeyProjection.of(rowType, primaryKeys);
    }

    RowType rowType() {
        return rowType;
    }

    MergeFunctionFactory<BinaryRow, InternalRow> factory(String... options) {
        return MergeFunctions.factory(rowType, primaryKeys, Options.of(options));
    }

    /** A record with the next sequence number. */
    KeyValue<BinaryRow, InternalRow> kv(RowKind kind, Object... values) {
        return kv(nextSequenceNumber++, kind, values);
    }

    KeyValue<BinaryRow, InternalRow> kv(long sequenceNumber, RowKind kind, Object... values) {
        GenericRow row = GenericRow.ofKind(kind, values);
        return new KeyValue<>(keys.apply(row), sequenceNumber, kind, row);
    }

    /** The same record with its value as a BinaryRow, as records read from data files are. */
    KeyValue<BinaryRow, InternalRow> binary(KeyValue<BinaryRow, InternalRow> kv) {
        return kv.withValue(kv.kind(), InternalRows.toBinaryRow(kv.value(), rowType));
    }

    static KeyValue<BinaryRow, InternalRow> merge(
            MergeFunction<BinaryRow, InternalRow> merge, List<KeyValue<BinaryRow, InternalRow>> versions) {
        merge.reset();
        for (KeyValue<BinaryRow, InternalRow> kv : versions) {
            merge.add(kv);
        }
        return merge.getResult();
    }

    @SafeVarargs
    static KeyValue<BinaryRow, InternalRow> merge(
            MergeFunction<BinaryRow, InternalRow> merge, KeyValue<BinaryRow, InternalRow>... versions) {
        return merge(merge, List.of(versions));
    }

    /** The result's value as a GenericRow, comparable whatever its representation. */
    GenericRow value(KeyValue<BinaryRow, InternalRow> result) {
        return InternalRows.toGenericRow(result.value(), rowType);
    }

    static GenericRow row(Object... values) {
        return GenericRow.of(values);
    }

    static BinaryString str(String s) {
        return BinaryString.fromString(s);
    }

    static <T> List<T> concat(List<T> a, List<T> b) {
        List<T> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
