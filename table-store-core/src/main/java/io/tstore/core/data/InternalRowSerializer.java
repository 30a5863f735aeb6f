package io.tstore.core.data;

import io.tstore.core.types.ArrayType;
import io.tstore.core.types.DataType;
import io.tstore.core.types.DecimalType;
import io.tstore.core.types.MapType;
import io.tstore.core.types.RowType;
import io.tstore.lsm.RowKind;
import io.tstore.lsm.io.Serializer;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * Writes any {@link InternalRow} of a row type in a compact form and reads it back as a {@link GenericRow}; the
 * value serializer of the LSM write buffer and its spill files.
 *
 * <p>Form: the row kind byte, then {@code (n + 7) / 8} bytes of null bits (bit i % 8 of byte i / 8 set when field
 * i is null), then each non-null field: fixed-width numbers at their natural width, big-endian; strings, binary
 * values and decimals of precision above 18 as a 4-byte length and their bytes (UTF-8, raw, unscaled two's
 * complement); decimals up to precision 18 as their unscaled long; timestamps as epoch millis, plus an int of
 * nanos when the precision is above 3; an array as its size, null bits and elements; a map as its size, then its
 * keys and its values as arrays without size; a nested row as its null bits and fields (nested rows have no kind).
 *
 * <p>How to write and read each field is planned once, when the serializer is made; the serializer holds no
 * state while it works and may be shared between threads.
 */
public final class InternalRowSerializer implements Serializer<InternalRow> {
    private final RowType rowType;
    private final ValueWriter[] writers;
    private final ValueReader[] readers;

    public InternalRowSerializer(RowType rowType) {
        this.rowType = requireNonNull(rowType, "rowType is null");
        this.writers = writersFor(rowType);
        this.readers = readersFor(rowType);
    }

    public RowType rowType() {
        return rowType;
    }

    @Override
    public void write(InternalRow row, DataOutput out) throws IOException {
        if (row.getFieldCount() != writers.length) {
            throw new IllegalArgumentException("Cannot write a row of " + row.getFieldCount()
                    + " fields with a serializer for rows of type " + rowType);
        }
        out.writeByte(row.getRowKind().toByteValue());
        writePositions(row, writers, out);
    }

    @Override
    public GenericRow read(DataInput in) throws IOException {
        RowKind kind = RowKind.fromByteValue(in.readByte());
        return GenericRow.ofKind(kind, readPositions(readers, in));
    }

    /** Writes the non-null value at a position of a row or array. */
    @FunctionalInterface
    private interface ValueWriter {
        void write(DataGetters from, int pos, DataOutput out) throws IOException;
    }

    /** Reads a non-null value in its internal form. */
    @FunctionalInterface
    private interface ValueReader {
        Object read(DataInput in) throws IOException;
    }

    private static ValueWriter[] writersFor(RowType rowType) {
        List<DataType> types = rowType.fieldTypes();
        ValueWriter[] writers = new ValueWriter[types.size()];
        for (int i = 0; i < writers.length; i++) {
            writers[i] = writerFor(types.get(i));
        }
        return writers;
    }

    private static ValueReader[] readersFor(RowType rowType) {
        List<DataType> types = rowType.fieldTypes();
        ValueReader[] readers = new ValueReader[types.size()];
        for (int i = 0; i < readers.length; i++) {
            readers[i] = readerFor(types.get(i));
        }
        return readers;
    }

    private static ValueWriter writerFor(DataType type) {
        switch (type.root()) {
            case BOOLEAN:
                return (from, pos, out) -> out.writeBoolean(from.getBoolean(pos));
            case TINYINT:
                return (from, pos, out) -> out.writeByte(from.getByte(pos));
            case SMALLINT:
                return (from, pos, out) -> out.writeShort(from.getShort(pos));
            case INT:
            case DATE:
            case TIME:
                return (from, pos, out) -> out.writeInt(from.getInt(pos));
            case BIGINT:
                return (from, pos, out) -> out.writeLong(from.getLong(pos));
            case FLOAT:
                return (from, pos, out) -> out.writeFloat(from.getFloat(pos));
            case DOUBLE:
                return (from, pos, out) -> out.writeDouble(from.getDouble(pos));
            case CHAR:
            case VARCHAR:
                return (from, pos, out) -> {
                    BinaryString value = from.getString(pos);
                    out.writeInt(value.numBytes());
                    value.writeTo(out);
                };
            case BINARY:
            case VARBINARY:
                return (from, pos, out) -> writeBytes(from.getBinary(pos), out);
            case DECIMAL:
                return decimalWriter((DecimalType) type);
            case TIMESTAMP:
            case TIMESTAMP_LTZ: {
                int precision = ValueGetters.timestampPrecision(type);
                if (precision <= 3) {
                    return (from, pos, out) -> out.writeLong(from.getTimestamp(pos, precision).millisecond());
                }
                return (from, pos, out) -> {
                    Timestamp value = from.getTimestamp(pos, precision);
                    out.writeLong(value.millisecond());
                    out.writeInt(value.nanoOfMillisecond());
                };
            }
            case ARRAY: {
                ValueWriter element = writerFor(((ArrayType) type).elementType());
                return (from, pos, out) -> {
                    InternalArray array = from.getArray(pos);
                    out.writeInt(array.size());
                    writeElements(array, element, out);
                };
            }
            case MAP: {
                ValueWriter key = writerFor(((MapType) type).keyType());
                ValueWriter value = writerFor(((MapType) type).valueType());
                return (from, pos, out) -> {
                    InternalMap map = from.getMap(pos);
                    out.writeInt(map.size());
                    writeElements(map.keyArray(), key, out);
                    writeElements(map.valueArray(), value, out);
                };
            }
            case ROW: {
                ValueWriter[] fields = writersFor((RowType) type);
                return (from, pos, out) -> writePositions(from.getRow(pos, fields.length), fields, out);
            }
            default:
                throw new IllegalArgumentException("No serialized form for type " + type);
        }
    }

