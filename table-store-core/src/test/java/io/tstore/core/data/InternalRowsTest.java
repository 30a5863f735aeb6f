package io.tstore.core.data;

import io.tstore.core.types.DataType;
import io.tstore.core.types.RowType;
import io.tstore.lsm.RowKind;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.Map;

import static io.tstore.core.types.DataTypes.ARRAY;
import static io.tstore.core.types.DataTypes.BIGINT;
import static io.tstore.core.types.DataTypes.BOOLEAN;
import static io.tstore.core.types.DataTypes.BYTES;
import static io.tstore.core.types.DataTypes.DATE;
import static io.tstore.core.types.DataTypes.DECIMAL;
import static io.tstore.core.types.DataTypes.DOUBLE;
import static io.tstore.core.types.DataTypes.INT;
import static io.tstore.core.types.DataTypes.MAP;
import static io.tstore.core.types.DataTypes.STRING;
import static io.tstore.core.types.DataTypes.TIME;
import static io.tstore.core.types.DataTypes.TIMESTAMP;
import static io.tstore.core.types.DataTypes.TIMESTAMP_LTZ;
import static org.assertj.core.api.Assertions.assertThat;

/** InternalRows, GenericRow/Array/Map and the field getters. */
class InternalRowsTest {
    private static final RowType TYPE = RowType.builder()
            .field("id", BIGINT())
            .field("name", STRING())
            .field("ok", BOOLEAN())
            .field("price", DECIMAL(10, 2))
            .field("day", DATE())
            .field("at", TIME(3))
            .field("ts", TIMESTAMP(6))
            .field("ltz", TIMESTAMP_LTZ(3))
            .field("raw", BYTES())
            .field("tags", ARRAY(STRING()))
            .field("attrs", MAP(STRING(), INT()))
            .field("point", RowType.builder().field("x", DOUBLE()).field("y", DOUBLE()).build())
            .build();

    private static GenericRow sample() {
        Map<Object, Object> attrs = new LinkedHashMap<>();
        attrs.put(BinaryString.fromString("k"), 1);
        attrs.put(BinaryString.fromString("l"), null);
        return GenericRow.ofKind(RowKind.UPDATE_AFTER,
                7L,
                BinaryString.fromString("it's"),
                true,
                Decimal.fromBigDecimal(new BigDecimal("12.30"), 10, 2),
                19_783,
                45_296_789,
                Timestamp.fromLocalDateTime(LocalDateTime.parse("2024-03-01T12:00:00.123456")),
                Timestamp.fromInstant(Instant.parse("2024-03-01T12:00:00.5Z")),
                new byte[] {0x0a, (byte) 0xff},
                GenericArray.of(BinaryString.fromString("x"), null),
                GenericMap.of(attrs),
                GenericRow.of(1.0, null));
    }

    @Test
    void toStringNamesFieldsAndShowsReadableValues() {
        String expected = "+U(id=7, name='it''s', ok=true, price=12.30, day=2024-03-01, at=12:34:56.789, "
                + "ts=2024-03-01T12:00:00.123456, ltz=2024-03-01T12:00:00.500Z, raw=x'0aff', tags=['x', null], "
                + "attrs={'k'=1, 'l'=null}, point=(x=1.0, y=null))";
        assertThat(InternalRows.toString(sample(), TYPE)).isEqualTo(expected);
        BinaryRow binary = InternalRows.toBinaryRow(sample(), TYPE);
        assertThat(binary.getRowKind()).isEqualTo(RowKind.UPDATE_AFTER);
        assertThat(InternalRows.toString(binary, TYPE)).isEqualTo(expected);
    }

    @Test
    void genericCopiesAreDeepAndEqualAcrossRepresentations() {
        GenericRow row = sample();
        GenericRow copy = InternalRows.toGenericRow(InternalRows.toBinaryRow(row, TYPE), TYPE);
        assertThat(copy).isEqualTo(row).hasSameHashCodeAs(row);
        assertThat(copy.getField(8)).isNotSameAs(row.getField(8));
        assertThat(copy.toString()).startsWith("+U(7, it's, true, 12.30, 19783, 45296789, 2024-03-01T12:00:00.123456, ");
    }

    @Test
    void fieldGettersGiveBoxedInternalValuesOrNull() {
        GenericRow row = sample();
        BinaryRow binary = InternalRows.toBinaryRow(row, TYPE);
        for (int i = 0; i < TYPE.fieldCount(); i++) {
            DataType type = TYPE.typeAt(i);
            InternalRow.FieldGetter getter = InternalRow.createFieldGetter(type, i);
            Object fromGeneric = getter.getFieldOrNull(row);
            assertThat(fromGeneric).isEqualTo(row.getField(i));
            if (!type.root().isNested()) {
                assertThat(getter.getFieldOrNull(binary)).as(type.toString()).isEqualTo(fromGeneric);
            }
        }
        assertThat(InternalRow.createFieldGetter(INT(), 0).getFieldOrNull(GenericRow.of((Object) null))).isNull();
        InternalArray.ElementGetter element = InternalArray.createElementGetter(STRING());
        assertThat(element.getElementOrNull(binary.getArray(9), 0)).isEqualTo(BinaryString.fromString("x"));
        assertThat(element.getElementOrNull(binary.getArray(9), 1)).isNull();
    }

    @Test
    void mapsAreEqualWhateverTheirEntryOrderAndCompareBytesByContent() {
        GenericMap a = new GenericMap(new Object[] {new byte[] {1}, new byte[] {2}}, new Object[] {"one", null});
        GenericMap b = new GenericMap(new Object[] {new byte[] {2}, new byte[] {1}}, new Object[] {null, "one"});
        GenericMap c = new GenericMap(new Object[] {new byte[] {2}, new byte[] {1}}, new Object[] {"two", "one"});
        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b).isNotEqualTo(c);
        assertThat(a.toString()).isEqualTo("{[1]=one, [2]=null}");
        assertThat(GenericRow.of(new byte[] {1}, a)).isEqualTo(GenericRow.of(new byte[] {1}, b));
        assertThat(GenericRow.of(1)).isNotEqualTo(GenericRow.ofKind(RowKind.DELETE, 1));
    }

    @Test
    void binaryMapsKeepTheirEntries() {
        BinaryMap map = BinaryMap.fromMap((InternalMap) sample().getField(10), STRING(), INT());
        assertThat(map.size()).isEqualTo(2);
        assertThat(map.keyArray().getString(1).toString()).isEqualTo("l");
        assertThat(map.valueArray().getInt(0)).isEqualTo(1);
        assertThat(map.valueArray().isNullAt(1)).isTrue();
        assertThat(BinaryMap.fromMap(map, STRING(), INT())).isSameAs(map);
        assertThat(BinaryArray.fromArray(GenericArray.of(1, null, 3), INT()))
                .isEqualTo(BinaryArray.fromArray(GenericArray.of(1, null, 3), INT()));
    }
}
