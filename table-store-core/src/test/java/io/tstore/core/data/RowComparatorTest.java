package io.tstore.core.data;

import io.tstore.core.types.DataType;
import io.tstore.core.types.RowType;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

import static io.tstore.core.types.DataTypes.ARRAY;
import static io.tstore.core.types.DataTypes.BIGINT;
import static io.tstore.core.types.DataTypes.BINARY;
import static io.tstore.core.types.DataTypes.BOOLEAN;
import static io.tstore.core.types.DataTypes.CHAR;
import static io.tstore.core.types.DataTypes.DATE;
import static io.tstore.core.types.DataTypes.DECIMAL;
import static io.tstore.core.types.DataTypes.DOUBLE;
import static io.tstore.core.types.DataTypes.FLOAT;
import static io.tstore.core.types.DataTypes.INT;
import static io.tstore.core.types.DataTypes.MAP;
import static io.tstore.core.types.DataTypes.SMALLINT;
import static io.tstore.core.types.DataTypes.STRING;
import static io.tstore.core.types.DataTypes.TIME;
import static io.tstore.core.types.DataTypes.TIMESTAMP;
import static io.tstore.core.types.DataTypes.TIMESTAMP_LTZ;
import static io.tstore.core.types.DataTypes.TINYINT;
import static io.tstore.core.types.DataTypes.VARBINARY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RowComparatorTest {
    /** Every orderable type; values come from tiny pools so that most comparisons reach the later fields. */
    private static final RowType KEY_TYPE = RowType.builder()
            .field("bool", BOOLEAN())
            .field("tiny", TINYINT())
            .field("small", SMALLINT())
            .field("int", INT())
            .field("big", BIGINT())
            .field("float", FLOAT())
            .field("double", DOUBLE())
            .field("dec", DECIMAL(5, 2))
            .field("big_dec", DECIMAL(25, 3))
            .field("string", STRING())
            .field("char", CHAR(3))
            .field("binary", BINARY(3))
            .field("varbinary", VARBINARY(5))
            .field("date", DATE())
            .field("time", TIME(3))
            .field("ts3", TIMESTAMP(3))
            .field("ts9", TIMESTAMP(9))
            .field("ltz", TIMESTAMP_LTZ(6))
            .build();

    @Test
    void ordersLikeJavaValuesWithNullsFirst() {
        for (int seed = 0; seed < 20; seed++) {
            Random random = new Random(seed);
            List<GenericRow> rows = randomRows(random, 150);
            RowComparator comparator = new RowComparator(KEY_TYPE);
            List<BinaryRow> binaryRows = rows.stream().map(r -> InternalRows.toBinaryRow(r, KEY_TYPE)).toList();
            for (int i = 0; i < rows.size(); i++) {
                for (int j = 0; j < rows.size(); j++) {
                    int expected = Integer.signum(JAVA_ORDER.compare(rows.get(i), rows.get(j)));
                    assertThat(Integer.signum(comparator.compare(rows.get(i), rows.get(j))))
                            .as("seed %d: %s vs %s", seed, rows.get(i), rows.get(j)).isEqualTo(expected);
                    assertThat(Integer.signum(comparator.compare(binaryRows.get(i), binaryRows.get(j))))
                            .as("binary, seed %d: %s vs %s", seed, rows.get(i), rows.get(j)).isEqualTo(expected);
                    assertThat(Integer.signum(comparator.compare(rows.get(i), binaryRows.get(j)))).isEqualTo(expected);
                    // equal in order exactly when equal as keys
                    assertThat(binaryRows.get(i).equals(binaryRows.get(j))).isEqualTo(expected == 0);
                }
            }
        }
    }

    @Test
    void ordersNegativeNumbersBeforePositiveOnes() {
        RowType type = RowType.builder().field("a", BIGINT()).field("b", DOUBLE()).field("c", DECIMAL(30, 2)).build();
        RowComparator comparator = new RowComparator(type);
        Decimal minusOne = Decimal.fromUnscaledLong(-100, 30, 2);
        Decimal one = Decimal.fromUnscaledLong(100, 30, 2);
        assertThat(comparator.compare(GenericRow.of(-1L, 0.0, one), GenericRow.of(1L, 0.0, one))).isNegative();
        assertThat(comparator.compare(GenericRow.of(null, 0.0, one), GenericRow.of(Long.MIN_VALUE, 0.0, one))).isNegative();
        assertThat(comparator.compare(GenericRow.of(1L, -0.5, one), GenericRow.of(1L, 0.5, one))).isNegative();
        assertThat(comparator.compare(GenericRow.of(1L, 0.5, minusOne), GenericRow.of(1L, 0.5, one))).isNegative();
        assertThat(comparator.compare(GenericRow.of(1L, 0.5, null), GenericRow.of(1L, 0.5, null))).isZero();
    }

    @Test
    void comparesChosenFieldsInTheirOrder() {
        RowType type = RowType.builder().field("a", INT()).field("b", STRING()).build();
        RowComparator byB = new RowComparator(type, new int[] {1, 0});
        assertThat(byB.compare(GenericRow.of(2, BinaryString.fromString("a")), GenericRow.of(1, BinaryString.fromString("b"))))
                .isNegative();
        assertThat(byB.compare(GenericRow.of(2, BinaryString.fromString("a")), GenericRow.of(1, BinaryString.fromString("a"))))
                .isPositive();
    }

    @Test
    void nestedTypesHaveNoOrder() {
        RowType type = RowType.builder().field("id", INT()).field("tags", ARRAY(STRING())).build();
        assertThatThrownBy(() -> new RowComparator(type))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Field 'tags' of type ARRAY<STRING> cannot be part of a sort key: "
                        + "values of type ARRAY have no order");
        assertThatThrownBy(() -> new RowComparator(RowType.builder().field("m", MAP(INT(), INT())).build()))
                .hasMessageContaining("Field 'm' of type MAP<INT, INT>");
        assertThat(new RowComparator(type, new int[] {0}).compare(GenericRow.of(1, null), GenericRow.of(2, null)))
                .isNegative();
    }

    private static List<GenericRow> randomRows(Random random, int count) {
        List<Object[]> pools = new ArrayList<>();
        for (DataType type : KEY_TYPE.fieldTypes()) {
            Object[] pool = new Object[1 + random.nextInt(3)];
            for (int i = 0; i < pool.length; i++) {
                pool[i] = RandomRows.value(random, type);
            }
            pools.add(pool);
        }
        List<GenericRow> rows = new ArrayList<>();
        for (int r = 0; r < count; r++) {
            Object[] values = new Object[pools.size()];
            for (int f = 0; f < values.length; f++) {
                Object[] pool = pools.get(f);
                values[f] = random.nextInt(6) == 0 ? null : pool[random.nextInt(pool.length)];
            }
            rows.add(GenericRow.of(values));
        }
        return rows;
    }

    /** The expected order, from Java's own value types. */
    private static final Comparator<GenericRow> JAVA_ORDER = (a, b) -> {
        for (int i = 0; i < a.getFieldCount(); i++) {
            Object x = a.getField(i);
            Object y = b.getField(i);
            if (x == null || y == null) {
                if (x != y) {
                    return x == null ? -1 : 1;
                }
                continue;
            }
            int result = compareJava(x, y);
            if (result != 0) {
                return result;
            }
        }
        return 0;
    };

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static int compareJava(Object x, Object y) {
        if (x instanceof BinaryString) {
            return Arrays.compare(x.toString().codePoints().toArray(), y.toString().codePoints().toArray());
        }
        if (x instanceof byte[] bx) {
            return Arrays.compareUnsigned(bx, (byte[]) y);
        }
        if (x instanceof Decimal dx) {
            return dx.toBigDecimal().compareTo(((Decimal) y).toBigDecimal());
        }
        if (x instanceof Timestamp tx) {
            return tx.toLocalDateTime().compareTo(((Timestamp) y).toLocalDateTime());
        }
        return ((Comparable) x).compareTo(y); // Boolean, Byte, Short, Integer, Long, Float, Double
    }
}
