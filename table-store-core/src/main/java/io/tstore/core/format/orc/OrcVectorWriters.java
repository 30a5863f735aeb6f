package io.tstore.core.format.orc;

import io.tstore.core.data.BinaryString;
import io.tstore.core.data.DataGetters;
import io.tstore.core.data.Decimal;
import io.tstore.core.data.InternalArray;
import io.tstore.core.data.InternalMap;
import io.tstore.core.data.InternalRow;
import io.tstore.core.data.Timestamp;
import io.tstore.core.types.ArrayType;
import io.tstore.core.types.DataType;
import io.tstore.core.types.DecimalType;
import io.tstore.core.types.LocalZonedTimestampType;
import io.tstore.core.types.MapType;
import io.tstore.core.types.RowType;
import io.tstore.core.types.TimestampType;
import org.apache.hadoop.hive.ql.exec.vector.BytesColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.ColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.DecimalColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.DoubleColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.ListColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.LongColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.MapColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.StructColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.TimestampColumnVector;

/** Writes values of each logical type from rows and arrays into ORC column vectors. */
final class OrcVectorWriters {
    private OrcVectorWriters() {}

    /** Writes the value at a position of a row or array into one slot of a column vector. */
    @FunctionalInterface
    interface VectorWriter {
        void write(DataGetters from, int pos, ColumnVector vector, int slot);
    }

    /**
     * A writer that handles nulls: a null marks the slot null, anything else goes to the value writer. The path
     * names the column in errors.
     */
    static VectorWriter forType(DataType type, String path) {
        VectorWriter values = forValues(type, path);
        return (from, pos, vector, slot) -> {
            if (from.isNullAt(pos)) {
                vector.noNulls = false;
                vector.isNull[slot] = true;
            } else {
                vector.isNull[slot] = false;
                values.write(from, pos, vector, slot);
            }
        };
    }

    private static VectorWriter forValues(DataType type, String path) {
        switch (type.root()) {
            case BOOLEAN:
                return (from, pos, vector, slot) -> ((LongColumnVector) vector).vector[slot] = from.getBoolean(pos) ? 1 : 0;
            case TINYINT:
                return (from, pos, vector, slot) -> ((LongColumnVector) vector).vector[slot] = from.getByte(pos);
            case SMALLINT:
                return (from, pos, vector, slot) -> ((LongColumnVector) vector).vector[slot] = from.getShort(pos);
            case INT:
            case DATE:
            case TIME:
                return (from, pos, vector, slot) -> ((LongColumnVector) vector).vector[slot] = from.getInt(pos);
            case BIGINT:
                return (from, pos, vector, slot) -> ((LongColumnVector) vector).vector[slot] = from.getLong(pos);
            case FLOAT:
                return (from, pos, vector, slot) -> ((DoubleColumnVector) vector).vector[slot] = from.getFloat(pos);
            case DOUBLE:
                return (from, pos, vector, slot) -> ((DoubleColumnVector) vector).vector[slot] = from.getDouble(pos);
            case DECIMAL:
                return decimalWriter((DecimalType) type);
            case CHAR:
            case VARCHAR:
                return (from, pos, vector, slot) -> {
                    // Copy the bytes into the vector's own buffer: the row's string may be a view that changes.
                    BinaryString string = from.getString(pos);
                    BytesColumnVector bytes = (BytesColumnVector) vector;
                    bytes.ensureValPreallocated(string.numBytes());
                    string.copyTo(bytes.getValPreallocatedBytes(), bytes.getValPreallocatedStart());
                    bytes.setValPreallocated(slot, string.numBytes());
                };
            case BINARY:
            case VARBINARY:
                return (from, pos, vector, slot) -> {
                    byte[] value = from.getBinary(pos);
                    ((BytesColumnVector) vector).setVal(slot, value, 0, value.length);
                };
            case TIMESTAMP:
                return timestampWriter(((TimestampType) type).precision(), type, path);
            case TIMESTAMP_LTZ:
                return timestampWriter(((LocalZonedTimestampType) type).precision(), type, path);
            case ARRAY:
                return arrayWriter((ArrayType) type, path);
            case MAP:
                return mapWriter((MapType) type, path);
            case ROW:
                return rowWriter((RowType) type, path);
            default:
                throw new IllegalArgumentException("No ORC writer for " + type);
        }
    }

