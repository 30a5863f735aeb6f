package io.tstore.core.table;

import io.tstore.core.data.BinaryString;
import io.tstore.core.data.Decimal;
import io.tstore.core.data.GenericRow;
import io.tstore.core.data.InternalArray;
import io.tstore.core.data.InternalMap;
import io.tstore.core.data.InternalRow;
import io.tstore.core.data.Timestamp;
import io.tstore.core.types.DataField;
import io.tstore.core.types.DecimalType;
import io.tstore.core.types.RowType;

import static java.util.Objects.requireNonNull;

/**
 * Checks rows before they are written: the number of fields, NOT NULL columns, and (for {@link GenericRow}s,
 * whose values are plain objects) that each value has the internal form of its column's type. Errors name the
 * table, the column and the value, and nothing of the row is written.
 */
final class RowValidator {
    private final String tableName;
    private final RowType rowType;
    private final Class<?>[] expected;

    RowValidator(String tableName, RowType rowType) {
        this.tableName = requireNonNull(tableName, "tableName is null");
        this.rowType = requireNonNull(rowType, "rowType is null");
        this.expected = new Class<?>[rowType.fieldCount()];
        for (int i = 0; i < expected.length; i++) {
            expected[i] = internalClass(rowType.fields().get(i));
        }
    }

    void validate(InternalRow row) {
        if (row.getFieldCount() != rowType.fieldCount()) {
            throw new IllegalArgumentException(String.format(
                    "Table %s has %d columns %s, but a row with %d fields was written",
                    tableName, rowType.fieldCount(), rowType.fieldNames(), row.getFieldCount()));
        }
        GenericRow generic = row instanceof GenericRow g ? g : null;
        for (int i = 0; i < expected.length; i++) {
            DataField field = rowType.fields().get(i);
            if (row.isNullAt(i)) {
                if (!field.type().isNullable()) {
                    throw new IllegalArgumentException(String.format(
                            "Column '%s' of table %s is NOT NULL, but a row has null there", field.name(), tableName));
                }
                continue;
            }
            if (generic != null) {
                Object value = generic.getField(i);
                if (!expected[i].isInstance(value)) {
                    throw new IllegalArgumentException(String.format(
                            "Column '%s' of table %s has type %s, but the value %s is a %s (expected %s)",
                            field.name(), tableName, field.type(), describe(value), value.getClass().getSimpleName(),
                            expected[i].getSimpleName()));
                }
                if (value instanceof Decimal decimal && field.type() instanceof DecimalType type
                        && (decimal.precision() > type.precision() || decimal.scale() != type.scale())) {
                    throw new IllegalArgumentException(String.format(
                            "Column '%s' of table %s has type %s, but the value %s has precision %d and scale %d",
                            field.name(), tableName, field.type(), decimal, decimal.precision(), decimal.scale()));
                }
            }
        }
    }

    private static String describe(Object value) {
        String text = value instanceof byte[] bytes ? bytes.length + " bytes" : String.valueOf(value);
        return "'" + (text.length() > 100 ? text.substring(0, 100) + "..." : text) + "'";
    }

    private static Class<?> internalClass(DataField field) {
        return switch (field.type().root()) {
            case BOOLEAN -> Boolean.class;
            case TINYINT -> Byte.class;
            case SMALLINT -> Short.class;
            case INT, DATE, TIME -> Integer.class;
            case BIGINT -> Long.class;
            case FLOAT -> Float.class;
            case DOUBLE -> Double.class;
            case DECIMAL -> Decimal.class;
            case CHAR, VARCHAR -> BinaryString.class;
            case BINARY, VARBINARY -> byte[].class;
            case TIMESTAMP, TIMESTAMP_LTZ -> Timestamp.class;
            case ARRAY -> InternalArray.class;
            case MAP -> InternalMap.class;
            case ROW -> InternalRow.class;
        };
    }
}
