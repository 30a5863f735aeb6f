package io.tstore.core.format.parquet;

import io.tstore.core.data.DataGetters;
import io.tstore.core.data.Decimal;
import io.tstore.core.data.InternalArray;
import io.tstore.core.data.InternalMap;
import io.tstore.core.data.InternalRow;
import io.tstore.core.data.Timestamp;
import io.tstore.core.types.ArrayType;
import io.tstore.core.types.DataField;
import io.tstore.core.types.DataType;
import io.tstore.core.types.DecimalType;
import io.tstore.core.types.LocalZonedTimestampType;
import io.tstore.core.types.MapType;
import io.tstore.core.types.RowType;
import io.tstore.core.types.TimestampType;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimeUnit;
import org.apache.parquet.schema.MessageType;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.Arrays;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/** Hands rows to Parquet's {@link RecordConsumer} in the shape {@link ParquetTypes} gives each type. */
final class ParquetRowWriteSupport extends WriteSupport<InternalRow> {
    private final RowType rowType;
    private final MessageType schema;
    private final FieldWriter[] fieldWriters;
    private RecordConsumer consumer;

    ParquetRowWriteSupport(RowType rowType) {
        this.rowType = requireNonNull(rowType, "rowType is null");
        this.schema = ParquetTypes.toMessageType(rowType);
        this.fieldWriters = new FieldWriter[rowType.fieldCount()];
        for (int i = 0; i < fieldWriters.length; i++) {
            fieldWriters[i] = writerFor(rowType.typeAt(i));
        }
    }

    @Override
    public WriteContext init(Configuration configuration) {
        return new WriteContext(schema, Map.of());
    }

    @Override
    public String getName() {
        return "tstore";
    }

    @Override
    public void prepareForWrite(RecordConsumer recordConsumer) {
        this.consumer = recordConsumer;
    }

    @Override
    public void write(InternalRow row) {
        consumer.startMessage();
        writeFields(row, rowType, fieldWriters, "");
        consumer.endMessage();
    }

    private void writeFields(InternalRow row, RowType type, FieldWriter[] writers, String prefix) {
        for (int i = 0; i < writers.length; i++) {
            DataField field = type.fields().get(i);
            if (row.isNullAt(i)) {
                if (!field.type().isNullable()) {
                    throw new IllegalArgumentException(String.format(
                            "Field '%s%s' (id %d) is %s but the row to write has null there",
                            prefix, field.name(), field.id(), field.type()));
                }
                continue;
            }
            consumer.startField(field.name(), i);
            writers[i].write(row, i);
            consumer.endField(field.name(), i);
        }
    }

    /** Writes the non-null value at a position of a row or array as the current field's value. */
    @FunctionalInterface
    private interface FieldWriter {
        void write(DataGetters from, int pos);
    }

    private FieldWriter writerFor(DataType type) {
        switch (type.root()) {
            case BOOLEAN:
                return (from, pos) -> consumer.addBoolean(from.getBoolean(pos));
            case TINYINT:
                return (from, pos) -> consumer.addInteger(from.getByte(pos));
            case SMALLINT:
                return (from, pos) -> consumer.addInteger(from.getShort(pos));
            case INT:
            case DATE:
            case TIME:
                return (from, pos) -> consumer.addInteger(from.getInt(pos));
            case BIGINT:
                return (from, pos) -> consumer.addLong(from.getLong(pos));
            case FLOAT:
                return (from, pos) -> consumer.addFloat(from.getFloat(pos));
            case DOUBLE:
                return (from, pos) -> consumer.addDouble(from.getDouble(pos));
            case DECIMAL:
                return decimalWriter((DecimalType) type);
            case CHAR:
            case VARCHAR:
                // toBytes copies, so Parquet may keep the array (dictionaries do).
                return (from, pos) -> consumer.addBinary(Binary.fromConstantByteArray(from.getString(pos).toBytes()));
            case BINARY:
            case VARBINARY:
                // The caller's array may change after the row is written: Parquet copies what it keeps of it.
                return (from, pos) -> consumer.addBinary(Binary.fromReusedByteArray(from.getBinary(pos)));
            case TIMESTAMP:
                return timestampWriter(((TimestampType) type).precision(), type);
            case TIMESTAMP_LTZ:
                return timestampWriter(((LocalZonedTimestampType) type).precision(), type);
            case ARRAY:
                return arrayWriter((ArrayType) type);
            case MAP:
                return mapWriter((MapType) type);
            case ROW:
                return rowWriter((RowType) type);
            default:
                throw new IllegalArgumentException("No Parquet writer for " + type);
        }
    }

