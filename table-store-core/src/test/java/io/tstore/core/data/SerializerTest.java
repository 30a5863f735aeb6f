package io.tstore.core.data;

import io.tstore.core.types.RowType;
import io.tstore.lsm.KeyValue;
import io.tstore.lsm.RowKind;
import io.tstore.lsm.io.KeyValueSerializer;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static io.tstore.core.types.DataTypes.BIGINT;
import static io.tstore.core.types.DataTypes.DECIMAL;
import static io.tstore.core.types.DataTypes.STRING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SerializerTest {
    private static final RowType TYPE = RandomRows.ALL_TYPES;

    @Test
    void internalRowsRoundTripForManySeeds() throws IOException {
        InternalRowSerializer serializer = new InternalRowSerializer(TYPE);
        for (int seed = 0; seed < 1_000; seed++) {
            Random random = new Random(seed);
            GenericRow row = RandomRows.row(random, TYPE);
            row.setRowKind(RowKind.values()[random.nextInt(4)]);

            byte[] fromGeneric = serialize(serializer, row);
            assertThat(serializer.read(input(fromGeneric))).as("seed %d", seed).isEqualTo(row);
            // the serialized form does not depend on the representation of the row
            BinaryRow binary = InternalRows.toBinaryRow(row, TYPE);
            assertThat(serialize(serializer, binary)).as("seed %d", seed).isEqualTo(fromGeneric);
        }
    }

    @Test
    void manyRowsReadBackFromOneStream() throws IOException {
        InternalRowSerializer serializer = new InternalRowSerializer(TYPE);
        Random random = new Random(99);
        List<GenericRow> rows = new ArrayList<>();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        for (int i = 0; i < 500; i++) {
            GenericRow row = RandomRows.row(random, TYPE);
            rows.add(row);
            serializer.write(row, out);
        }
        DataInputStream in = input(bytes.toByteArray());
        for (GenericRow row : rows) {
            assertThat(serializer.read(in)).isEqualTo(row);
        }
        assertThat(in.available()).isZero();
    }

    @Test
    void binaryRowsRoundTripAsKeys() throws IOException {
        RowType keyType = TYPE.project(new int[] {3, 4, 9, 13, 23});
        BinaryRowSerializer serializer = new BinaryRowSerializer(keyType.fieldCount());
        for (int seed = 0; seed < 500; seed++) {
            BinaryRow key = InternalRows.toBinaryRow(RandomRows.row(new Random(seed), keyType), keyType);
            BinaryRow read = serializer.read(input(serialize(serializer, key)));
            assertThat(read).isEqualTo(key).hasSameHashCodeAs(key);
            assertThat(InternalRows.toGenericRow(read, keyType)).isEqualTo(InternalRows.toGenericRow(key, keyType));
        }
        assertThat(new BinaryRowSerializer(0).read(input(serialize(new BinaryRowSerializer(0), BinaryRow.EMPTY_ROW))))
                .isEqualTo(BinaryRow.EMPTY_ROW);
    }

    @Test
    void plugsIntoTheLsmRecordFormat() throws IOException {
        RowType keyType = RowType.builder().field("id", BIGINT().notNull()).build();
        RowType valueType = RowType.builder().field("id", BIGINT().notNull()).field("name", STRING()).build();
        KeyValueSerializer<BinaryRow, InternalRow> records =
                new KeyValueSerializer<>(new BinaryRowSerializer(1), new InternalRowSerializer(valueType));
        GenericRow value = GenericRow.of(7L, BinaryString.fromString("seven"));
        BinaryRow key = new KeyProjection(valueType, new int[] {0}).apply(value);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        records.write(new KeyValue<>(key, 12L, RowKind.UPDATE_AFTER, value), new DataOutputStream(bytes));
        KeyValue<BinaryRow, InternalRow> read = records.read(input(bytes.toByteArray()));
        assertThat(read.key()).isEqualTo(key);
        assertThat(read.sequenceNumber()).isEqualTo(12L);
        assertThat(read.kind()).isEqualTo(RowKind.UPDATE_AFTER);
        assertThat(read.value()).isEqualTo(value);
        assertThat(InternalRows.toString(read.key(), keyType)).isEqualTo("+I(id=7)");
    }

    @Test
    void rejectsRowsThatDoNotFitTheType() {
        RowType type = RowType.builder().field("price", DECIMAL(10, 2)).build();
        InternalRowSerializer serializer = new InternalRowSerializer(type);
        GenericRow wrongScale = GenericRow.of(Decimal.fromBigDecimal(new BigDecimal("1.5"), 10, 1));
        assertThatThrownBy(() -> serialize(serializer, wrongScale))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Decimal 1.5 of type DECIMAL(10, 1) at position 0 does not match the type DECIMAL(10, 2)");
        assertThatThrownBy(() -> serialize(serializer, GenericRow.of(null, null)))
                .hasMessageContaining("Cannot write a row of 2 fields");
        assertThatThrownBy(() -> serialize(new BinaryRowSerializer(2), BinaryRow.EMPTY_ROW))
                .hasMessageContaining("Cannot write a row of 0 fields with a serializer for rows of 2 fields");
    }

    @Test
    void corruptLengthsAreReported() {
        byte[] negative = {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff};
        assertThatThrownBy(() -> new BinaryRowSerializer(1).read(input(negative)))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("Corrupt binary row: length -1");
    }

    static <T> byte[] serialize(io.tstore.lsm.io.Serializer<T> serializer, T value) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        serializer.write(value, new DataOutputStream(bytes));
        return bytes.toByteArray();
    }

    static DataInputStream input(byte[] bytes) {
        return new DataInputStream(new ByteArrayInputStream(bytes));
    }
}
