package io.tstore.core.data;

import io.tstore.core.types.ArrayType;
import io.tstore.core.types.DataType;
import io.tstore.core.types.DecimalType;
import io.tstore.core.types.MapType;
import io.tstore.core.types.RowType;

import java.util.List;

/**
 * Builds, once per type, the function that copies a value from any row or array into a {@link BinaryWriter}
 * with the typed getters and writers, so that converting to binary form needs no per-value dispatch on type.
 */
final class BinaryCopiers {
    private BinaryCopiers() {}

    /** Copies the non-null value at a position of a row or array to a position of a writer. */
    @FunctionalInterface
    interface Copier {
        void copy(DataGetters from, int fromPos, BinaryWriter to, int toPos);
    }

    static Copier[] forFields(RowType rowType) {
        List<DataType> types = rowType.fieldTypes();
        Copier[] copiers = new Copier[types.size()];
        for (int i = 0; i < copiers.length; i++) {
            copiers[i] = forType(types.get(i));
        }
        return copiers;
    }

    static Copier forType(DataType type) {
        switch (type.root()) {
            case BOOLEAN:
                return (from, i, to, j) -> to.writeBoolean(j, from.getBoolean(i));
            case TINYINT:
                return (from, i, to, j) -> to.writeByte(j, from.getByte(i));
            case SMALLINT:
                return (from, i, to, j) -> to.writeShort(j, from.getShort(i));
            case INT:
            case DATE:
            case TIME:
                return (from, i, to, j) -> to.writeInt(j, from.getInt(i));
            case BIGINT:
                return (from, i, to, j) -> to.writeLong(j, from.getLong(i));
            case FLOAT:
                return (from, i, to, j) -> to.writeFloat(j, from.getFloat(i));
            case DOUBLE:
                return (from, i, to, j) -> to.writeDouble(j, from.getDouble(i));
            case CHAR:
            case VARCHAR:
                return (from, i, to, j) -> to.writeString(j, from.getString(i));
            case BINARY:
            case VARBINARY:
                return (from, i, to, j) -> to.writeBinary(j, from.getBinary(i));
            case DECIMAL: {
                int precision = ((DecimalType) type).precision();
                int scale = ((DecimalType) type).scale();
                return (from, i, to, j) -> to.writeDecimal(j, from.getDecimal(i, precision, scale), precision, scale);
            }
            case TIMESTAMP:
            case TIMESTAMP_LTZ: {
                int precision = ValueGetters.timestampPrecision(type);
                return (from, i, to, j) -> to.writeTimestamp(j, from.getTimestamp(i, precision), precision);
            }
            case ARRAY: {
                Copier element = forType(((ArrayType) type).elementType());
                return (from, i, to, j) -> {
                    InternalArray array = from.getArray(i);
                    to.writeSection(j, array instanceof BinaryArray binary ? binary : toBinaryArray(array, element));
                };
            }
            case MAP: {
                MapType mapType = (MapType) type;
                Copier key = forType(mapType.keyType());
                Copier value = forType(mapType.valueType());
                return (from, i, to, j) -> {
                    InternalMap map = from.getMap(i);
                    to.writeSection(j, map instanceof BinaryMap binary ? binary : toBinaryMap(map, key, value));
                };
            }
            case ROW: {
                Copier[] fields = forFields((RowType) type);
                int numFields = fields.length;
                return (from, i, to, j) -> {
                    InternalRow row = from.getRow(i, numFields);
                    boolean binary = row instanceof BinaryRow && row.getFieldCount() == numFields;
                    to.writeSection(j, binary ? (BinaryRow) row : toBinaryRow(row, fields));
                };
            }
            default:
                throw new IllegalArgumentException("No binary form for type " + type);
        }
    }

    /** Copies a value or a null. */
    static void copy(DataGetters from, int fromPos, BinaryWriter to, int toPos, Copier copier) {
        if (from.isNullAt(fromPos)) {
            to.setNullAt(toPos);
        } else {
            copier.copy(from, fromPos, to, toPos);
        }
    }

    static BinaryArray toBinaryArray(InternalArray array, Copier element) {
        int size = array.size();
        BinaryArrayWriter writer = new BinaryArrayWriter(size);
        for (int i = 0; i < size; i++) {
            copy(array, i, writer, i, element);
        }
        return writer.complete();
    }

    static BinaryMap toBinaryMap(InternalMap map, Copier key, Copier value) {
        return BinaryMap.of(toBinaryArray(map.keyArray(), key), toBinaryArray(map.valueArray(), value));
    }

    static BinaryRow toBinaryRow(InternalRow row, Copier[] fields) {
        if (row.getFieldCount() != fields.length) {
            throw new IllegalArgumentException(
                    "A row of " + row.getFieldCount() + " fields cannot be written as a row of " + fields.length);
        }
        BinaryRowWriter writer = new BinaryRowWriter(fields.length);
        for (int i = 0; i < fields.length; i++) {
            copy(row, i, writer, i, fields[i]);
        }
        return writer.complete();
    }
}