    private FieldWriter decimalWriter(DecimalType type) {
        int precision = type.precision();
        int scale = type.scale();
        if (precision <= 9) {
            return (from, pos) -> consumer.addInteger((int) unscaledLong(from.getDecimal(pos, precision, scale), scale));
        }
        if (precision <= 18) {
            return (from, pos) -> consumer.addLong(unscaledLong(from.getDecimal(pos, precision, scale), scale));
        }
        int length = ParquetTypes.decimalBytes(precision);
        return (from, pos) -> {
            BigInteger unscaled = from.getDecimal(pos, precision, scale).toBigDecimal()
                    .setScale(scale, RoundingMode.UNNECESSARY).unscaledValue();
            byte[] bytes = unscaled.toByteArray();
            byte[] fixed = new byte[length];
            // Sign-extend the big-endian two's complement to the fixed width.
            Arrays.fill(fixed, 0, length - bytes.length, unscaled.signum() < 0 ? (byte) -1 : 0);
            System.arraycopy(bytes, 0, fixed, length - bytes.length, bytes.length);
            consumer.addBinary(Binary.fromConstantByteArray(fixed));
        };
    }

    private static long unscaledLong(Decimal decimal, int scale) {
        if (decimal.isCompact() && decimal.scale() == scale) {
            return decimal.toUnscaledLong();
        }
        BigDecimal value = decimal.toBigDecimal().setScale(scale, RoundingMode.UNNECESSARY);
        return value.unscaledValue().longValueExact();
    }

    private FieldWriter timestampWriter(int precision, DataType type) {
        switch (ParquetTypes.timeUnit(precision)) {
            case MILLIS:
                return (from, pos) -> consumer.addLong(from.getTimestamp(pos, precision).millisecond());
            case MICROS:
                return (from, pos) -> {
                    Timestamp timestamp = from.getTimestamp(pos, precision);
                    consumer.addLong(Math.multiplyExact(timestamp.millisecond(), 1000L) + timestamp.nanoOfMillisecond() / 1000);
                };
            default:
                return (from, pos) -> {
                    Timestamp timestamp = from.getTimestamp(pos, precision);
                    long nanos;
                    try {
                        nanos = Math.addExact(
                                Math.multiplyExact(timestamp.millisecond(), 1_000_000L), timestamp.nanoOfMillisecond());
                    } catch (ArithmeticException e) {
                        throw new IllegalArgumentException(String.format(
                                "Value %s of type %s does not fit Parquet's nanosecond timestamps, which cover the years "
                                        + "1677 to 2262; use a precision of at most 6 for values outside that range",
                                timestamp, type), e);
                    }
                    consumer.addLong(nanos);
                };
        }
    }

    private FieldWriter arrayWriter(ArrayType type) {
        FieldWriter elementWriter = writerFor(type.elementType());
        boolean elementNullable = type.elementType().isNullable();
        return (from, pos) -> {
            InternalArray array = from.getArray(pos);
            consumer.startGroup();
            if (array.size() > 0) {
                consumer.startField(ParquetTypes.LIST_REPEATED, 0);
                for (int i = 0; i < array.size(); i++) {
                    consumer.startGroup();
                    if (!array.isNullAt(i)) {
                        consumer.startField(ParquetTypes.LIST_ELEMENT, 0);
                        elementWriter.write(array, i);
                        consumer.endField(ParquetTypes.LIST_ELEMENT, 0);
                    } else if (!elementNullable) {
                        throw new IllegalArgumentException("An element of an array of " + type.elementType() + " is null");
                    }
                    consumer.endGroup();
                }
                consumer.endField(ParquetTypes.LIST_REPEATED, 0);
            }
            consumer.endGroup();
        };
    }

    private FieldWriter mapWriter(MapType type) {
        FieldWriter keyWriter = writerFor(type.keyType());
        FieldWriter valueWriter = writerFor(type.valueType());
        boolean valueNullable = type.valueType().isNullable();
        return (from, pos) -> {
            InternalMap map = from.getMap(pos);
            InternalArray keys = map.keyArray();
            InternalArray values = map.valueArray();
            consumer.startGroup();
            if (map.size() > 0) {
                consumer.startField(ParquetTypes.MAP_REPEATED, 0);
                for (int i = 0; i < map.size(); i++) {
                    consumer.startGroup();
                    if (keys.isNullAt(i)) {
                        throw new IllegalArgumentException(
                                "A map of type " + type + " has a null key, which Parquet cannot store (map keys are required)");
                    }
                    consumer.startField(ParquetTypes.MAP_KEY, 0);
                    keyWriter.write(keys, i);
                    consumer.endField(ParquetTypes.MAP_KEY, 0);
                    if (!values.isNullAt(i)) {
                        consumer.startField(ParquetTypes.MAP_VALUE, 1);
                        valueWriter.write(values, i);
                        consumer.endField(ParquetTypes.MAP_VALUE, 1);
                    } else if (!valueNullable) {
                        throw new IllegalArgumentException("A value of a map of type " + type + " is null");
                    }
                    consumer.endGroup();
                }
                consumer.endField(ParquetTypes.MAP_REPEATED, 0);
            }
            consumer.endGroup();
        };
    }

    private FieldWriter rowWriter(RowType type) {
        FieldWriter[] writers = new FieldWriter[type.fieldCount()];
        for (int i = 0; i < writers.length; i++) {
            writers[i] = writerFor(type.typeAt(i));
        }
        return (from, pos) -> {
            consumer.startGroup();
            writeFields(from.getRow(pos, writers.length), type, writers, "");
            consumer.endGroup();
        };
    }
}
