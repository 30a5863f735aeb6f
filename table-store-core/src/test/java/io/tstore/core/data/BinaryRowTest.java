package io.tstore.core.data;

import io.tstore.core.types.DataType;
import io.tstore.core.types.RowType;
import io.tstore.lsm.RowKind;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.HexFormat;
import java.util.Random;

import static io.tstore.core.types.DataTypes.BIGINT;
import static io.tstore.core.types.DataTypes.DATE;
import static io.tstore.core.types.DataTypes.DECIMAL;
import static io.tstore.core.types.DataTypes.INT;
import static io.tstore.core.types.DataTypes.ROW;
import static io.tstore.core.types.DataTypes.STRING;
import static io.tstore.core.types.DataTypes.TIMESTAMP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BinaryRowTest {

    @Test
    void sameValuesGiveSameBytesForEveryType() {
        RowType type = RandomRows.ALL_TYPES;
        // one projection for all rows, so that stale bytes in its reused buffer would show
        RowProjection projection = RowProjection.all(type);
        for (int seed = 0; seed < 500; seed++) {
            GenericRow values = RandomRows.row(new Random(seed), type);
            BinaryRow fromGeneric = InternalRows.toBinaryRow(values, type);
            // the same values generated again, built again
            BinaryRow again = InternalRows.toBinaryRow(RandomRows.row(new Random(seed), type), type);
            // copied from the binary form (nested values copied as bytes) and from its generic copy
            BinaryRow fromBinary = InternalRows.toBinaryRow(fromGeneric, type);
            BinaryRow viaGeneric = InternalRows.toBinaryRow(InternalRows.toGenericRow(fromGeneric, type), type);
            BinaryRow projected = projection.apply(values);

            String hex = HexFormat.of().formatHex(fromGeneric.toBytes());
            for (BinaryRow other : new BinaryRow[] {again, fromBinary, viaGeneric, projected}) {
                assertThat(HexFormat.of().formatHex(other.toBytes())).as("seed %d", seed).isEqualTo(hex);
                assertThat(other).isEqualTo(fromGeneric).hasSameHashCodeAs(fromGeneric);
            }
            // and the bytes read back to the values
            assertThat(InternalRows.toGenericRow(fromGeneric, type)).as("seed %d", seed).isEqualTo(values);
        }
    }

    @Test
    void eachTypeAloneIsCanonical() {
        for (int i = 0; i < RandomRows.ALL_TYPES.fieldCount(); i++) {
            RowType type = RandomRows.ALL_TYPES.project(new int[] {i});
            for (int seed = 0; seed < 50; seed++) {
                BinaryRow a = InternalRows.toBinaryRow(RandomRows.row(new Random(seed), type), type);
                BinaryRow b = InternalRows.toBinaryRow(RandomRows.row(new Random(seed), type), type);
                assertThat(a.toBytes()).as("%s seed %d", type, seed).isEqualTo(b.toBytes());
                assertThat(InternalRows.toGenericRow(a, type)).isEqualTo(RandomRows.row(new Random(seed), type));
            }
        }
    }

    @Test
    void layoutIsNullBitsThenSlotsThenVariableRegion() {
        BinaryRowWriter writer = new BinaryRowWriter(3);
        writer.writeInt(0, 1);
        writer.setNullAt(1);
        writer.writeString(2, BinaryString.fromString("ab"));
        BinaryRow row = writer.complete();
        assertThat(HexFormat.of().formatHex(row.toBytes())).isEqualTo(
                "02" // field 1 is null
                        + "0100000000000000" // INT 1, little-endian
                        + "0000000000000000" // the null field's slot
                        + "0200000019000000" // 2 bytes at offset 25
                        + "6162");
        assertThat(row.sizeInBytes()).isEqualTo(27);
    }

    @Test
    void hashValuesArePinnedBecauseTheyRouteRowsToBuckets() {
        assertThat(BinaryRow.EMPTY_ROW.hashCode()).isEqualTo(pinned("EMPTY_ROW"));
        assertThat(row(ROW(INT()), 1).hashCode()).isEqualTo(pinned("INT 1"));
        assertThat(row(ROW(BIGINT(), STRING()), 42L, BinaryString.fromString("hello")).hashCode())
                .isEqualTo(pinned("BIGINT 42, STRING hello"));
        assertThat(row(ROW(INT(), STRING(), DECIMAL(10, 2), DATE()),
                null, BinaryString.fromString("tstore"), Decimal.fromBigDecimal(new BigDecimal("123.45"), 10, 2), 19_000)
                .hashCode()).isEqualTo(pinned("null, tstore, 123.45, 2022-01-08"));
        assertThat(row(ROW(STRING(), TIMESTAMP(9), DECIMAL(20, 4)),
                BinaryString.fromString("日本語"),
                Timestamp.fromLocalDateTime(LocalDateTime.parse("2024-03-01T12:34:56.123456789")),
                Decimal.fromBigDecimal(new BigDecimal("-12345678901234.5678"), 20, 4))
                .hashCode()).isEqualTo(pinned("multi-byte string, nanos, big decimal"));
    }

    /** Hash values computed once; a change here breaks the bucket of every existing row. */
    private static int pinned(String what) {
        switch (what) {
            case "EMPTY_ROW":
                return 142593372;
            case "INT 1":
                return -975143805;
            case "BIGINT 42, STRING hello":
                return -1383647650;
            case "null, tstore, 123.45, 2022-01-08":
                return -1770905677;
            case "multi-byte string, nanos, big decimal":
                return -1700962455;
            default:
                throw new IllegalArgumentException(what);
        }
    }

    @Test
    void rowKindIsNotPartOfEqualityOrHash() {
        BinaryRow insert = row(ROW(INT()), 7);
        BinaryRow delete = row(ROW(INT()), 7);
        delete.setRowKind(RowKind.DELETE);
        assertThat(delete.getRowKind()).isEqualTo(RowKind.DELETE);
        assertThat(delete).isEqualTo(insert).hasSameHashCodeAs(insert);
        assertThat(delete.copy().getRowKind()).isEqualTo(RowKind.DELETE);
    }

    @Test
    void emptyRowHasNoFieldsAndCannotChange() {
        assertThat(BinaryRow.EMPTY_ROW.getFieldCount()).isZero();
        assertThat(BinaryRow.EMPTY_ROW.sizeInBytes()).isZero();
        assertThat(new BinaryRowWriter(0).complete()).isEqualTo(BinaryRow.EMPTY_ROW);
        assertThat(RowProjection.all(ROW()).apply(GenericRow.of())).isEqualTo(BinaryRow.EMPTY_ROW);
        assertThatThrownBy(() -> BinaryRow.EMPTY_ROW.setRowKind(RowKind.DELETE))
                .isInstanceOf(UnsupportedOperationException.class);
        BinaryRow copy = BinaryRow.EMPTY_ROW.copy();
        copy.setRowKind(RowKind.DELETE);
        assertThat(BinaryRow.EMPTY_ROW.getRowKind()).isEqualTo(RowKind.INSERT);
    }

    @Test
    void rowsWithDifferentFieldCountsDiffer() {
        assertThat(BinaryRow.fromBytes(new byte[9], 1)).isNotEqualTo(BinaryRow.fromBytes(new byte[9], 0));
    }

    @Test
    void writerInsistsOnEveryFieldOnceInOrder() {
        BinaryRowWriter writer = new BinaryRowWriter(2);
        assertThatThrownBy(() -> writer.writeInt(1, 5))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Position 1 written out of order: expected position 0");
        writer.writeInt(0, 5);
        assertThatThrownBy(writer::complete)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Only 1 of 2 positions were written");
        writer.setNullAt(1);
        assertThatThrownBy(() -> writer.writeInt(2, 5)).hasMessageContaining("Position 2 is outside the 2 positions");
        BinaryRow row = writer.complete();
        assertThat(row.getInt(0)).isEqualTo(5);
        assertThat(row.isNullAt(1)).isTrue();
        // the writer starts over after complete(), and reset() drops a half-written row
        writer.writeInt(0, 6);
        writer.reset();
        writer.writeInt(0, 5);
        writer.setNullAt(1);
        assertThat(writer.complete()).isEqualTo(row);
    }

    @Test
    void writerRejectsDecimalsOfAnotherType() {
        BinaryRowWriter writer = new BinaryRowWriter(1);
        Decimal value = Decimal.fromBigDecimal(new BigDecimal("1.5"), 5, 1);
        assertThatThrownBy(() -> writer.writeDecimal(0, value, 10, 2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Decimal 1.5 of type DECIMAL(5, 1) cannot be written at position 0 of type DECIMAL(10, 2)");
    }

    @Test
    void gettersReadEveryFixedType() {
        RowType type = RowType.builder()
                .field("a", io.tstore.core.types.DataTypes.BOOLEAN())
                .field("b", io.tstore.core.types.DataTypes.TINYINT())
                .field("c", io.tstore.core.types.DataTypes.SMALLINT())
                .field("d", io.tstore.core.types.DataTypes.FLOAT())
                .field("e", io.tstore.core.types.DataTypes.DOUBLE())
                .field("f", BIGINT())
                .build();
        BinaryRow row = row(type, true, (byte) -7, (short) -300, -1.5f, Double.NaN, Long.MIN_VALUE);
        assertThat(row.getBoolean(0)).isTrue();
        assertThat(row.getByte(1)).isEqualTo((byte) -7);
        assertThat(row.getShort(2)).isEqualTo((short) -300);
        assertThat(row.getFloat(3)).isEqualTo(-1.5f);
        assertThat(row.getDouble(4)).isNaN();
        assertThat(row.getLong(5)).isEqualTo(Long.MIN_VALUE);
        assertThatThrownBy(() -> row.getInt(6)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void wrappingChecksTheSize() {
        assertThatThrownBy(() -> BinaryRow.fromBytes(new byte[8], 1))
                .hasMessage("A binary row of 1 fields needs at least 9 bytes, but has 8");
    }

    static BinaryRow row(RowType type, Object... values) {
        return InternalRows.toBinaryRow(GenericRow.of(values), type);
    }

    static BinaryRow row(DataType type, Object... values) {
        return row((RowType) type, values);
    }
}