    private static VectorWriter decimalWriter(DecimalType type) {
        int precision = type.precision();
        int scale = type.scale();
        return (from, pos, vector, slot) -> {
            Decimal decimal = from.getDecimal(pos, precision, scale);
            DecimalColumnVector decimals = (DecimalColumnVector) vector;
            if (decimal.isCompact() && decimal.scale() == scale) {
                decimals.vector[slot].setFromLongAndScale(decimal.toUnscaledLong(), scale);
            } else {
                decimals.vector[slot].setFromBigIntegerBytesAndScale(
                        decimal.toBigDecimal().setScale(scale).unscaledValue().toByteArray(), scale);
            }
        };
    }

    private static VectorWriter timestampWriter(int precision, DataType type, String path) {
        return (from, pos, vector, slot) -> {
            Timestamp timestamp = from.getTimestamp(pos, precision);
            TimestampColumnVector timestamps = (TimestampColumnVector) vector;
            long millis = timestamp.millisecond();
            if (millis > -1000 && millis < 0) {
                // ORC stores seconds truncated toward zero and nanoseconds apart, so a value with a fraction of at
                // least a millisecond in the last second before 1970 has the encoding of the value one second later
                // (ORC-763); every ORC reader would read it back one second late. Refuse it rather than change it.
                throw new IllegalArgumentException(String.format(
                        "Column '%s' of type %s: ORC cannot store %s, which lies in the last second before "
                                + "1970-01-01 00:00:00 (ORC reads such values back one second late, see ORC-763); "
                                + "use file.format=parquet for such values",
                        path, type, timestamp));
            }
            // ORC keeps the milliseconds and, separately, the nanoseconds of the second (which repeat the millis).
            timestamps.time[slot] = millis;
            timestamps.nanos[slot] = (int) Math.floorMod(millis, 1000L) * 1_000_000 + timestamp.nanoOfMillisecond();
        };
    }

    private static VectorWriter arrayWriter(ArrayType type, String path) {
        VectorWriter elementWriter = forType(type.elementType(), path + ".element");
        return (from, pos, vector, slot) -> {
            InternalArray array = from.getArray(pos);
            ListColumnVector list = (ListColumnVector) vector;
            int offset = list.childCount;
            int size = array.size();
            list.offsets[slot] = offset;
            list.lengths[slot] = size;
            list.childCount += size;
            list.child.ensureSize(list.childCount, true);
            for (int i = 0; i < size; i++) {
                elementWriter.write(array, i, list.child, offset + i);
            }
        };
    }

    private static VectorWriter mapWriter(MapType type, String path) {
        VectorWriter keyWriter = forType(type.keyType(), path + ".key");
        VectorWriter valueWriter = forType(type.valueType(), path + ".value");
        return (from, pos, vector, slot) -> {
            InternalMap map = from.getMap(pos);
            MapColumnVector maps = (MapColumnVector) vector;
            int offset = maps.childCount;
            int size = map.size();
            maps.offsets[slot] = offset;
            maps.lengths[slot] = size;
            maps.childCount += size;
            maps.keys.ensureSize(maps.childCount, true);
            maps.values.ensureSize(maps.childCount, true);
            InternalArray keys = map.keyArray();
            InternalArray values = map.valueArray();
            for (int i = 0; i < size; i++) {
                keyWriter.write(keys, i, maps.keys, offset + i);
                valueWriter.write(values, i, maps.values, offset + i);
            }
        };
    }

    private static VectorWriter rowWriter(RowType type, String path) {
        int fieldCount = type.fieldCount();
        VectorWriter[] fieldWriters = new VectorWriter[fieldCount];
        for (int i = 0; i < fieldCount; i++) {
            fieldWriters[i] = forType(type.typeAt(i), path + "." + type.fields().get(i).name());
        }
        return (from, pos, vector, slot) -> {
            InternalRow row = from.getRow(pos, fieldCount);
            StructColumnVector struct = (StructColumnVector) vector;
            for (int i = 0; i < fieldCount; i++) {
                fieldWriters[i].write(row, i, struct.fields[i], slot);
            }
        };
    }
}
