package io.tstore.core.data;

import io.tstore.core.types.ArrayType;
import io.tstore.core.types.DataType;
import io.tstore.core.types.DataTypes;
import io.tstore.core.types.DecimalType;
import io.tstore.core.types.MapType;
import io.tstore.core.types.RowType;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A converter sees each kind of value once, nested values included, with nulls passed on as null. */
class ValueGettersTest {

    /** Plain Java values, as a test engine would have them. */
    private static final ValueConverter JAVA = new ValueConverter() {
        @Override
        public Object convertString(BinaryString value, DataType type) {
            return value.toString();
        }

        @Override
        public Object convertBinary(byte[] value, DataType type) {
            return Arrays.toString(value);
        }

        @Override
        public Object convertDecimal(Decimal value, DecimalType type) {
            return value.toBigDecimal();
        }

        @Override
        public Object convertTimestamp(Timestamp value, DataType type) {
            return value.toLocalDateTime();
        }

        @Override
        public Object convertArray(Object[] elements, ArrayType type) {
            return Arrays.asList(elements);
        }

        @Override
        public Object convertMap(Object[] keys, Object[] values, MapType type) {
            Map<Object, Object> map = new LinkedHashMap<>();
            for (int i = 0; i < keys.length; i++) {
                map.put(keys[i], values[i]);
            }
            return map;
        }

        @Override
        public Object convertRow(Object[] fields, RowType type) {
            return Arrays.asList(fields);
        }
    };

    @Test
    void convertsEveryKindOfValueAndNestedNulls() {
        RowType type = RowType.builder()
                .field("b", DataTypes.BOOLEAN())
                .field("t", DataTypes.TINYINT())
                .field("s", DataTypes.SMALLINT())
                .field("i", DataTypes.INT())
                .field("l", DataTypes.BIGINT())
                .field("f", DataTypes.FLOAT())
                .field("d", DataTypes.DOUBLE())
                .field("date", DataTypes.DATE())
                .field("time", DataTypes.TIME(3))
                .field("str", DataTypes.STRING())
                .field("bin", DataTypes.BYTES())
                .field("dec", DataTypes.DECIMAL(20, 3))
                .field("ts", DataTypes.TIMESTAMP(6))
                .field("arr", DataTypes.ARRAY(DataTypes.STRING()))
                .field("map", DataTypes.MAP(DataTypes.INT(), DataTypes.DECIMAL(5, 2)))
                .field("row", DataTypes.ROW(DataTypes.INT(), DataTypes.STRING()))
                .build();
        Map<Object, Object> map = new LinkedHashMap<>();
        map.put(1, Decimal.fromBigDecimal(new BigDecimal("1.25"), 5, 2));
        map.put(2, null);
        GenericRow row = GenericRow.of(true, (byte) -1, (short) 300, 7, 1L << 40, 1.5f, -0.25, 19000, 3_600_000,
                BinaryString.fromString("héllo"), new byte[] {1, 2},
                Decimal.fromBigDecimal(new BigDecimal("12345678901234567.891"), 20, 3),
                Timestamp.fromLocalDateTime(LocalDateTime.of(2024, 2, 29, 12, 0, 0, 123_456_000)),
                GenericArray.of(BinaryString.fromString("a"), null), GenericMap.of(map), GenericRow.of(null, BinaryString.fromString("x")));
        ValueGetters.PositionGetter[] getters = ValueGetters.converting(type, JAVA);
        List<Object> converted = new ArrayList<>();
        for (int i = 0; i < getters.length; i++) {
            converted.add(getters[i].get(row, i));
        }
        Map<Object, Object> expectedMap = new LinkedHashMap<>();
        expectedMap.put(1, new BigDecimal("1.25"));
        expectedMap.put(2, null);
        assertThat(converted).containsExactly(true, (byte) -1, (short) 300, 7, 1L << 40, 1.5f, -0.25, 19000, 3_600_000,
                "héllo", "[1, 2]", new BigDecimal("12345678901234567.891"),
                LocalDateTime.of(2024, 2, 29, 12, 0, 0, 123_456_000), Arrays.asList("a", null), expectedMap,
                Arrays.asList(null, "x"));
        // The same row read through the binary form gives the same values.
        BinaryRow binary = InternalRows.toBinaryRow(row, type);
        for (int i = 0; i < getters.length; i++) {
            assertThat(getters[i].get(binary, i)).as("field %s", type.fieldNames().get(i)).isEqualTo(converted.get(i));
        }
    }
}
