package io.tstore.flink.source;

import io.tstore.core.data.BinaryString;
import io.tstore.core.data.Decimal;
import io.tstore.core.data.InternalRow;
import io.tstore.core.data.Timestamp;
import io.tstore.core.data.ValueConverter;
import io.tstore.core.data.ValueGetters;
import io.tstore.core.types.ArrayType;
import io.tstore.core.types.DataType;
import io.tstore.core.types.DecimalType;
import io.tstore.core.types.MapType;
import io.tstore.core.types.RowType;

import org.apache.flink.table.data.DecimalData;
import org.apache.flink.table.data.GenericArrayData;
import org.apache.flink.table.data.GenericMapData;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.data.TimestampData;
import org.apache.flink.types.RowKind;

import java.util.HashMap;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * Converts rows of the table format ({@link InternalRow}) to Flink's {@link RowData}, row kind included. The
 * conversion of each field is chosen once from the row type, so converting a row is a loop of plain calls.
 * Values are copied: a converted row stays valid after the reader reuses or releases its row.
 */
public final class RowDataConverter {
    private final RowType rowType;
    private final ValueGetters.PositionGetter[] fields;

    public RowDataConverter(RowType rowType) {
        this.rowType = requireNonNull(rowType, "rowType is null");
        this.fields = ValueGetters.converting(rowType, FLINK);
    }

    public RowType rowType() {
        return rowType;
    }

    public RowData toRowData(InternalRow row) {
        GenericRowData result = new GenericRowData(toFlink(row.getRowKind()), fields.length);
        for (int i = 0; i < fields.length; i++) {
            result.setField(i, row.isNullAt(i) ? null : fields[i].get(row, i));
        }
        return result;
    }

    /** The Flink row kind of a table format row kind. */
    public static RowKind toFlink(io.tstore.lsm.RowKind kind) {
        return switch (kind) {
            case INSERT -> RowKind.INSERT;
            case UPDATE_BEFORE -> RowKind.UPDATE_BEFORE;
            case UPDATE_AFTER -> RowKind.UPDATE_AFTER;
            case DELETE -> RowKind.DELETE;
        };
    }

    /** Flink's representation of each kind of value; the types are walked by the core's {@link ValueGetters}. */
    private static final ValueConverter FLINK = new ValueConverter() {
        @Override
        public Object convertString(BinaryString value, DataType type) {
            return StringData.fromBytes(value.toBytes());
        }

        @Override
        public Object convertBinary(byte[] value, DataType type) {
            return value.clone();
        }

        @Override
        public Object convertDecimal(Decimal value, DecimalType type) {
            return DecimalData.fromBigDecimal(value.toBigDecimal(), type.precision(), type.scale());
        }

        @Override
        public Object convertTimestamp(Timestamp value, DataType type) {
            return TimestampData.fromEpochMillis(value.millisecond(), value.nanoOfMillisecond());
        }

        @Override
        public Object convertArray(Object[] elements, ArrayType type) {
            return new GenericArrayData(elements);
        }

        @Override
        public Object convertMap(Object[] keys, Object[] values, MapType type) {
            Map<Object, Object> entries = new HashMap<>(keys.length * 2);
            for (int i = 0; i < keys.length; i++) {
                entries.put(keys[i], values[i]);
            }
            return new GenericMapData(entries);
        }

        @Override
        public Object convertRow(Object[] fields, RowType type) {
            return GenericRowData.of(fields);
        }
    };
}
