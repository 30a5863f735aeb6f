package io.tstore.core.format.parquet;

import io.tstore.core.data.BinaryString;
import io.tstore.core.data.Decimal;
import io.tstore.core.data.GenericArray;
import io.tstore.core.data.GenericMap;
import io.tstore.core.data.GenericRow;
import io.tstore.core.data.Timestamp;
import io.tstore.core.types.ArrayType;
import io.tstore.core.types.DataType;
import io.tstore.core.types.DecimalType;
import io.tstore.core.types.LocalZonedTimestampType;
import io.tstore.core.types.MapType;
import io.tstore.core.types.RowType;
import io.tstore.core.types.TimestampType;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.Converter;
import org.apache.parquet.io.api.GroupConverter;
import org.apache.parquet.io.api.PrimitiveConverter;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.Type;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Parquet converters that assemble values of each logical type, in their internal forms, from the shapes
 * {@link ParquetTypes} writes. Each converter hands a finished value to the sink its parent gave it; a field that
 * Parquet does not visit (a null) stays null.
 */
final class ParquetRowConverters {
    private ParquetRowConverters() {}

    static Converter forType(DataType type, Consumer<Object> sink) {
        switch (type.root()) {
            case BOOLEAN:
                return new PrimitiveConverter() {
                    @Override
                    public void addBoolean(boolean value) {
                        sink.accept(value);
                    }
                };
            case TINYINT:
                return intConverter(value -> sink.accept((byte) value));
            case SMALLINT:
                return intConverter(value -> sink.accept((short) value));
            case INT:
            case DATE:
            case TIME:
                return intConverter(sink::accept);
            case BIGINT:
                return longConverter(sink::accept);
            case FLOAT:
                return new PrimitiveConverter() {
                    @Override
                    public void addFloat(float value) {
                        sink.accept(value);
                    }
                };
            case DOUBLE:
                return new PrimitiveConverter() {
                    @Override
                    public void addDouble(double value) {
                        sink.accept(value);
                    }
                };
            case DECIMAL:
                return decimalConverter((DecimalType) type, sink);
            case CHAR:
            case VARCHAR:
                // getBytes copies or returns an array nobody changes (a dictionary entry): fine for immutable strings.
                return binaryConverter(value -> sink.accept(BinaryString.fromBytes(value.getBytes())));
            case BINARY:
            case VARBINARY:
                // Copied so that rows never share a byte array (dictionary entries would be shared).
                return binaryConverter(value -> sink.accept(value.getBytes().clone()));
            case TIMESTAMP:
                return timestampConverter(((TimestampType) type).precision(), sink);
            case TIMESTAMP_LTZ:
                return timestampConverter(((LocalZonedTimestampType) type).precision(), sink);
            case ARRAY:
                return new ListConverter((ArrayType) type, sink);
            case MAP:
                return new MapConverter((MapType) type, sink);
            case ROW:
                return new RowConverter((RowType) type, sink);
            default:
                throw new IllegalArgumentException("No Parquet converter for " + type);
        }
    }

    @FunctionalInterface
    private interface IntSink {
        void accept(int value);
    }

    @FunctionalInterface
    private interface LongSink {
        void accept(long value);
    }

    private static PrimitiveConverter intConverter(IntSink sink) {
        return new PrimitiveConverter() {
            @Override
            public void addInt(int value) {
                sink.accept(value);
            }
        };
    }

    private static PrimitiveConverter longConverter(LongSink sink) {
        return new PrimitiveConverter() {
            @Override
            public void addLong(long value) {
                sink.accept(value);
            }
        };
    }

    private static PrimitiveConverter binaryConverter(Consumer<Binary> sink) {
        return new PrimitiveConverter() {
            @Override
            public void addBinary(Binary value) {
                sink.accept(value);
            }
        };
    }

    private static PrimitiveConverter decimalConverter(DecimalType type, Consumer<Object> sink) {
        int precision = type.precision();
        int scale = type.scale();
        if (precision <= 9) {
            return intConverter(value -> sink.accept(Decimal.fromUnscaledLong(value, precision, scale)));
        }
        if (precision <= 18) {
            return longConverter(value -> sink.accept(Decimal.fromUnscaledLong(value, precision, scale)));
        }
        return binaryConverter(value -> sink.accept(Decimal.fromUnscaledBytes(value.getBytes(), precision, scale)));
    }