    private static ValueWriter decimalWriter(DecimalType type) {
        int precision = type.precision();
        int scale = type.scale();
        boolean compact = Decimal.isCompact(precision);
        return (from, pos, out) -> {
            Decimal value = from.getDecimal(pos, precision, scale);
            if (value.precision() != precision || value.scale() != scale) {
                throw new IllegalArgumentException(String.format(
                        "Decimal %s of type DECIMAL(%d, %d) at position %d does not match the type %s",
                        value, value.precision(), value.scale(), pos, type));
            }
            if (compact) {
                out.writeLong(value.toUnscaledLong());
            } else {
                writeBytes(value.toUnscaledBytes(), out);
            }
        };
    }

    private static ValueReader readerFor(DataType type) {
        switch (type.root()) {
            case BOOLEAN:
                return DataInput::readBoolean;
            case TINYINT:
                return DataInput::readByte;
            case SMALLINT:
                return DataInput::readShort;
            case INT:
            case DATE:
            case TIME:
                return DataInput::readInt;
            case BIGINT:
                return DataInput::readLong;
            case FLOAT:
                return DataInput::readFloat;
            case DOUBLE:
                return DataInput::readDouble;
            case CHAR:
            case VARCHAR:
                return in -> BinaryString.fromBytes(readBytes(in));
            case BINARY:
            case VARBINARY:
                return InternalRowSerializer::readBytes;
            case DECIMAL: {
                int precision = ((DecimalType) type).precision();
                int scale = ((DecimalType) type).scale();
                if (Decimal.isCompact(precision)) {
                    return in -> Decimal.fromUnscaledLong(in.readLong(), precision, scale);
                }
                return in -> Decimal.fromUnscaledBytes(readBytes(in), precision, scale);
            }
            case TIMESTAMP:
            case TIMESTAMP_LTZ: {
                if (ValueGetters.timestampPrecision(type) <= 3) {
                    return in -> Timestamp.fromEpochMillis(in.readLong());
                }
                return in -> Timestamp.fromEpochMillis(in.readLong(), in.readInt());
            }
            case ARRAY: {
                ValueReader element = readerFor(((ArrayType) type).elementType());
                return in -> new GenericArray(readElements(readSize(in), element, in));
            }
            case MAP: {
                ValueReader key = readerFor(((MapType) type).keyType());
                ValueReader value = readerFor(((MapType) type).valueType());
                return in -> {
                    int size = readSize(in);
                    Object[] keys = readElements(size, key, in);
                    return new GenericMap(keys, readElements(size, value, in));
                };
            }
            case ROW: {
                ValueReader[] fields = readersFor((RowType) type);
                return in -> GenericRow.of(readPositions(fields, in));
            }
            default:
                throw new IllegalArgumentException("No serialized form for type " + type);
        }
    }

    private static void writePositions(DataGetters from, ValueWriter[] writers, DataOutput out) throws IOException {
        writeNullBits(from, writers.length, out);
        for (int pos = 0; pos < writers.length; pos++) {
            if (!from.isNullAt(pos)) {
                writers[pos].write(from, pos, out);
            }
        }
    }

    private static Object[] readPositions(ValueReader[] readers, DataInput in) throws IOException {
        byte[] nullBits = readNullBits(readers.length, in);
        Object[] values = new Object[readers.length];
        for (int pos = 0; pos < readers.length; pos++) {
            if (!isNull(nullBits, pos)) {
                values[pos] = readers[pos].read(in);
            }
        }
        return values;
    }

    private static void writeElements(InternalArray array, ValueWriter element, DataOutput out) throws IOException {
        int size = array.size();
        writeNullBits(array, size, out);
        for (int pos = 0; pos < size; pos++) {
            if (!array.isNullAt(pos)) {
                element.write(array, pos, out);
            }
        }
    }

    private static Object[] readElements(int size, ValueReader element, DataInput in) throws IOException {
        byte[] nullBits = readNullBits(size, in);
        Object[] values = new Object[size];
        for (int pos = 0; pos < size; pos++) {
            if (!isNull(nullBits, pos)) {
                values[pos] = element.read(in);
            }
        }
        return values;
    }

    private static void writeNullBits(DataGetters from, int count, DataOutput out) throws IOException {
        for (int start = 0; start < count; start += 8) {
            int bits = 0;
            int end = Math.min(start + 8, count);
            for (int pos = start; pos < end; pos++) {
                if (from.isNullAt(pos)) {
                    bits |= 1 << (pos - start);
                }
            }
            out.writeByte(bits);
        }
    }

    private static byte[] readNullBits(int count, DataInput in) throws IOException {
        byte[] bits = new byte[(count + 7) >>> 3];
        in.readFully(bits);
        return bits;
    }

    private static boolean isNull(byte[] nullBits, int pos) {
        return (nullBits[pos >>> 3] & (1 << (pos & 7))) != 0;
    }

    private static void writeBytes(byte[] bytes, DataOutput out) throws IOException {
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private static byte[] readBytes(DataInput in) throws IOException {
        byte[] bytes = new byte[readSize(in)];
        in.readFully(bytes);
        return bytes;
    }

    private static int readSize(DataInput in) throws IOException {
        int size = in.readInt();
        if (size < 0) {
            throw new IOException("Corrupt serialized row: negative size " + size);
        }
        return size;
    }
}
