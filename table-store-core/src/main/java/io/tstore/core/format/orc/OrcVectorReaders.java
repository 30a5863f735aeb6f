package io.tstore.core.format.orc;

import io.tstore.core.data.BinaryString;
import io.tstore.core.data.Decimal;
import io.tstore.core.data.GenericArray;
import io.tstore.core.data.GenericMap;
import io.tstore.core.data.GenericRow;
import io.tstore.core.data.Timestamp;
import io.tstore.core.types.ArrayType;
import io.tstore.core.types.DataType;
import io.tstore.core.types.DecimalType;
import io.tstore.core.types.MapType;
import io.tstore.core.types.RowType;
import org.apache.hadoop.hive.ql.exec.vector.BytesColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.ColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.Decimal64ColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.DecimalColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.DoubleColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.ListColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.LongColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.MapColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.StructColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.TimestampColumnVector;
import org.apache.hadoop.hive.serde2.io.HiveDecimalWritable;

import java.math.BigDecimal;
import java.util.Arrays;

/**
 * Reads values of each logical type out of ORC column vectors, as new objects in their internal forms (see
 * {@link io.tstore.core.data.DataGetters}) that share nothing with the vectors, which the next batch overwrites.
 */
final class OrcVectorReaders {
    private OrcVectorReaders() {}

    /** Reads one slot of a column vector: the value in its internal form, or null. */
    @FunctionalInterface
    interface VectorReader {
        Object read(ColumnVector vector, int slot);
    }

    /** A reader that handles nulls and repeating vectors (where slot 0 stands for all). */
    static VectorReader forType(DataType type) {
        VectorReader values = forValues(type);
        return (vector, slot) -> {
            int index = vector.isRepeating ? 0 : slot;
            if (!vector.noNulls && vector.isNull[index]) {
                return null;
            }
            return values.read(vector, index);
        };
    }

    private static VectorReader forValues(DataType type) {
        switch (type.root()) {
            case BOOLEAN:
                return (vector, slot) -> ((LongColumnVector) vector).vector[slot] != 0;
            case TINYINT:
                return (vector, slot) -> (byte) ((LongColumnVector) vector).vector[slot];
            case SMALLINT:
                return (vector, slot) -> (short) ((LongColumnVector) vector).vector[slot];
            case INT:
            case DATE:
            case TIME:
                return (vector, slot) -> (int) ((LongColumnVector) vector).vector[slot];
            case BIGINT:
                return (vector, slot) -> ((LongColumnVector) vector).vector[slot];
            case FLOAT:
                return (vector, slot) -> (float) ((DoubleColumnVector) vector).vector[slot];
            case DOUBLE:
                return (vector, slot) -> ((DoubleColumnVector) vector).vector[slot];
            case DECIMAL:
                return decimalReader((DecimalType) type);
            case CHAR:
            case VARCHAR:
                return (vector, slot) -> BinaryString.fromBytes(copyBytes((BytesColumnVector) vector, slot));
            case BINARY:
            case VARBINARY:
                return (vector, slot) -> copyBytes((BytesColumnVector) vector, slot);
            case TIMESTAMP:
            case TIMESTAMP_LTZ:
                return (vector, slot) -> {
                    TimestampColumnVector timestamps = (TimestampColumnVector) vector;
                    return Timestamp.fromEpochMillis(timestamps.time[slot], timestamps.nanos[slot] % 1_000_000);
                };
            case ARRAY:
                return arrayReader((ArrayType) type);
            case MAP:
                return mapReader((MapType) type);
            case ROW:
                return rowReader((RowType) type);
            default:
                throw new IllegalArgumentException("No ORC reader for " + type);
        }
    }

    private static byte[] copyBytes(BytesColumnVector vector, int slot) {
        int start = vector.start[slot];
        return Arrays.copyOfRange(vector.vector[slot], start, start + vector.length[slot]);
    }

    private static VectorReader decimalReader(DecimalType type) {
        int precision = type.precision();
        int scale = type.scale();
        boolean compact = Decimal.isCompact(precision);
        return (vector, slot) -> {
            if (vector instanceof Decimal64ColumnVector decimal64) {
                // Unscaled longs at the vector's scale, which is the column's.
                if (compact && decimal64.scale == scale) {
                    return Decimal.fromUnscaledLong(decimal64.vector[slot], precision, scale);
                }
                return Decimal.fromBigDecimal(BigDecimal.valueOf(decimal64.vector[slot], decimal64.scale), precision, scale);
            }
            HiveDecimalWritable value = ((DecimalColumnVector) vector).vector[slot];
            if (compact) {
                return Decimal.fromUnscaledLong(value.serialize64(scale), precision, scale);
            }
            return Decimal.fromBigDecimal(value.getHiveDecimal().bigDecimalValue(), precision, scale);
        };
    }

    private static VectorReader arrayReader(ArrayType type) {
        VectorReader elementReader = forType(type.elementType());
        return (vector, slot) -> {
            ListColumnVector list = (ListColumnVector) vector;
            int offset = (int) list.offsets[slot];
            Object[] elements = new Object[(int) list.lengths[slot]];
            for (int i = 0; i < elements.length; i++) {
                elements[i] = elementReader.read(list.child, offset + i);
            }
            return new GenericArray(elements);
        };
    }

    private static VectorReader mapReader(MapType type) {
        VectorReader keyReader = forType(type.keyType());
        VectorReader valueReader = forType(type.valueType());
        return (vector, slot) -> {
            MapColumnVector map = (MapColumnVector) vector;
            int offset = (int) map.offsets[slot];
            int size = (int) map.lengths[slot];
            Object[] keys = new Object[size];
            Object[] values = new Object[size];
            for (int i = 0; i < size; i++) {
                keys[i] = keyReader.read(map.keys, offset + i);
                values[i] = valueReader.read(map.values, offset + i);
            }
            return new GenericMap(keys, values);
        };
    }

    private static VectorReader rowReader(RowType type) {
        VectorReader[] fieldReaders = new VectorReader[type.fieldCount()];
        for (int i = 0; i < fieldReaders.length; i++) {
            fieldReaders[i] = forType(type.typeAt(i));
        }
        return (vector, slot) -> {
            StructColumnVector struct = (StructColumnVector) vector;
            Object[] values = new Object[fieldReaders.length];
            for (int i = 0; i < values.length; i++) {
                values[i] = fieldReaders[i].read(struct.fields[i], slot);
            }
            return GenericRow.of(values);
        };
    }
}