    private static PrimitiveConverter timestampConverter(int precision, Consumer<Object> sink) {
        switch (ParquetTypes.timeUnit(precision)) {
            case MILLIS:
                return longConverter(value -> sink.accept(Timestamp.fromEpochMillis(value)));
            case MICROS:
                return longConverter(value -> sink.accept(Timestamp.fromEpochMillis(
                        Math.floorDiv(value, 1000L), (int) Math.floorMod(value, 1000L) * 1000)));
            default:
                return longConverter(value -> sink.accept(Timestamp.fromEpochMillis(
                        Math.floorDiv(value, 1_000_000L), (int) Math.floorMod(value, 1_000_000L))));
        }
    }

    /** A ROW, and the root of a record: one value per field, null where Parquet has none. */
    static final class RowConverter extends GroupConverter {
        private final Converter[] fieldConverters;
        private final Consumer<Object> sink;
        private Object[] values;

        RowConverter(RowType type, Consumer<Object> sink) {
            this(type, List.of(), sink);
        }

        /** A row of {@code type} read from the first fields of a group whose further fields are read and dropped. */
        RowConverter(RowType type, List<Type> ignoredFields, Consumer<Object> sink) {
            this.sink = sink;
            this.fieldConverters = new Converter[type.fieldCount() + ignoredFields.size()];
            for (int i = 0; i < type.fieldCount(); i++) {
                int pos = i;
                fieldConverters[i] = forType(type.typeAt(i), value -> values[pos] = value);
            }
            for (int i = 0; i < ignoredFields.size(); i++) {
                fieldConverters[type.fieldCount() + i] = ignoring(ignoredFields.get(i));
            }
            this.values = new Object[type.fieldCount()];
        }

        @Override
        public Converter getConverter(int fieldIndex) {
            return fieldConverters[fieldIndex];
        }

        @Override
        public void start() {
            values = new Object[values.length];
        }

        @Override
        public void end() {
            sink.accept(GenericRow.of(values));
        }
    }

    /** A converter that takes the values of a Parquet type and drops them. */
    static Converter ignoring(Type type) {
        if (type.isPrimitive()) {
            return new PrimitiveConverter() {
                @Override
                public void addBinary(Binary value) {}

                @Override
                public void addBoolean(boolean value) {}

                @Override
                public void addDouble(double value) {}

                @Override
                public void addFloat(float value) {}

                @Override
                public void addInt(int value) {}

                @Override
                public void addLong(long value) {}
            };
        }
        GroupType group = type.asGroupType();
        Converter[] children = new Converter[group.getFieldCount()];
        for (int i = 0; i < children.length; i++) {
            children[i] = ignoring(group.getType(i));
        }
        return new GroupConverter() {
            @Override
            public Converter getConverter(int fieldIndex) {
                return children[fieldIndex];
            }

            @Override
            public void start() {}

            @Override
            public void end() {}
        };
    }

    /** The LIST group: its repeated group collects one element each, null where the element field is absent. */
    private static final class ListConverter extends GroupConverter {
        private final Consumer<Object> sink;
        private final GroupConverter repeated;
        private List<Object> elements;
        private Object element;

        ListConverter(ArrayType type, Consumer<Object> sink) {
            this.sink = sink;
            Converter elementConverter = forType(type.elementType(), value -> element = value);
            this.repeated = new GroupConverter() {
                @Override
                public Converter getConverter(int fieldIndex) {
                    return elementConverter;
                }

                @Override
                public void start() {
                    element = null;
                }

                @Override
                public void end() {
                    elements.add(element);
                }
            };
        }

        @Override
        public Converter getConverter(int fieldIndex) {
            return repeated;
        }

        @Override
        public void start() {
            elements = new ArrayList<>();
        }

        @Override
        public void end() {
            sink.accept(new GenericArray(elements.toArray()));
        }
    }

    /** The MAP group: its repeated key_value group collects one entry each. */
    private static final class MapConverter extends GroupConverter {
        private final Consumer<Object> sink;
        private final GroupConverter repeated;
        private List<Object> keys;
        private List<Object> values;
        private Object key;
        private Object value;

        MapConverter(MapType type, Consumer<Object> sink) {
            this.sink = sink;
            Converter keyConverter = forType(type.keyType(), k -> key = k);
            Converter valueConverter = forType(type.valueType(), v -> value = v);
            this.repeated = new GroupConverter() {
                @Override
                public Converter getConverter(int fieldIndex) {
                    return fieldIndex == 0 ? keyConverter : valueConverter;
                }

                @Override
                public void start() {
                    key = null;
                    value = null;
                }

                @Override
                public void end() {
                    keys.add(key);
                    values.add(value);
                }
            };
        }

        @Override
        public Converter getConverter(int fieldIndex) {
            return repeated;
        }

        @Override
        public void start() {
            keys = new ArrayList<>();
            values = new ArrayList<>();
        }

        @Override
        public void end() {
            sink.accept(new GenericMap(keys.toArray(), values.toArray()));
        }
    }
}
