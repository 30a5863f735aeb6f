package io.tstore.core.file;

import io.tstore.core.data.BinaryString;
import io.tstore.core.data.Decimal;
import io.tstore.core.data.InternalRow;
import io.tstore.core.data.Timestamp;
import io.tstore.core.types.DataTypeRoot;
import io.tstore.core.types.RowType;

import java.time.LocalDate;
import java.time.LocalTime;

import static java.util.Objects.requireNonNull;

/**
 * Renders partition values as people and paths show them: {@code dt=2024-01-01/hr=3}. Null values render as
 * {@link #DEFAULT_PARTITION_NAME}.
 */
public final class PartitionNames {
    public static final String DEFAULT_PARTITION_NAME = "__DEFAULT_PARTITION__";

    private final RowType partitionType;
    private final InternalRow.FieldGetter[] getters;

    public PartitionNames(RowType partitionType) {
        this.partitionType = requireNonNull(partitionType, "partitionType is null");
        this.getters = new InternalRow.FieldGetter[partitionType.fieldCount()];
        for (int i = 0; i < getters.length; i++) {
            getters[i] = InternalRow.createFieldGetter(partitionType.typeAt(i), i);
        }
    }

    /** {@code dt=2024-01-01/hr=3}, or {@code (unpartitioned)} for a table without partition keys. */
    public String describe(InternalRow partition) {
        if (getters.length == 0) {
            return "(unpartitioned)";
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < getters.length; i++) {
            if (i > 0) {
                sb.append('/');
            }
            sb.append(partitionType.fields().get(i).name()).append('=').append(valueString(i, partition));
        }
        return sb.toString();
    }

    /** The value of one partition field as text. */
    public String valueString(int field, InternalRow partition) {
        Object value = getters[field].getFieldOrNull(partition);
        if (value == null) {
            return DEFAULT_PARTITION_NAME;
        }
        DataTypeRoot root = partitionType.typeAt(field).root();
        return switch (root) {
            case DATE -> LocalDate.ofEpochDay((Integer) value).toString();
            case TIME -> LocalTime.ofNanoOfDay((Integer) value * 1_000_000L).toString();
            case TIMESTAMP, TIMESTAMP_LTZ -> ((Timestamp) value).toLocalDateTime().toString();
            case DECIMAL -> ((Decimal) value).toBigDecimal().toPlainString();
            case CHAR, VARCHAR -> ((BinaryString) value).toString();
            default -> String.valueOf(value);
        };
    }
}
